"""Opening an event database safely: checks, creation, backup, migration, and the engine's pragmas.

A file that is empty, not SQLite, damaged, or written by a newer version is refused with
`DatabaseRefused` and never modified; so is a read-only one when the command would write. Only the
commands that create an event (init, new, demo, the desktop app) create a file, and they build it
whole under a temporary name first. SQLite-specific SQL lives here, in backups.py and integrity.py.
"""

from __future__ import annotations

import os
import secrets
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, NullPool, QueuePool, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from facilitator.i18n import _
from facilitator.store import backups
from facilitator.store.event_file import (
    SQLITE_HEADER,
    DatabaseDamaged,
    DatabaseReadOnly,
    DatabaseRefused,
    check_event_file,
    inspect_sqlite_file,
    latest_good_backup,
    write_problem,
)
from facilitator.store.integrity import companions, decode_text, in_use_or_unclean, sqlite_uri
from facilitator.store.schema import (
    alembic_config,
    current_revision,
    head_revision,
    known_revisions,
    upgrade,
)

__all__ = [
    "SQLITE_HEADER",
    "Database",
    "DatabaseDamaged",
    "DatabaseReadOnly",
    "DatabaseRefused",
    "alembic_config",
    "check_event_file",
    "head_revision",
    "inspect_sqlite_file",
    "known_revisions",
    "latest_good_backup",
    "open_database",
    "restore_database",
    "restore_event_file",
]

BUSY_TIMEOUT_MS = 15_000
WAL_AUTOCHECKPOINT_PAGES = 8_000


def default_database_path() -> Path:
    """`$FACILITATOR_DB`, else facilitator.sqlite3 in the data folder (Qt's AppDataLocation)."""
    env = os.environ.get("FACILITATOR_DB")
    if env:
        return Path(env)
    return data_folder() / "facilitator.sqlite3"


def data_folder() -> Path:
    """The folder QStandardPaths.AppDataLocation gives for this app, computed without Qt."""
    import sys

    home = Path.home()
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or home / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    return base / "facilitator"


def database_url(target: str | os.PathLike[str] | None) -> str:
    """A SQLAlchemy URL for a path or URL given by the user (None: the default file)."""
    if target is None:
        target = default_database_path()
    text = os.fspath(target)
    if "://" in text:
        return text
    return "sqlite:///" + str(Path(text).expanduser().absolute())


def _configure_sqlite(engine: Engine, *, read_only: bool = False) -> None:
    """Durability and concurrency settings for every SQLite connection (DESIGN.md)."""

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's begin event emit BEGIN itself (pysqlite's own is deferred).
        dbapi_connection.isolation_level = None
        # Text damaged on disk reads as « � », never as an exception in the middle of a list.
        dbapi_connection.text_factory = decode_text
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if not read_only:
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = FULL")
            # Checkpoints inside a desk's commit cost up to a few hundred ms; the app checkpoints
            # in the background (Database.checkpoint) and this only bounds the log when it is not
            # running.
            cursor.execute(f"PRAGMA wal_autocheckpoint = {WAL_AUTOCHECKPOINT_PAGES}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection: Any) -> None:
        # Writes take the lock at BEGIN: deferred transactions lose read-then-write updates and
        # fail with « database is locked » under concurrency. Read-only sessions stay deferred.
        if read_only or connection.get_execution_options().get("read_only"):
            connection.exec_driver_sql("BEGIN")
        else:
            connection.exec_driver_sql("BEGIN IMMEDIATE")


def _read_only_engine(path: Path) -> Engine:
    """An engine that only reads a file in a place that cannot be written (a locked USB stick)."""
    # Immutable when no log is beside it: nobody writes it, and its folder cannot take a -shm.
    options = {"mode": "ro"} if in_use_or_unclean(path) else {"mode": "ro", "immutable": "1"}
    uri = sqlite_uri(path, **options)
    engine = create_engine(
        "sqlite://",
        creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False),
        poolclass=QueuePool,
    )
    _configure_sqlite(engine, read_only=True)
    return engine


def _create_event_file(path: Path) -> None:
    """Build a new event file at `path` whole: migrated under a temporary name, then linked in.

    A power cut during creation leaves a hidden temporary file, never a half-made event file.
    """
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseRefused(
            _("Cannot create the folder {folder}: {error}").format(
                folder=folder, error=exc.strerror or exc
            )
        ) from exc
    problem = write_problem(path)
    if problem:
        raise DatabaseReadOnly(path, problem)
    partial = folder / f".{path.name}.{secrets.token_hex(4)}.creating"
    try:
        os.close(os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        url = "sqlite:///" + str(partial)
        engine = create_engine(url, poolclass=NullPool)
        _configure_sqlite(engine)
        try:
            upgrade(engine, url)
        finally:
            engine.dispose()
        # Out of WAL mode, so that the file holds everything by itself when it is linked in.
        conn = sqlite3.connect(partial)
        try:
            conn.execute("PRAGMA journal_mode = DELETE")
        finally:
            conn.close()
        with partial.open("rb+") as handle:
            os.fsync(handle.fileno())
        try:
            os.link(partial, path)  # never over a file another process created meanwhile
        except FileExistsError:
            pass
        except OSError:  # a file system without hard links (FAT on a USB stick)
            if not path.exists():
                os.replace(partial, path)
        backups.sync_folder(folder)
    finally:
        for leftover in [partial, *companions(partial)]:
            leftover.unlink(missing_ok=True)


@dataclass
class Database:
    """An open event database: the engine and how to get sessions from it."""

    engine: Engine
    url: str
    path: Path | None
    read_only: bool = False

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def session(self) -> Session:
        """A session for one unit of work that writes (transaction opened with BEGIN IMMEDIATE)."""
        return Session(self.engine, expire_on_commit=False)

    def reader(self) -> Session:
        """A session that only reads."""
        return Session(self.engine.execution_options(read_only=True), expire_on_commit=False)

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction that commits on success and rolls back on error."""
        with self.session() as session, session.begin():
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only unit of work."""
        with self.reader() as session:
            yield session

    def sessionmaker(self) -> sessionmaker[Session]:
        return sessionmaker(self.engine, expire_on_commit=False)

    def backup(self, reason: str) -> Path | None:
        """A consistent copy in the backups folder (SQLite only; None elsewhere)."""
        if self.path is None or self.read_only:
            return None
        return backups.rotate_backup(self.engine, self.path, reason)

    def checkpoint(self) -> None:
        """Copy the write-ahead log into the file without blocking writers (SQLite only)."""
        if self.is_sqlite and not self.read_only:
            # On the raw connection: a checkpoint cannot run inside the transaction SQLAlchemy
            # would open first.
            raw = self.engine.raw_connection()
            try:
                driver = raw.driver_connection
                assert isinstance(driver, sqlite3.Connection)
                driver.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
            finally:
                raw.close()

    def dispose(self) -> None:
        self.engine.dispose()


def sqlite_path(target: str | os.PathLike[str] | None) -> Path | None:
    """The file behind a path or URL, or None when it names no SQLite file (a server, memory)."""
    parsed = make_url(database_url(target))
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def open_database(
    target: str | os.PathLike[str] | None = None,
    *,
    create: bool = True,
    write: bool = True,
    backup_reason: str = "",
) -> Database:
    """Open (create if allowed, or migrate after a backup) the database at a path or URL.

    `write=False` opens a file that cannot be written for reading only, instead of refusing it.
    `backup_reason`, when given, takes a backup before use (the desktop app does so on opening).
    """
    url = database_url(target)
    path = sqlite_path(target)
    revision: str | None = None
    read_only = False
    if path is not None:
        if path.is_dir():
            raise DatabaseRefused(_("{path} is a folder, not an event file.").format(path=path))
        if path.exists() or path.is_symlink():
            problem = write_problem(path)
            if problem and write:
                raise DatabaseReadOnly(path, problem)
            read_only = problem is not None
            revision = inspect_sqlite_file(path)
        elif not create:
            raise DatabaseRefused(
                _(
                    "No event file at {path}; nothing was created. « facilitator init » creates "
                    "one, and --db names another."
                ).format(path=path)
            )
        else:
            _create_event_file(path)
            # Checked like any file: another process may have created it first.
            revision = inspect_sqlite_file(path)
    if read_only:
        assert path is not None
        engine = _read_only_engine(path)
    else:
        engine = create_engine(url, future=True)
        if make_url(url).get_backend_name() == "sqlite":
            _configure_sqlite(engine)
    db = Database(engine=engine, url=url, path=path, read_only=read_only)
    if path is None:
        revision = current_revision(engine)
        if revision is not None and revision not in known_revisions():
            engine.dispose()
            raise DatabaseRefused(
                _(
                    "The database was written by a newer version of Facilitator; "
                    "update the application to open it."
                )
            )
    if revision != head_revision():
        if read_only:
            engine.dispose()
            raise DatabaseReadOnly(
                path or Path(url), _("it must be updated to this version of Facilitator first")
            )
        if revision is not None and path is not None:
            backups.rotate_backup(engine, path, "before-migration")
        _upgrade(engine, url)
    if backup_reason and path is not None and not read_only:
        backups.rotate_backup(engine, path, backup_reason)
    return db


def _upgrade(engine: Engine, url: str) -> None:
    upgrade(engine, url)


def restore_event_file(target: Path, source: Path) -> Path:
    """Put the event in `source` (a backup) in place of the event file `target`.

    `source` must pass every check an opened event passes; `target` must be an event file (or
    what is left of one: a damaged file with its backups folder beside it) that can be written.
    The current event is first copied to the kept folder, which the rotation never empties, and
    that copy is returned. Nothing is touched when a check fails.
    """
    check_event_file(source)
    _check_restore_target(target, source)
    problem = write_problem(target)
    if problem:
        raise DatabaseReadOnly(target, problem)
    safety = backups.keep_copy(target, "before-restore")
    try:
        backups.restore_file(source, target)
    except backups.FileInUse as exc:
        raise DatabaseRefused(
            _(
                "{path} is damaged and cannot be replaced while it may be open elsewhere (its "
                "« -wal » file is beside it). Close every Facilitator window and desk using it, "
                "then restore again; the damaged file was copied to {safety}."
            ).format(path=target, safety=safety)
        ) from exc
    open_database(target, create=False).dispose()  # checks it, and brings an older copy to head
    return safety


def _check_restore_target(target: Path, source: Path) -> None:
    """Refuse to replace what is not an event file: a mistyped --db must not lose a document."""
    if target.is_dir():
        raise DatabaseRefused(_("{path} is a folder, not an event file.").format(path=target))
    if not (target.exists() or target.is_symlink()):
        raise DatabaseRefused(
            _(
                "No event file at {path}: there is nothing to replace. « facilitator init » "
                "creates one; or open the copy itself with « facilitator --db {source} »."
            ).format(path=target, source=source)
        )
    if os.path.realpath(target) == os.path.realpath(source):
        raise DatabaseRefused(
            _("{path} is the event file itself; choose a backup.").format(path=source)
        )
    try:
        with target.open("rb") as handle:
            looks_like_one = handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        looks_like_one = False
    # What is left of an event whose first page was lost still has its backups beside it.
    if not looks_like_one and not backups.backups_folder(target).is_dir():
        raise DatabaseRefused(
            _(
                "{path} is not an event file (and has no backups folder beside it): a restore "
                "will not replace it. Check the file given with --db."
            ).format(path=target)
        )


def restore_database(db: Database, backup: Path) -> tuple[Database, Path]:
    """Put a backup in place of an open event file; returns it reopened, and the safety copy.

    A file that is not a usable backup is refused with DatabaseRefused before anything is touched.
    """
    if db.path is None:
        raise DatabaseRefused(_("Backups are made of SQLite files; use your server's own tools."))
    db.dispose()  # its engine reconnects by itself if the restore is refused
    safety = restore_event_file(db.path, backup)
    return open_database(db.path, create=False), safety
