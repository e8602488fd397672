"""Files go by default to Documents/Facilitator/<kind>, a folder the organiser finds, made at once.

The tests' home is a temp dir (tests/conftest.py sets HOME): Qt's documents folder is in it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from facilitator.store.database import Database, data_folder
from facilitator.store.group_rounds import create_round
from facilitator.store.workshops import find_workshop
from facilitator.ui.context import AppContext
from facilitator.ui.groups.screen import GroupsScreen
from facilitator.ui.main_window import MainWindow
from facilitator.ui.synthesis.screen import SynthesisScreen
from facilitator.ui.widgets import print_jobs, tasks
from facilitator.ui.widgets.printing import AttendanceDialog, BadgePrintDialog

M4SD = "m4sd-cloture-thies-2023"


@pytest.fixture(autouse=True)
def no_thread_left() -> Iterator[None]:
    yield
    tasks.wait_for_running_tasks(10_000)


@pytest.fixture
def context(demo_db: Database) -> AppContext:
    ctx = AppContext(demo_db)
    ctx.set_workshop(ctx.read(lambda s: find_workshop(s, M4SD).id))
    return ctx


@pytest.fixture
def documents() -> Path:
    home = Path.home()
    assert home.name == "home" and "pytest" in str(home), "the tests never write in a real home"
    return home / "Documents" / "Facilitator"


def offered_by_save_as(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The save dialog records the file it was offered and is cancelled."""
    offered: list[str] = []

    def cancel(_parent: object, _title: str, default: str, *_rest: object) -> tuple[str, str]:
        offered.append(default)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(cancel))
    return offered


def test_the_badge_dialog_offers_a_documents_folder_that_exists(
    qtbot: QtBot, context: AppContext, documents: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert not documents.exists()
    offered = offered_by_save_as(monkeypatch)
    dialog = BadgePrintDialog(context, [], opener=lambda _path: True)
    qtbot.addWidget(dialog)
    dialog.browse_button.click()
    folder = Path(offered[0]).parent
    assert folder == documents / "Badges"
    assert folder.is_dir()  # else Qt's dialog opens in the working folder
    assert not (data_folder() / "badges").exists()


def test_the_attendance_dialog_offers_the_emargement_folder(
    qtbot: QtBot, context: AppContext, documents: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    offered = offered_by_save_as(monkeypatch)
    dialog = AttendanceDialog(context, opener=lambda _path: True)
    qtbot.addWidget(dialog)
    dialog.browse_button.click()
    folder = Path(offered[0]).parent
    assert folder == documents / "Émargement" and folder.is_dir()


def test_the_synthesis_offers_the_reports_folder(
    qtbot: QtBot, context: AppContext, documents: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    offered = offered_by_save_as(monkeypatch)
    screen = SynthesisScreen(context, opener=lambda _path: True)
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitExposed(screen)
    screen.export_buttons[".pdf"].click()
    assert offered == [str(documents / "Rapports" / f"{M4SD}-synthese.pdf")]
    assert (documents / "Rapports").is_dir()


def test_group_lists_are_offered_the_groups_folder(
    qtbot: QtBot, context: AppContext, documents: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workshop_id = context.workshop_id
    assert workshop_id is not None
    create_round(context.db, workshop_id, "Matin", count=4, present_only=False)
    screen = GroupsScreen(context, opener=lambda _path: True)
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitExposed(screen)
    qtbot.waitUntil(lambda: screen.view is not None)
    offered = offered_by_save_as(monkeypatch)
    screen.actions_by_name["print_lists"].trigger()
    assert offered and Path(offered[0]).parent == documents / "Groupes"
    assert (documents / "Groupes").is_dir()


def test_a_copy_of_the_event_file_is_offered_the_app_folder(
    qtbot: QtBot, demo_db: Database, documents: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = MainWindow(AppContext(demo_db))
    qtbot.addWidget(window)
    offered = offered_by_save_as(monkeypatch)
    save_copy = next(
        a
        for a in window.findChildren(QAction)
        if a.text() == "Enregistrer une copie du fichier de l’événement…"
    )
    save_copy.trigger()
    assert offered == [str(documents / "facilitator-copie.sqlite3")]
    assert documents.is_dir()


def test_a_folder_that_cannot_be_made_gives_the_home_folder(documents: Path) -> None:
    documents.parent.mkdir()
    documents.write_text("a file where the folder would go")
    assert print_jobs.badges_folder() == Path.home()
    assert print_jobs.export_folder() == Path.home()


def test_without_a_documents_folder_the_home_folder_holds_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(QStandardPaths, "writableLocation", staticmethod(lambda _location: ""))
    folder = print_jobs.attendance_folder()
    assert folder == Path.home() / "Facilitator" / "Émargement" and folder.is_dir()
