"""Opening an event database safely: checks, backup, migration, and the engine's pragmas.

A file that is not SQLite, a damaged one, or one written by a newer version is refused with
`DatabaseRefused` and never modified. SQLite-specific SQL lives here and in backups.py only.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from facilitator.i18n import _
from facilitator.resources import migrations_path
from facilitator.store import backups

if TYPE_CHECKING:
    from alembic.config import Config

SQLITE_HEADER = b"SQLite format 3\x00"
_REVISION = re.compile(r"^revision\s*=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)
_DOWN_REVISION = re.compile(r"^down_revision\s*=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)
BUSY_TIMEOUT_MS = 15_000
WAL_AUTOCHECKPOINT_PAGES = 8_000


class DatabaseRefused(Exception):
    """The database cannot be used; the message says why, for a person."""


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


def alembic_config(url: str) -> Config:
    """Alembic configuration pointing at the shipped migrations."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_path()))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def _revision_graph() -> dict[str, str | None]:
    """{revision: down_revision} read from the migration files without importing Alembic.

    Importing Alembic costs about half a second; headless commands must answer faster.
    """
    graph: dict[str, str | None] = {}
    for path in sorted((migrations_path() / "versions").glob("*.py")):
        source = path.read_text(encoding="utf-8")
        revision = _REVISION.search(source)
        if revision:
            down = _DOWN_REVISION.search(source)
            graph[revision.group(1)] = down.group(1) if down else None
    return graph


def head_revision() -> str:
    """The newest schema revision this version knows."""
    graph = _revision_graph()
    heads = set(graph) - {down for down in graph.values() if down}
    assert len(heads) == 1, f"the migrations must have one head, not {sorted(heads)}"
    return heads.pop()


def known_revisions() -> set[str]:
    """Every schema revision this version knows."""
    return set(_revision_graph())


def _configure_sqlite(engine: Engine) -> None:
    """Durability and concurrency settings for every SQLite connection (DESIGN.md)."""

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's begin event emit BEGIN itself (pysqlite's own is deferred).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        # Checkpoints inside a desk's commit cost up to a few hundred ms; the app checkpoints in
        # the background (Database.checkpoint) and this only bounds the log when it is not running.
        cursor.execute(f"PRAGMA wal_autocheckpoint = {WAL_AUTOCHECKPOINT_PAGES}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection: Any) -> None:
        # Writes take the lock at BEGIN: deferred transactions lose read-then-write updates and
        # fail with « database is locked » under concurrency. Read-only sessions stay deferred.
        if connection.get_execution_options().get("read_only"):
            connection.exec_driver_sql("BEGIN")
        else:
            connection.exec_driver_sql("BEGIN IMMEDIATE")


def _create_private_file(path: Path) -> None:
    """Create an empty database file readable by its owner only: it holds personal data."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


def inspect_sqlite_file(path: Path) -> str | None:
    """Check an existing file without modifying it; returns its schema revision (None if empty).

    Raises DatabaseRefused for a file that is not SQLite, is damaged or comes from a newer version.
    """
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise DatabaseRefused(
            _("Cannot read the database {path}: {error}").format(path=path, error=exc.strerror)
        ) from exc
    if header == b"" and path.stat().st_size == 0:
        return None
    if header != SQLITE_HEADER:
        raise DatabaseRefused(
            _(
                "{path} is not a Facilitator database (not an SQLite file); it was left untouched."
            ).format(path=path)
        )
    try:
        conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
        try:
            result = conn.execute("PRAGMA quick_check").fetchall()
            if [row[0] for row in result] != ["ok"]:
                raise DatabaseRefused(
                    _(
                        "The database {path} is damaged ({detail}); it was left untouched. "
                        "Restore a backup with « facilitator restore »."
                    ).format(path=path, detail=result[0][0])
                )
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
            revision = None
            if "alembic_version" in tables:
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
            elif tables:
                raise DatabaseRefused(
                    _(
                        "{path} is an SQLite file but not a Facilitator database; "
                        "it was left untouched."
                    ).format(path=path)
                )
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseRefused(
            _(
                "The database {path} is damaged or unreadable ({error}); it was left untouched."
            ).format(path=path, error=exc)
        ) from exc
    if revision is not None and revision not in known_revisions():
        raise DatabaseRefused(
            _(
                "The database {path} was written by a newer version of Facilitator; "
                "update the application to open it. The file was left untouched."
            ).format(path=path)
        )
    return revision


@dataclass
class Database:
    """An open event database: the engine and how to get sessions from it."""

    engine: Engine
    url: str
    path: Path | None

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
        if self.path is None:
            return None
        return backups.rotate_backup(self.engine, self.path, reason)

    def checkpoint(self) -> None:
        """Copy the write-ahead log into the file without blocking writers (SQLite only)."""
        if self.is_sqlite:
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


def open_database(
    target: str | os.PathLike[str] | None = None, *, create: bool = True, backup_reason: str = ""
) -> Database:
    """Open (and create, or migrate after a backup) the database at a path or URL.

    `backup_reason`, when given, takes a backup before use (the desktop app does so on opening).
    """
    url = database_url(target)
    parsed = make_url(url)
    path: Path | None = None
    revision: str | None = None
    is_file = parsed.get_backend_name() == "sqlite" and parsed.database not in (
        None,
        "",
        ":memory:",
    )
    if is_file:
        assert parsed.database is not None
        path = Path(parsed.database)
        if path.exists():
            revision = inspect_sqlite_file(path)
        elif not create:
            raise DatabaseRefused(_("No database at {path}.").format(path=path))
        else:
            _create_private_file(path)
    engine = create_engine(url, future=True)
    if parsed.get_backend_name() == "sqlite":
        _configure_sqlite(engine)
    db = Database(engine=engine, url=url, path=path)
    if not is_file:
        revision = _current_revision(engine)
        if revision is not None and revision not in known_revisions():
            engine.dispose()
            raise DatabaseRefused(
                _(
                    "The database was written by a newer version of Facilitator; "
                    "update the application to open it."
                )
            )
    head = head_revision()
    if revision != head:
        if revision is not None and path is not None:
            backups.rotate_backup(engine, path, "before-migration")
        _upgrade(engine, url)
    if backup_reason and path is not None:
        backups.rotate_backup(engine, path, backup_reason)
    return db


def _current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return MigrationContext.configure(conn).get_current_revision()


def _upgrade(engine: Engine, url: str) -> None:
    from alembic import command

    cfg = alembic_config(url)
    with engine.connect() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
        conn.commit()


def restore_database(db: Database, backup: Path) -> tuple[Database, Path]:
    """Put a backup in place of an open event file, after backing the current one up.

    Returns the reopened database (brought to the current schema) and the safety copy. A file that
    is not a usable backup is refused with DatabaseRefused before anything is touched.
    """
    if db.path is None:
        raise DatabaseRefused(_("Backups are made of SQLite files; use your server's own tools."))
    inspect_sqlite_file(backup)
    safety = db.backup("before-restore")
    assert safety is not None
    path = db.path
    db.dispose()
    backups.restore_file(backup, path)
    return open_database(path), safety
