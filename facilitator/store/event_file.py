"""Whether a file can be used as an event: readable, writable, a Facilitator event, not damaged.

Every check here only reads: a refused file is left exactly as it was, with nothing beside it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import secrets
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
    companions,
    find_damage,
    in_use_or_unclean,
    is_damage,
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
                "The event file {path} cannot be written: {reason}. Copy it (with the file of the "
                "same name ending in « -wal », if there is one) to a folder where you can write, "
                "Documents for example, and open the copy; or remove the write protection of the "
                "file, its folder or its USB stick."
            ).format(path=path, reason=reason),
            why=reason,
        )


class DatabaseUnreadableHere(DatabaseReadOnly):
    """A file SQLite cannot even read where it is: its folder is read-only and its log is there."""

    def __init__(self, path: Path, error: str) -> None:
        DatabaseRefused.__init__(
            self,
            _(
                "The event file {path} cannot be read where it is ({error}): it was not closed "
                "properly and its folder cannot be written. Copy it, with the file of the same "
                "name ending in « -wal », to a folder where you can write, and open the copy."
            ).format(path=path, error=error),
            why=_("it cannot be read where it is ({error})").format(error=error),
        )
        self.path, self.reason = path, error


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
    (re.compile(r"unable to open database file"), N_("the file cannot be opened")),
    (re.compile(r"attempt to write a readonly database"), N_("the file is read-only")),
    (re.compile(r"database is locked"), N_("another program is using it")),
    (re.compile(r"disk I/O error"), N_("a disk error")),
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
        probe = folder / f".facilitator-write-test-{secrets.token_hex(6)}"
        try:
            os.close(os.open(probe, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        except OSError:
            return False
        with contextlib.suppress(OSError):  # an antivirus may hold it a moment: still writable
            probe.unlink()
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
    """The file's revision and what is damaged in it, confirmed under SQLite's locks.

    The first look takes no lock and creates nothing beside the file (see read_only_connection);
    another process may have changed pages under it, so whatever it refuses is looked at again
    with SQLite's locks before the file is called damaged or new: a healthy file is never
    refused for a look that raced with a desk's checkpoint.
    """
    lock_free = not in_use_or_unclean(path)
    confirm = lock_free and _folder_writable(path.parent)
    try:
        revision, damage = _look(path, full, immutable=lock_free)
    except DatabaseReadOnly:
        raise
    except DatabaseRefused:
        if not confirm:
            raise
    else:
        if not damage or not confirm:
            return revision, damage
    created = [companion for companion in companions(path) if not companion.exists()]
    try:
        return _look(path, full, immutable=False)
    finally:
        _remove_if_unused(created)


def _remove_if_unused(created: list[Path]) -> None:
    """Remove the empty log and index that the confirming look made beside a refused file.

    Only when it made both: an index that was there before may be another process's.
    """
    made = {path.name.rsplit("-", 1)[-1]: path for path in created}
    wal, shm = made.get("wal"), made.get("shm")
    if wal is None or shm is None:
        return
    try:
        if wal.exists() and wal.stat().st_size == 0:
            wal.unlink()
            shm.unlink(missing_ok=True)
    except OSError:
        pass  # left as SQLite made them: harmless, and never a reason to fail


def _look(path: Path, full: bool | None, *, immutable: bool) -> tuple[str, list[Damage]]:
    try:
        with read_only_connection(path, immutable=immutable) as conn:
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
    except sqlite3.Error as exc:
        if is_damage(exc):
            return "", [Damage(SQLITE, text=str(exc))]
        words = _sqlite_words(str(exc))
        if "unable to open" in str(exc) or "readonly" in str(exc):
            raise DatabaseUnreadableHere(path, words) from exc
        raise DatabaseRefused(
            _("The event file {path} cannot be read now ({error}); try again in a moment.").format(
                path=path, error=words
            ),
            why=_("it cannot be read now ({error})").format(error=words),
        ) from exc


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
    """The newest rolling backup of `database` that passes every check.

    Copies kept before a restore are left out: they hold a state the user chose to leave.
    """
    for backup in reversed(backups.list_backups(database)):
        try:
            check_event_file(backup)
        except DatabaseRefused:
            continue
        return backup
    return None
