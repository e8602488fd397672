"""The schema's versions: which revisions this version knows, and bringing a database to head."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect

from facilitator.resources import migrations_path

if TYPE_CHECKING:
    from alembic.config import Config

_REVISION = re.compile(r"^revision\s*=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)
_DOWN_REVISION = re.compile(r"^down_revision\s*=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)


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


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, url: str) -> None:
    """Bring the database behind `engine` to the newest revision."""
    from alembic import command

    cfg = alembic_config(url)
    with engine.connect() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
        conn.commit()
