"""Looking for damage in an event file without modifying it: SQLite's checks and stored values.

SQLite's quick check misses an index that no longer matches its table, and neither check sees a
date whose digits were damaged; both would break the app later (a write into a damaged index, a
crash when the date is read). The full check finds them, at about 12 ms per megabyte here.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Boolean, Date, DateTime, Integer, String, Text, Time, TypeDecorator
from sqlalchemy.dialects import sqlite as sqlite_dialect

# Up to this size the full check runs at every opening (about 100 ms here at the limit); a larger
# file gets it when the last session did not close it cleanly (its write-ahead log is still there).
FULL_CHECK_MAX_BYTES = 8 * 1024 * 1024
COMPANION_SUFFIXES = ("-wal", "-shm", "-journal")
_MAX_REPORTED = 3


# SQLite's primary result codes that mean the file itself is damaged; any other error (busy, I/O,
# a file it cannot open) says nothing about the file's contents.
SQLITE_CORRUPT, SQLITE_NOTADB = 11, 26


def is_damage(error: sqlite3.Error) -> bool:
    """Whether an error from SQLite means the database file is damaged."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (SQLITE_CORRUPT, SQLITE_NOTADB)
    text = str(error)
    return "malformed" in text or "not a database" in text


def real_path(path: Path) -> Path:
    """The file SQLite really opens: it names its log after the target of a link."""
    return Path(os.path.realpath(path))


def companions(path: Path) -> list[Path]:
    """The files SQLite keeps beside a database while it is in use or after a crash."""
    real = real_path(path)
    return [real.with_name(real.name + suffix) for suffix in COMPANION_SUFFIXES]


def in_use_or_unclean(path: Path) -> bool:
    """A write-ahead log or rollback journal lies beside the file: in use, or left by a crash."""
    wal, _shm, journal = companions(path)
    return wal.exists() or journal.exists()


def sqlite_uri(path: Path, **options: str) -> str:
    """A `file:` URI SQLite accepts for any path: spaces, « # », a Windows drive or share."""
    return file_uri(str(real_path(path)), windows=os.sep == "\\", **options)


def file_uri(path: str, *, windows: bool, **options: str) -> str:
    """The `file:` URI of an absolute path (`Path.as_uri()` gives `file://server/share/…` for a
    Windows share, which SQLite refuses as an authority)."""
    text = path.replace("\\", "/") if windows else path
    if not text.startswith("/"):
        text = "/" + text  # C:/… becomes /C:/…; a share //server/… keeps its two slashes
    query = "&".join(f"{key}={value}" for key, value in options.items())
    return "file://" + quote(text, safe="/:") + (f"?{query}" if query else "")


@contextmanager
def read_only_connection(
    path: Path, *, immutable: bool | None = None
) -> Iterator[sqlite3.Connection]:
    """A connection that can only read `path`.

    By default, with no log or journal beside the file, it is opened as immutable, so that
    SQLite creates no -wal or -shm beside it (a refused file must be left exactly as it was, and a
    read-only folder cannot take them). Such a connection takes no lock: a process that opens the
    file meanwhile may change pages under it, so a finding made that way must be confirmed with
    `immutable=False`. With a log beside the file, the log holds committed data and is read too.
    """
    if immutable is None:
        immutable = not in_use_or_unclean(path)
    options = {"mode": "ro", "immutable": "1"} if immutable else {"mode": "ro"}
    conn = sqlite3.connect(sqlite_uri(path, **options), uri=True, check_same_thread=False)
    conn.text_factory = decode_text
    try:
        yield conn
    finally:
        conn.close()


def decode_text(raw: bytes) -> str:
    """Stored text as a str, even when damage left bytes that are not UTF-8."""
    return raw.decode("utf-8", errors="replace")


def should_check_fully(path: Path) -> bool:
    """Whether the full check is affordable or called for at this opening."""
    try:
        size = path.stat().st_size
    except OSError:
        return True
    return size <= FULL_CHECK_MAX_BYTES or in_use_or_unclean(path)


@dataclass(frozen=True)
class Damage:
    """One thing found damaged: SQLite's own words, a dangling reference, or a stored value."""

    kind: str  # SQLITE, DANGLING or VALUE
    text: str = ""  # SQLite's words (SQLITE)
    table: str = ""
    row: int = 0
    column: str = ""  # the column (VALUE) or the table referred to (DANGLING)
    value: str = ""


SQLITE, DANGLING, VALUE = "sqlite", "dangling", "value"


def find_damage(conn: sqlite3.Connection, *, full: bool, values: bool) -> list[Damage]:
    """What is damaged in the database behind `conn` (the first few findings); [] if nothing.

    `full` runs SQLite's integrity check (indexes against tables, constraints) instead of its
    quick check; `values` also reads every stored date, time and typed value as the app would.
    """
    pragma = "integrity_check" if full else "quick_check"
    rows = [str(row[0]) for row in conn.execute(f"PRAGMA {pragma}({_MAX_REPORTED})").fetchall()]
    if rows != ["ok"]:
        return [Damage(SQLITE, text=row) for row in rows[:_MAX_REPORTED]]
    if not full:
        return []
    dangling = conn.execute("PRAGMA foreign_key_check").fetchmany(_MAX_REPORTED)
    if dangling:
        return [
            Damage(DANGLING, table=str(table), row=int(rowid or 0), column=str(parent))
            for table, rowid, parent, _index in dangling
        ]
    return unreadable_values(conn) if values else []


# ------------------------------------------------------------------------------ stored values

_DATE_OK = "(typeof({c}) = 'text' AND length({c}) = 10 AND date({c}) IS {c} AND {c} > '0001')"
_CLOCK_OK = (
    "(time(substr({c}, {at}, 8)) IS substr({c}, {at}, 8) AND (length({c}) = {at} + 7 OR "
    "substr({c}, {at} + 8) GLOB '.[0-9][0-9][0-9][0-9][0-9][0-9]'))"
)
_DATETIME_OK = (
    "(typeof({c}) = 'text' AND substr({c}, 11, 1) = ' ' AND {c} > '0001' AND "
    "date(substr({c}, 1, 10)) IS substr({c}, 1, 10) AND " + _CLOCK_OK.replace("{at}", "12") + ")"
)
_TIME_OK = "(typeof({c}) = 'text' AND " + _CLOCK_OK.replace("{at}", "1") + ")"


def _value_checks() -> list[tuple[str, list[tuple[str, str, Callable[[Any], Any] | None]]]]:
    """For each table: (column, SQL condition true when the value is suspect, exact reader)."""
    from facilitator.store.models import Base

    dialect = sqlite_dialect.dialect()
    checks = []
    for table in Base.metadata.sorted_tables:
        columns: list[tuple[str, str, Callable[[Any], Any] | None]] = []
        for column in table.columns:
            name = f'"{column.name}"'
            kind = column.type
            if isinstance(kind, TypeDecorator):  # read strictly here: leniency is for later reads
                kind = kind.impl_instance
            reader = kind.result_processor(dialect, None)
            if isinstance(kind, DateTime):
                ok = _DATETIME_OK
            elif isinstance(kind, Date):
                ok = _DATE_OK
            elif isinstance(kind, Time):
                ok = _TIME_OK
            elif isinstance(kind, String | Text):
                ok, reader = "(typeof({c}) = 'text')", None
            elif isinstance(kind, Integer | Boolean):
                ok, reader = "(typeof({c}) IN ('integer', 'real'))", None
            else:
                continue
            columns.append(
                (column.name, f"({name} IS NOT NULL AND NOT {ok.format(c=name)})", reader)
            )
        if columns:
            checks.append((table.name, columns))
    return checks


def unreadable_values(conn: sqlite3.Connection) -> list[Damage]:
    """Stored values the app could not read (a damaged date, text where a number belongs)."""
    existing = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    problems: list[Damage] = []
    for table, columns in _value_checks():
        if table not in existing:
            continue
        suspects = ", ".join(condition for _name, condition, _reader in columns)
        names = ", ".join(f'"{name}"' for name, _condition, _reader in columns)
        query = (
            f'SELECT rowid, {suspects}, {names} FROM "{table}" '
            f"WHERE {' OR '.join(condition for _name, condition, _reader in columns)}"
        )
        for row in conn.execute(query):
            rowid, flags, values = row[0], row[1 : 1 + len(columns)], row[1 + len(columns) :]
            for (name, _condition, reader), suspect, value in zip(
                columns, flags, values, strict=True
            ):
                if suspect and not _readable(reader, value):
                    problems.append(
                        Damage(VALUE, table=table, row=rowid, column=name, value=str(value)[:40])
                    )
            if len(problems) >= _MAX_REPORTED:
                return problems[:_MAX_REPORTED]
    return problems


def _readable(reader: Callable[[Any], Any] | None, value: object) -> bool:
    """Whether the app's own reader accepts a value that does not look as the app writes it."""
    if reader is None:
        return False
    try:
        reader(value)
    except (ValueError, TypeError, OverflowError):
        return False
    return True
