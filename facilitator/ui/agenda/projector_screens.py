"""Which screen the projector goes to: remembered by name, the laptop's screen left alone."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QSettings
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QScreen
from PySide6.QtWidgets import QMenu, QWidget

from facilitator.i18n import _
from facilitator.ui.agenda.projector import choose_screen, screen_label
from facilitator.ui.app import APP_NAME

SCREEN_KEY = "projector/screen"


class ScreenChoice(QObject):
    """The « Choose screen… » menu and the screen it names; `moved` runs after a new choice."""

    def __init__(self, owner: QWidget, moved: Callable[[], None]) -> None:
        super().__init__(owner)
        self._moved = moved
        self.menu = QMenu(_("Choose screen…"), owner, objectName="projector_screens")
        self.menu.aboutToShow.connect(self.refresh)
        self.refresh()

    def chosen(self) -> QScreen | None:
        """The screen chosen if it is plugged in, else one that is not the laptop's."""
        primary = QGuiApplication.primaryScreen()
        if primary is None:
            return None
        wanted = str(QSettings(APP_NAME, APP_NAME).value(SCREEN_KEY, "") or "")
        return choose_screen(QGuiApplication.screens(), primary, wanted)

    def choose(self, name: str) -> None:
        """Remember the projector's screen by name (the open window then moves there)."""
        QSettings(APP_NAME, APP_NAME).setValue(SCREEN_KEY, name)
        self._moved()

    def refresh(self) -> None:
        """List the screens plugged in now, the chosen one checked."""
        self.menu.clear()
        group = QActionGroup(self.menu)
        group.triggered.connect(self._picked)
        chosen = self.chosen()
        for screen in QGuiApplication.screens():
            act = QAction(screen_label(screen), self.menu, checkable=True)
            act.setChecked(screen is chosen)
            act.setData(screen.name())
            group.addAction(act)
            self.menu.addAction(act)

    def _picked(self, act: QAction) -> None:
        self.choose(str(act.data()))
