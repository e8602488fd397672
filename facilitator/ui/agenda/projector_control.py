"""The projector's actions (menu « Projecteur », F5, Ctrl+M, Ctrl+B) and its window's life.

The main window only puts these actions in its menu and hands over the timer screen to follow;
opening, closing, choosing the screen and the view shown (timer, groups, a group's restitution,
and any view another screen registers), the message, the black screen and the chime live here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QKeySequence, QScreen
from PySide6.QtWidgets import QMenu, QWidget

from facilitator.i18n import _
from facilitator.store.checkin import ALREADY, CHECKED_IN
from facilitator.store.restitutions import groups_with_restitutions
from facilitator.ui.agenda.projector import (
    TIMER_VIEW,
    ProjectorWindow,
    choose_screen,
    screen_label,
)
from facilitator.ui.agenda.projector_groups_view import GroupsProjectorView
from facilitator.ui.agenda.projector_message import MessageDialog
from facilitator.ui.agenda.projector_restitution_view import RestitutionProjectorView
from facilitator.ui.agenda.timer_controller import NEAR_END, NORMAL, OVERRUN, TimerSnapshot
from facilitator.ui.app import APP_NAME
from facilitator.ui.context import AppContext
from facilitator.ui.desk.sounds import SoundPlayer

SCREEN_KEY, CHIME_KEY = "projector/screen", "projector/chime"
# The desk's soft tones double as chimes: one tone near the end, the rising pair once over.
CHIMES = {NEAR_END: ALREADY, OVERRUN: CHECKED_IN}
_RANK = {NORMAL: 0, NEAR_END: 1, OVERRUN: 2}
GROUPS_VIEW = "groups"
RESTITUTION_VIEW = "restitution"


class Player(Protocol):
    def play(self, kind: str) -> None: ...


def _settings() -> QSettings:
    return QSettings(APP_NAME, APP_NAME)


class ProjectorControl(QObject):
    """Opens and closes the projector window and carries out the projector menu's actions."""

    def __init__(
        self,
        owner: QWidget,
        player: Player | None = None,
        context: AppContext | None = None,
    ) -> None:
        super().__init__(owner)
        self.owner = owner
        self.window: ProjectorWindow | None = None
        self._key_target: QWidget | None = None  # made on first opening, kept until shutdown
        self.player: Player = player or SoundPlayer(self)
        self._context = context
        # Views made with the window, in order (the timer is the window's own, first).
        self._factories: dict[str, Callable[[], QWidget]] = {}
        self._view_name = TIMER_VIEW  # the view to show, kept while the window does not exist
        self._snapshot_source: Callable[[], TimerSnapshot] | None = None
        self._last: TimerSnapshot | None = None
        self._message = ""
        self._blank = False

        def action(text: str, name: str, keys: str = "", checkable: bool = False) -> QAction:
            act = QAction(text, self, objectName=name, checkable=checkable)
            if keys:
                act.setShortcut(QKeySequence(keys))
                # Also while the projector window (or any other window of the app) is active.
                act.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
            return act

        self.toggle_action = action(_("Projector window"), "projector_toggle", "F5", True)
        self.toggle_action.triggered.connect(self._toggle_triggered)
        self.screen_menu = QMenu(_("Choose screen…"), owner, objectName="projector_screens")
        self.screen_menu.aboutToShow.connect(self.refresh_screen_menu)
        self.message_action = action(_("Message on the projector…"), "projector_message", "Ctrl+M")
        self.message_action.triggered.connect(self.ask_message)
        self.clear_action = action(_("Clear the message"), "projector_clear_message")
        self.clear_action.triggered.connect(self.clear_message)
        self.clear_action.setEnabled(False)
        self.blank_action = action(_("Blank screen"), "projector_blank", "Ctrl+B", True)
        self.blank_action.triggered.connect(self.set_blank)
        self.chime_action = action(_("Chime at the end"), "projector_chime", checkable=True)
        self.chime_action.setChecked(bool(_settings().value(CHIME_KEY, False, type=bool)))
        self.chime_action.triggered.connect(self.set_chime)
        self.view_menu = QMenu(_("Show"), owner, objectName="projector_views_menu")
        self.view_group = QActionGroup(self)
        self.view_group.triggered.connect(self._view_picked)
        self.view_actions: dict[str, QAction] = {}
        self._add_view_action(TIMER_VIEW, _("Timer"))
        self._add_view_action(GROUPS_VIEW, _("Groups"))
        self._add_view_action(RESTITUTION_VIEW, _("Restitution"))
        self.view_actions[TIMER_VIEW].setChecked(True)
        self.refresh_screen_menu()

    def actions(self) -> list[QAction]:
        """The actions with a shortcut, for the owner window to hold."""
        return [self.toggle_action, self.message_action, self.blank_action]

    def fill_menu(self, menu: QMenu) -> None:
        menu.addAction(self.toggle_action)
        menu.addMenu(self.screen_menu)
        menu.addMenu(self.view_menu)
        menu.addSeparator()
        menu.addAction(self.message_action)
        menu.addAction(self.clear_action)
        menu.addAction(self.blank_action)
        menu.addSeparator()
        menu.addAction(self.chime_action)

    # -- views -------------------------------------------------------------------------------------
    def set_context(self, context: AppContext) -> None:
        """The database and workshop the groups view reads (else the owner's `context`)."""
        self._context = context

    def context(self) -> AppContext | None:
        if self._context is None:
            found = getattr(self.owner, "context", None)
            if isinstance(found, AppContext):
                self._context = found
        return self._context

    def register_view(
        self, name: str, factory: Callable[[], QWidget], label: str | None = None
    ) -> None:
        """A view the projector can show, made by `factory` with the window (now if it is open).

        With a `label`, the « Show » menu gets an entry for it.
        """
        if name == TIMER_VIEW or name in self._factories:
            raise ValueError(f"the projector already has a view named {name!r}")
        self._factories[name] = factory
        if self.window is not None:
            self.window.add_view(name, factory())
        if label is not None and name not in self.view_actions:
            self._add_view_action(name, label)

    def has_view(self, name: str) -> bool:
        return name == TIMER_VIEW or name in self._factories

    def show_view(self, name: str) -> None:
        """Show that view on the projector, opening it if it is closed."""
        if not self.has_view(name):
            raise KeyError(f"the projector has no view named {name!r}")
        self._view_name = name
        self._ensure_window().show_view(name)
        if name in self.view_actions:
            self.view_actions[name].setChecked(True)
        if not self.is_open():
            self.open()

    def current_view(self) -> str:
        """The name of the view shown (or to be shown on opening)."""
        return self.window.current_view() if self.window is not None else self._view_name

    def view(self, name: str) -> QWidget:
        """The widget of a view (the window is made, not shown, if need be)."""
        return self._ensure_window().view(name)

    def project_groups(self, round_id: int | None = None) -> None:
        """Show a round's groups on the projector (None: the workshop's last round)."""
        view = self._groups_view()
        if round_id is None:
            view.show_latest_round()
        else:
            view.set_round(round_id)
        self.show_view(GROUPS_VIEW)

    def _groups_view(self) -> GroupsProjectorView:
        if not self.has_view(GROUPS_VIEW):
            context = self.context()
            if context is None:
                raise RuntimeError("the projector needs the app's context to show groups")
            self.register_view(GROUPS_VIEW, lambda: GroupsProjectorView(context))
        view = self.view(GROUPS_VIEW)
        assert isinstance(view, GroupsProjectorView)
        return view

    def project_restitution(self, group_id: int) -> None:
        """Show a group's restitution on the projector, kept up to date as it is typed."""
        self._restitution_view().set_group(group_id)
        self.show_view(RESTITUTION_VIEW)

    def _restitution_view(self) -> RestitutionProjectorView:
        if not self.has_view(RESTITUTION_VIEW):
            context = self.context()
            if context is None:
                raise RuntimeError("the projector needs the app's context to show a restitution")
            self.register_view(RESTITUTION_VIEW, lambda: RestitutionProjectorView(context))
        view = self.view(RESTITUTION_VIEW)
        assert isinstance(view, RestitutionProjectorView)
        return view

    def _default_group(self) -> int | None:
        """The group to show from the menu: the last round's first group with items written."""
        context = self.context()
        workshop_id = context.workshop_id if context is not None else None
        if context is None or workshop_id is None:
            return None
        rounds = context.read(lambda s: groups_with_restitutions(s, workshop_id))
        for entry in reversed(rounds):
            written = [g for g in entry.groups if g.item_count or g.has_notes]
            if written or entry.groups:
                return (written or list(entry.groups))[0].group_id
        return None

    def _add_view_action(self, name: str, label: str) -> None:
        act = QAction(label, self, checkable=True, objectName=f"projector_view_{name}")
        act.setData(name)
        self.view_group.addAction(act)
        self.view_menu.addAction(act)
        self.view_actions[name] = act

    def _view_picked(self, act: QAction) -> None:
        name = str(act.data())
        if name == RESTITUTION_VIEW:
            if self.context() is None:
                self.view_actions[self.current_view()].setChecked(True)
                return
            group_id = self._restitution_view().group_id()
            if group_id is None:
                group_id = self._default_group()
            if group_id is None:
                self.show_view(RESTITUTION_VIEW)  # says that no group is chosen
            else:
                self.project_restitution(group_id)
        elif name != GROUPS_VIEW:
            self.show_view(name)
        elif self.context() is None:  # nothing to read groups from: stay on the current view
            self.view_actions[self.current_view()].setChecked(True)
        else:
            view = self._groups_view()
            self.project_groups(view.round_id())

    # -- following the facilitator's timer -------------------------------------------------------
    def follow(self, timer_screen: QObject) -> None:
        """Mirror a screen's `tick` signal (TimerSnapshot), and ask it for a snapshot on opening."""
        timer_screen.tick.connect(self.show_snapshot)  # type: ignore[attr-defined]
        # The timer's keys (Space, N, P, +, −, R) also work while the projector has the focus.
        target = getattr(timer_screen, "timer_screen", timer_screen)
        self._key_target = target if isinstance(target, QWidget) else None
        if self.window is not None:
            self.window.key_target = self._key_target
        controller = getattr(timer_screen, "controller", None)
        snapshot = getattr(controller, "snapshot", None)
        self._snapshot_source = snapshot if callable(snapshot) else None

    def current_snapshot(self) -> TimerSnapshot | None:
        """The timer's display now, else the last tick heard (None before any)."""
        if self._snapshot_source is not None:
            snap = self._snapshot_source()
            if isinstance(snap, TimerSnapshot):
                return snap
        return self._last

    def show_snapshot(self, snap: TimerSnapshot) -> None:
        """One tick: chime when the item enters its last minutes or its overrun, then mirror."""
        last, self._last = self._last, snap
        if (
            self.chime_action.isChecked()
            and last is not None
            and snap.started
            and snap.item_id == last.item_id
            and _RANK.get(snap.state, 0) > _RANK.get(last.state, 0)
        ):
            self.player.play(CHIMES[snap.state])
        if self.window is not None and self.window.isVisible():
            self.window.show_snapshot(snap)

    # -- the window ------------------------------------------------------------------------------
    def is_open(self) -> bool:
        return self.window is not None and self.window.isVisible()

    def toggle(self) -> None:
        self.close() if self.is_open() else self.open()

    def _toggle_triggered(self, checked: bool) -> None:
        self.open() if checked else self.close()

    def _ensure_window(self) -> ProjectorWindow:
        if self.window is None:
            self.window = ProjectorWindow()
            self.window.key_target = self._key_target
            self.window.closed.connect(self._window_closed)
            for name, factory in self._factories.items():
                self.window.add_view(name, factory())
            self.window.show_view(self._view_name)
            self.window.set_message(self._message)
            self.window.set_blank(self._blank)
        return self.window

    def open(self) -> None:
        """Full screen on the chosen screen (default: one that is not the laptop's)."""
        self.window = self._ensure_window()
        snap = self.current_snapshot()
        if snap is not None:
            self.window.show_snapshot(snap)
        screen = self.chosen_screen()
        if screen is not None:
            self.window.show_on(screen)
        else:
            self.window.show()
        self.toggle_action.setChecked(True)
        self.owner.activateWindow()  # the keyboard stays with the facilitator's window

    def close(self) -> None:
        if self.window is not None:
            self.window.close()
        self.toggle_action.setChecked(False)

    def _window_closed(self) -> None:
        self.toggle_action.setChecked(False)

    def shutdown(self) -> None:
        """The main window goes: close the projector and let it be deleted."""
        if self.window is not None:
            window, self.window = self.window, None
            window.closed.disconnect(self._window_closed)
            window.close()
            window.deleteLater()
        self.toggle_action.setChecked(False)

    # -- which screen ----------------------------------------------------------------------------
    def chosen_screen(self) -> QScreen | None:
        primary = QGuiApplication.primaryScreen()
        if primary is None:
            return None
        wanted = str(_settings().value(SCREEN_KEY, "") or "")
        return choose_screen(QGuiApplication.screens(), primary, wanted)

    def choose(self, name: str) -> None:
        """Remember the projector's screen by name, and move the open window there."""
        _settings().setValue(SCREEN_KEY, name)
        if self.is_open() and self.window is not None:
            screen = self.chosen_screen()
            if screen is not None:
                self.window.show_on(screen)

    def refresh_screen_menu(self) -> None:
        """List the screens plugged in now, the chosen one checked."""
        self.screen_menu.clear()
        group = QActionGroup(self.screen_menu)
        group.triggered.connect(self._screen_picked)
        chosen = self.chosen_screen()
        for screen in QGuiApplication.screens():
            act = QAction(screen_label(screen), self.screen_menu, checkable=True)
            act.setChecked(screen is chosen)
            act.setData(screen.name())
            group.addAction(act)
            self.screen_menu.addAction(act)

    def _screen_picked(self, act: QAction) -> None:
        self.choose(str(act.data()))

    # -- message, black screen, chime ------------------------------------------------------------
    def ask_message(self) -> None:
        dialog = MessageDialog(self._message, self.owner)
        if dialog.exec():
            self.set_message(dialog.text())  # an emptied message takes it off the screen
        dialog.deleteLater()

    def set_message(self, text: str) -> None:
        """Show a short message on the projector until cleared (kept while it is closed)."""
        self._message = text.strip()
        self.clear_action.setEnabled(bool(self._message))
        if self.window is not None:
            self.window.set_message(self._message)

    def clear_message(self) -> None:
        self.set_message("")

    def set_blank(self, blank: bool) -> None:
        self._blank = blank
        self.blank_action.setChecked(blank)
        if self.window is not None:
            self.window.set_blank(blank)

    def set_chime(self, enabled: bool) -> None:
        self.chime_action.setChecked(enabled)
        _settings().setValue(CHIME_KEY, enabled)
