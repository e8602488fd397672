"""Whether a file can be used as an event: readable, writable, a Facilitator event, not damaged.

Every check here only reads: a refused file is left exactly as it was, with nothing beside it.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
import stat
import sys
from pathlib import Path

from facilitator.core.os_errors import reason
from facilitator.i18n import N_, _
from facilitator.store import backups
from facilitator.store.integrity import (
    DANGLING,
    SQLITE,
    VALUE,
    Damage,
    find_damage,
    read_only_connection,
    should_check_fully,
)
from facilitator.store.schema import head_revision, known_revisions

SQLITE_HEADER = b"SQLite format 3\x00"


class DatabaseRefused(Exception):
    """The database cannot be used; the message says why, for a person.

    `why` is the reason alone (« the file is empty »), for a sentence about another use of the
    same file (a copy given to put back).
    """

    def __init__(self, message: str, why: str = "") -> None:
        super().__init__(message)
        self.why = why or message


class DatabaseReadOnly(DatabaseRefused):
    """The event file, its folder or its disk cannot be written."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path, self.reason = path, reason
        super().__init__(
            _(
                "The event file {path} cannot be written: {reason}. Copy it to a folder where you "
                "can write (Documents, for example) and open the copy, or remove the write "
                "protection of the file, its folder or its USB stick."
            ).format(path=path, reason=reason),
            why=reason,
        )


class DatabaseDamaged(DatabaseRefused):
    """The event file is damaged; `good_backup` is the newest backup that passes every check."""

    def __init__(self, path: Path, damage: list[Damage], good_backup: Path | None) -> None:
        self.path, self.good_backup = path, good_backup
        self.detail = describe_damage(damage)
        message = _("The database {path} is damaged ({detail}); it was left untouched.").format(
            path=path, detail=self.detail
        )
        if good_backup is not None:
            message += " " + _(
                "The latest intact backup is from {when}: « {command} » puts it back "
                "(the damaged file is kept aside)."
            ).format(
                when=backup_time(good_backup).strftime("%d/%m/%Y %H:%M"),
                command=f"facilitator --db {_quoted(path)} restore {_quoted(good_backup)}",
            )
        else:
            message += " " + _("No intact backup was found in {folder}.").format(
                folder=backups.backups_folder(path)
            )
        super().__init__(message, why=_("it is damaged ({detail})").format(detail=self.detail))


# SQLite's words for what its checks find, and ours.
_SQLITE_WORDS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"row (?P<row>\d+) missing from index (?P<index>\S+)"),
     N_("row {row} is missing from the index {index}")),
    (re.compile(r"wrong # of entries in index (?P<index>\S+)"),
     N_("the index {index} has the wrong number of entries")),
    (re.compile(r"database disk image is malformed"), N_("its structure is damaged")),
    (re.compile(r"file is not a database"), N_("it is not a readable SQLite file")),
    (re.compile(r"NULL value in (?P<column>\S+)"),
     N_("an empty value where one is required ({column})")),
]  # fmt: skip


def describe_damage(damage: list[Damage]) -> str:
    """The findings of a check, in words for a person (SQLite's own when we have none)."""
    parts = []
    for finding in damage:
        if finding.kind == VALUE:
            parts.append(
                _("unreadable value in {table}, row {row}, {column}: « {value} »").format(
                    table=finding.table, row=finding.row, column=finding.column, value=finding.value
                )
            )
        elif finding.kind == DANGLING:
            parts.append(
                _("row {row} of {table} refers to a missing row of {parent}").format(
                    table=finding.table, row=finding.row, parent=finding.column
                )
            )
        else:
            parts.append(_sqlite_words(finding.text))
    return "; ".join(parts)


def _sqlite_words(text: str) -> str:
    for pattern, words in _SQLITE_WORDS:
        found = pattern.search(text)
        if found:
            return _(words).format(**found.groupdict())
    return text


def _quoted(path: Path) -> str:
    text = str(path)
    return f'"{text}"' if any(char.isspace() for char in text) else text


def backup_time(path: Path) -> dt.datetime:
    """When a backup was taken (its file's modification time, local)."""
    return dt.datetime.fromtimestamp(path.stat().st_mtime)


# ------------------------------------------------------------------------------ writing


def write_problem(path: Path) -> str | None:
    """Why the event file at `path` (or a new one there) cannot be written; None if it can.

    A file or folder marked read-only counts as such even for an administrator, who could
    write it anyway: the mark says the user does not want it changed.
    """
    folder = path.parent
    try:
        if _read_only_disk(folder):
            return _("the disk or USB stick holding it is read-only")
        if path.exists():
            mode = path.stat().st_mode
            if not os.access(path, os.W_OK) or not mode & stat.S_IWUSR:
                return _("the file is read-only")
        if not _folder_writable(folder):
            return _("the folder {folder} does not accept new files").format(folder=folder)
    except OSError as exc:
        return reason(exc)
    return None


def write_failure(path: Path | None, error: BaseException) -> str | None:
    """Why a write into the event file failed, for a person; None when the cause is elsewhere.

    Meant for a write refused while the app runs (a USB stick pulled out or locked, a full disk).
    """
    text = str(getattr(error, "orig", None) or error).lower()
    where = path if path is not None else "?"
    problem = write_problem(path) if path is not None else None
    if problem or "readonly" in text or "read-only" in text:
        refusal = DatabaseReadOnly(Path(where), problem or _("the file is read-only"))
        return _("Nothing was recorded.") + " " + str(refusal)
    if "disk i/o error" in text or "unable to open" in text:
        return _(
            "The event file {path} could not be written (a disk error: was the USB stick "
            "removed?). Nothing was recorded; put the disk back, then try again."
        ).format(path=where)
    if "is full" in text:
        return _(
            "The disk holding the event file {path} is full: nothing was recorded. Free some "
            "space, then try again."
        ).format(path=where)
    if "locked" in text or "busy" in text:
        return _(
            "The event file {path} is busy in another program: nothing was recorded. "
            "Try again in a moment."
        ).format(path=where)
    return None


def _read_only_disk(folder: Path) -> bool:
    if not hasattr(os, "statvfs"):
        return False
    return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)


def _folder_writable(folder: Path) -> bool:
    """SQLite writes its log and lock files beside the event file, and backups go there too."""
    if sys.platform == "win32":
        # Windows marks ordinary folders read-only for its own purposes: only trying tells.
        probe = folder / f".facilitator-write-test-{os.getpid()}"
        try:
            os.close(os.open(probe, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        except OSError:
            return False
        probe.unlink(missing_ok=True)
        return True
    return os.access(folder, os.W_OK | os.X_OK) and bool(folder.stat().st_mode & stat.S_IWUSR)


# ------------------------------------------------------------------------------ reading


def inspect_sqlite_file(path: Path, *, full: bool | None = None) -> str:
    """Check an existing event file without modifying it; returns its schema revision.

    Raises DatabaseRefused for a file that is empty, not SQLite, not a Facilitator event, from a
    newer version, or damaged (DatabaseDamaged, with the newest intact backup). `full` forces
    the full check on or off; by default it runs when affordable or after an unclean close.
    """
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise DatabaseRefused(
            _("Cannot read the database {path}: {error}").format(path=path, error=reason(exc)),
            why=_("it cannot be read ({error})").format(error=reason(exc)),
        ) from exc
    if not header:
        raise DatabaseRefused(
            _(
                "{path} is empty (0 bytes): it holds no event and was left untouched. To create a "
                "new event, choose another file name or delete this empty file."
            ).format(path=path),
            why=_("the file is empty (0 bytes)"),
        )
    if header != SQLITE_HEADER:
        raise DatabaseRefused(
            _(
                "{path} is not a Facilitator database (not an SQLite file); it was left untouched."
            ).format(path=path),
            why=_("it is not a Facilitator event file"),
        )
    revision, damage = _read_revision_and_damage(path, full)
    if damage:
        raise DatabaseDamaged(path, damage, latest_good_backup(path))
    return revision


def _read_revision_and_damage(path: Path, full: bool | None) -> tuple[str, list[Damage]]:
    try:
        with read_only_connection(path) as conn:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
            if "alembic_version" not in tables:
                raise DatabaseRefused(
                    _(
                        "{path} is an SQLite file but not a Facilitator database; "
                        "it was left untouched."
                    ).format(path=path),
                    why=_("it is an SQLite file of another application"),
                )
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = str(row[0]) if row else ""
            if revision not in known_revisions():
                raise DatabaseRefused(
                    _(
                        "The database {path} was written by a newer version of Facilitator; "
                        "update the application to open it. The file was left untouched."
                    ).format(path=path),
                    why=_("it was written by a newer version of Facilitator"),
                )
            check_fully = should_check_fully(path) if full is None else full
            damage = find_damage(
                conn, full=check_fully, values=check_fully and revision == head_revision()
            )
            return revision, damage
    except sqlite3.OperationalError as exc:
        if "unable to open" in str(exc) or "readonly" in str(exc):
            raise DatabaseReadOnly(
                path, _("SQLite cannot read it where it is ({error})").format(error=exc)
            ) from exc
        return "", [Damage(SQLITE, text=str(exc))]
    except sqlite3.DatabaseError as exc:
        return "", [Damage(SQLITE, text=str(exc))]


def check_event_file(path: Path) -> str:
    """Check a file given as an event to put back (a backup): everything, whatever its size.

    A refusal says why this copy cannot be put back, and that the current event is unchanged.
    """
    if path.is_dir():
        why = _("it is a folder; choose a backup file")
    elif not path.exists():
        why = _("there is no file there")
    else:
        try:
            return inspect_sqlite_file(path, full=True)
        except DatabaseRefused as exc:
            why = exc.why
    raise DatabaseRefused(
        _("{path} cannot be put back: {why}. The current event was not changed.").format(
            path=path, why=why
        ),
        why=why,
    )


def latest_good_backup(database: Path) -> Path | None:
    """The newest backup (rolling or kept) of `database` that passes every check."""
    for backup in reversed(backups.all_backups(database)):
        try:
            check_event_file(backup)
        except DatabaseRefused:
            continue
        return backup
    return None
