"""One screen mirrored to the projector: the projector view can be left, dialogs stay off it,
and the main window shows a live image of what the room sees.

The offscreen platform has one screen, as a laptop whose projector mirrors it: the projector
view then covers the main window.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from facilitator.store.database import Database
from facilitator.store.workshops import find_workshop
from facilitator.ui.agenda.projector_message import MessageDialog
from facilitator.ui.agenda.projector_restitution_view import RestitutionProjectorView
from facilitator.ui.app import APP_NAME
from facilitator.ui.main_window import MainWindow

if TYPE_CHECKING:
    from facilitator.ui.agenda.projector_preview import ProjectorPreview
from tests.ui.screens import m4sd_context, shown

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture(autouse=True)
def clean_settings() -> Iterator[None]:
    QSettings(APP_NAME, APP_NAME).remove("projector")
    yield
    QSettings(APP_NAME, APP_NAME).remove("projector")


@pytest.fixture
def window(qtbot: QtBot, demo_db: Database) -> MainWindow:
    assert len(QGuiApplication.screens()) == 1  # a laptop mirrored to the projector
    return shown(qtbot, MainWindow(m4sd_context(demo_db)))


def test_f5_covers_the_screen_and_escape_or_f5_leave_it(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F5)
    projector = window.projector.window
    assert projector is not None and projector.isVisible() and projector.isFullScreen()
    # It covers the facilitator's window, so it has the keyboard: Escape reaches it.
    qtbot.waitUntil(lambda: QApplication.activeWindow() is projector)
    qtbot.keyClick(projector, Qt.Key.Key_Escape)
    assert not window.projector.is_open() and not projector.isVisible()
    qtbot.waitUntil(window.isActiveWindow)  # back to the facilitator's window
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert window.projector.covers_main_window()
    qtbot.waitUntil(projector.isActiveWindow)
    qtbot.keyClick(projector, Qt.Key.Key_F5)
    assert not window.projector.is_open() and not projector.isVisible()


def test_the_timers_keys_still_run_the_day_under_the_projector(
    qtbot: QtBot, window: MainWindow
) -> None:
    migration = window.workshop_picker.findData(
        window.context.read(lambda s: find_workshop(s, "migration-circulaire-dakar-2025").id)
    )
    window.context.set_workshop(window.workshop_picker.itemData(migration))
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    projector = window.projector.window
    assert projector is not None
    qtbot.waitUntil(projector.isActiveWindow)
    before = window.agenda_screen.controller.timer.started
    qtbot.keyClick(projector, Qt.Key.Key_Space)
    assert window.agenda_screen.controller.timer.started != before


def test_ctrl_m_asks_off_the_audiences_image_and_enter_shows_the_message(
    qtbot: QtBot, window: MainWindow
) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F5)
    projector = window.projector.window
    assert projector is not None
    qtbot.waitUntil(projector.isActiveWindow)
    seen: dict[str, object] = {}

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is not None:  # closed if the keys below leave it open: a failure, not a hang
            QTimer.singleShot(0, dialog, dialog.close)
        seen["dialog"] = dialog
        seen["projector shown"] = projector.isVisible()
        assert isinstance(dialog, MessageDialog)
        focus = dialog.focusWidget()
        assert focus is not None
        qtbot.keyClick(focus, Qt.Key.Key_Return)  # the first preset, « Merci de conclure »

    QTimer.singleShot(0, answer)
    qtbot.keyClick(projector, Qt.Key.Key_M, CTRL)
    assert isinstance(seen["dialog"], MessageDialog)
    assert seen["projector shown"] is False  # the dialog was not drawn on the room's image
    assert window.projector.message() == ("Merci de conclure", False)
    assert projector.isVisible() and projector.pages.currentWidget() is projector.message_label
    assert projector.message_label.text() == "Merci de conclure"


def test_any_dialog_makes_the_projector_step_aside(qtbot: QtBot, window: MainWindow) -> None:
    window.projector.open()
    projector = window.projector.window
    assert projector is not None and projector.isVisible()
    shown_during: list[bool] = []

    def close_it() -> None:
        box = QApplication.activeModalWidget()
        if box is not None:
            QTimer.singleShot(0, box, box.close)
        shown_during.append(projector.isVisible())
        assert isinstance(box, QDialog)
        box.done(0)

    QTimer.singleShot(0, close_it)
    QMessageBox.information(window, "Question", "Une question du secrétariat")
    assert shown_during == [False]
    assert projector.isVisible() and window.projector.is_open()


def test_with_the_projector_closed_dialogs_change_nothing(qtbot: QtBot, window: MainWindow) -> None:
    QTimer.singleShot(0, lambda: QApplication.activeModalWidget().done(0))  # type: ignore[union-attr]
    QMessageBox.information(window, "Question", "Rien au projecteur")
    assert not window.projector.is_open()
    assert window.projector.window is None or not window.projector.window.isVisible()


def preview(window: MainWindow) -> ProjectorPreview:
    from facilitator.ui.agenda.projector_preview import ProjectorPreview

    found = window.statusBar().findChildren(ProjectorPreview)
    assert len(found) == 1
    return found[0]


def thumbnail_colour(widget: ProjectorPreview) -> QColor:
    """The colour at the top middle of the image: the projector's background, not its words."""
    image = widget.image.pixmap().toImage()
    return image.pixelColor(image.width() // 2, 1)


def test_the_main_window_shows_what_the_room_sees(qtbot: QtBot, window: MainWindow) -> None:
    live = preview(window)
    assert live.isVisible()
    assert live.caption.text() == "Projecteur fermé (F5)"
    assert not live.image.isVisible()
    window.projector.open()
    qtbot.waitUntil(lambda: live.caption.text() == "Minuteur")
    assert live.image.isVisible()
    assert thumbnail_colour(live).name() == "#101820"  # the timer's dark background
    window.projector.set_message("Reprise à 14 h")
    qtbot.waitUntil(lambda: live.caption.text() == "Message\u00a0: Reprise à 14 h")
    assert thumbnail_colour(live).name() == "#0d3b66"  # the message's blue, not the timer
    window.projector.set_message("Reprise à 14 h", banner=True)
    qtbot.waitUntil(lambda: live.caption.text() == "Minuteur + bandeau")
    window.projector.set_blank(True)
    qtbot.waitUntil(lambda: live.caption.text() == "Écran noir")
    assert thumbnail_colour(live).name() == "#000000"
    window.projector.set_blank(False)
    window.projector.close()
    qtbot.waitUntil(lambda: live.caption.text() == "Projecteur fermé (F5)")


def test_the_preview_follows_the_projected_restitution(qtbot: QtBot, window: MainWindow) -> None:
    live = preview(window)
    window.projector.view_actions["restitution"].trigger()
    qtbot.waitUntil(lambda: live.caption.text().startswith("Restitution · Groupe 1"))
    view = window.projector.view("restitution")
    assert isinstance(view, RestitutionProjectorView)
    for _page in range(view.page_count()):
        window.projector.next_action.trigger()
    qtbot.waitUntil(lambda: live.caption.text().startswith("Restitution · Groupe 2"))
