"""Where the shipped files are: translations, demo workshops, fonts, icons and migrations.

In a source checkout they sit at the top of the repository (`resources/`, `db/`); in an installed
wheel they are packaged inside `facilitator/` as `_resources/` and `_db/` (see pyproject.toml).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def _root(name: str) -> Path:
    for candidate in (_PACKAGE_DIR / f"_{name}", _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"shipped folder {name!r} is missing from the installation")


def resource_path(*parts: str) -> Path:
    """A path inside the shipped resources folder."""
    return _root("resources").joinpath(*parts)


def migrations_path() -> Path:
    """The Alembic environment folder (db/)."""
    return _root("db")
