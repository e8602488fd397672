"""The projector's actions (menu « Projecteur », F5, Ctrl+M, Ctrl+B) and its window's life.

The main window only puts these actions in its menu and hands over the timer screen to follow;
opening, closing, choosing the screen and the view shown (timer, groups, a group's restitution,
and any view another screen registers), the message, the black screen and the chime live here.
With one screen (a projector mirroring the laptop), the projector view covers the main window:
it then has the keyboard, Escape or F5 leave it, and dialogs make it step aside.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QScreen
from PySide6.QtWidgets import QMenu, QStatusBar, QWidget

from facilitator.i18n import _
from facilitator.ui.agenda.projector import TIMER_VIEW, ProjectorWindow
from facilitator.ui.agenda.projector_groups_view import GroupsProjectorView
from facilitator.ui.agenda.projector_message import MessageDialog
from facilitator.ui.agenda.projector_one_screen import DialogsStepAside
from facilitator.ui.agenda.projector_presenter import RestitutionPresenter
from facilitator.ui.agenda.projector_restitution_view import RestitutionProjectorView
from facilitator.ui.agenda.projector_screens import SCREEN_KEY as SCREEN_KEY
from facilitator.ui.agenda.projector_screens import ScreenChoice
from facilitator.ui.agenda.projector_timer_mirror import CHIMES as CHIMES
from facilitator.ui.agenda.projector_timer_mirror import Player, TimerMirror
from facilitator.ui.agenda.timer_controller import TimerSnapshot
from facilitator.ui.context import AppContext

GROUPS_VIEW = "groups"
RESTITUTION_VIEW = "restitution"


class ProjectorControl(QObject):
    """Opens and closes the projector window and carries out the projector menu's actions."""

    changed = Signal()  # opened, closed, another view, group, page, message or black screen

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
        self.mirror = TimerMirror(player, self)
        self.player = self.mirror.player
        self._context = context
        # Views made with the window, in order (the timer is the window's own, first).
        self._factories: dict[str, Callable[[], QWidget]] = {}
        self._view_name = TIMER_VIEW  # the view to show, kept while the window does not exist
        self._message = ""
        self._banner = False
        self._blank = False
        self._open = False
        self.presenter = RestitutionPresenter(
            self._restitution_view, self.context, self._presenting, self
        )
        self.presenter.group_changed.connect(self._changed)
        self.dialogs = DialogsStepAside(lambda: self.window, self._come_back, self)

        def action(text: str, name: str, keys: str = "", checkable: bool = False) -> QAction:
            act = QAction(text, self, objectName=name, checkable=checkable)
            if keys:
                act.setShortcut(QKeySequence(keys))
                # Also while the projector window (or any other window of the app) is active.
                act.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
            return act

        self.toggle_action = action(_("Projector window"), "projector_toggle", "F5", True)
        self.toggle_action.triggered.connect(self._toggle_triggered)
        self.screens = ScreenChoice(owner, self._screen_chosen)
        self.screen_menu = self.screens.menu
        self.message_action = action(_("Message on the projector…"), "projector_message", "Ctrl+M")
        self.message_action.triggered.connect(self.ask_message)
        self.clear_action = action(_("Clear the message"), "projector_clear_message")
        self.clear_action.triggered.connect(self.clear_message)
        self.clear_action.setEnabled(False)
        self.blank_action = action(_("Blank screen"), "projector_blank", "Ctrl+B", True)
        self.blank_action.triggered.connect(self.set_blank)
        self.chime_action = self.mirror.chime_action
        self.next_action = action(_("Next page or group"), "projector_next", "Alt+PgDown")
        self.next_action.triggered.connect(lambda: self.step(1))
        self.previous_action = action(_("Previous page or group"), "projector_previous", "Alt+PgUp")
        self.previous_action.triggered.connect(lambda: self.step(-1))
        self.view_menu = QMenu(_("Show"), owner, objectName="projector_views_menu")
        self.view_group = QActionGroup(self)
        self.view_group.triggered.connect(self._view_picked)
        self.view_actions: dict[str, QAction] = {}
        self._add_view_action(TIMER_VIEW, _("Timer"))
        self._add_view_action(GROUPS_VIEW, _("Groups"))
        self._add_view_action(RESTITUTION_VIEW, _("Restitution"))
        self.view_actions[TIMER_VIEW].setChecked(True)
        self._update_step_actions()

    def actions(self) -> list[QAction]:
        """The actions with a shortcut, for the owner window to hold (and the timer's buttons);
        next and previous are reached through the menu, wherever the keyboard is."""
        return [self.toggle_action, self.message_action, self.blank_action]

    def fill_menu(self, menu: QMenu) -> None:
        menu.addAction(self.toggle_action)
        menu.addMenu(self.screen_menu)
        menu.addMenu(self.view_menu)
        menu.addAction(self.next_action)
        menu.addAction(self.previous_action)
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
        self._changed()

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
        self.presenter.present(group_id)

    def present_restitutions(self, page: QObject) -> None:
        """Present the group selected on the restitutions screen (`page`, or its `editor`)."""
        screen = getattr(page, "editor", page)
        self.presenter.attach(screen)
        screen.project_requested.connect(self.project_restitution)

    def _presenting(self) -> bool:
        return self.is_open() and self.current_view() == RESTITUTION_VIEW

    def step(self, delta: int) -> None:
        """Next (1) or previous (-1): a restitution's page or group, the groups' list page."""
        name = self.current_view()
        if name == RESTITUTION_VIEW:
            self.presenter.step(delta)
        elif name == GROUPS_VIEW and delta > 0:
            self._groups_view().next_page()
        self._changed()

    def _restitution_view(self) -> RestitutionProjectorView:
        if not self.has_view(RESTITUTION_VIEW):
            context = self.context()
            if context is None:
                raise RuntimeError("the projector needs the app's context to show a restitution")
            self.register_view(RESTITUTION_VIEW, lambda: RestitutionProjectorView(context))
        view = self.view(RESTITUTION_VIEW)
        assert isinstance(view, RestitutionProjectorView)
        return view

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
                group_id = self.presenter.default_group()
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
        self.mirror.source = snapshot if callable(snapshot) else None

    def current_snapshot(self) -> TimerSnapshot | None:
        """The timer's display now, else the last tick heard (None before any)."""
        return self.mirror.current()

    def show_snapshot(self, snap: TimerSnapshot) -> None:
        """One tick: chime when the item enters its last minutes or its overrun, then mirror."""
        self.mirror.heard(snap)
        if self.window is not None and self.window.isVisible():
            self.window.show_snapshot(snap)

    # -- the window ------------------------------------------------------------------------------
    def is_open(self) -> bool:
        """Whether the projector shows (also while it steps aside for a dialog on one screen)."""
        return self._open and self.window is not None

    def toggle(self) -> None:
        self.close() if self.is_open() else self.open()

    def _toggle_triggered(self, checked: bool) -> None:
        self.open() if checked else self.close()

    def _ensure_window(self) -> ProjectorWindow:
        if self.window is None:
            self.window = ProjectorWindow()
            self.window.key_target = self._key_target
            self.window.closed.connect(self._window_closed)
            self.window.leave_requested.connect(self.leave)
            self.window.step_requested.connect(self.step)
            for name, factory in self._factories.items():
                self.window.add_view(name, factory())
            self.window.show_view(self._view_name)
            self.window.set_message(self._message, self._banner)
            self.window.set_blank(self._blank)
        return self.window

    def open(self) -> None:
        """Full screen on the chosen screen (default: one that is not the laptop's)."""
        self.window = self._ensure_window()
        snap = self.current_snapshot()
        if snap is not None:
            self.window.show_snapshot(snap)
        self._open = True
        self._show_window()
        self.toggle_action.setChecked(True)
        self._changed()

    def _show_window(self) -> None:
        window = self._ensure_window()
        screen = self.chosen_screen()
        if screen is not None:
            window.show_on(screen)
        else:
            window.show()
        if self.covers_main_window():
            # One screen: the projector hides the main window, so it takes the keyboard
            # (Escape leaves it, the timer's keys are passed on) and dialogs make it step aside.
            self.dialogs.install()
            window.raise_()
            window.activateWindow()
        else:
            self.dialogs.uninstall()
            self.owner.activateWindow()  # the keyboard stays with the facilitator's window

    def covers_main_window(self) -> bool:
        """Whether the projector is on the main window's screen (one screen, or mirrored)."""
        chosen = self.chosen_screen()
        return chosen is not None and chosen is self.owner.window().screen()

    def _come_back(self) -> None:
        """The last dialog closed: the projector view covers the screen again."""
        if self.is_open() and self.window is not None and not self.window.isVisible():
            snap = self.current_snapshot()  # ticks are not painted while it is aside
            if snap is not None:
                self.window.show_snapshot(snap)
            self._show_window()

    def leave(self) -> None:
        """Escape on the projector: with one screen, close it; else back to the main window."""
        if self.covers_main_window():
            self.close()
        else:
            self.owner.activateWindow()

    def close(self) -> None:
        self._open = False
        self.dialogs.uninstall()
        if self.window is not None:
            self.window.close()
        self.toggle_action.setChecked(False)
        self.owner.activateWindow()
        self._changed()

    def _window_closed(self) -> None:
        if self._open:  # closed by the window manager
            self._open = False
            self.dialogs.uninstall()
            self._changed()
        self.toggle_action.setChecked(False)

    def shutdown(self) -> None:
        """The main window goes: close the projector and let it be deleted."""
        self._open = False
        self.dialogs.uninstall()
        if self.window is not None:
            window, self.window = self.window, None
            window.closed.disconnect(self._window_closed)
            window.close()
            window.deleteLater()
        self.toggle_action.setChecked(False)

    # -- which screen ----------------------------------------------------------------------------
    def chosen_screen(self) -> QScreen | None:
        return self.screens.chosen()

    def choose(self, name: str) -> None:
        """Remember the projector's screen by name, and move the open window there."""
        self.screens.choose(name)

    def refresh_screen_menu(self) -> None:
        self.screens.refresh()

    def _screen_chosen(self) -> None:
        if self.is_open():
            self._show_window()

    # -- message, black screen, chime ------------------------------------------------------------
    def ask_message(self) -> None:
        dialog = MessageDialog(self._message, self._banner, self.owner)
        if dialog.exec():
            # An emptied message takes it off the screen.
            self.set_message(dialog.text(), dialog.banner())
        dialog.deleteLater()

    def set_message(self, text: str, banner: bool = False) -> None:
        """Show a short message on the projector, instead of the view or as a banner above it,
        until cleared (kept while the projector is closed)."""
        self._message = text.strip()
        self._banner = banner and bool(self._message)
        self.clear_action.setEnabled(bool(self._message))
        if self.window is not None:
            self.window.set_message(self._message, self._banner)
        self._changed()

    def message(self) -> tuple[str, bool]:
        """The message shown (empty: none) and whether it is a banner."""
        return self._message, self._banner

    def clear_message(self) -> None:
        self.set_message("")

    def set_blank(self, blank: bool) -> None:
        self._blank = blank
        self.blank_action.setChecked(blank)
        if self.window is not None:
            self.window.set_blank(blank)
        self._changed()

    def is_blank(self) -> bool:
        return self._blank

    def set_chime(self, enabled: bool) -> None:
        self.mirror.set_chime(enabled)

    # -- what the room sees ------------------------------------------------------------------------
    def _changed(self) -> None:
        self._update_step_actions()
        self.presenter.tell_screens()
        self.changed.emit()

    def _update_step_actions(self) -> None:
        stepping = self.current_view() in (RESTITUTION_VIEW, GROUPS_VIEW)
        self.next_action.setEnabled(stepping)
        self.previous_action.setEnabled(self.current_view() == RESTITUTION_VIEW)

    def add_preview(self, bar: QStatusBar) -> QWidget:
        """A small live image of what the room sees, at the right of the main window's status
        bar (imported here: the preview's module imports this one)."""
        from facilitator.ui.agenda.projector_preview import ProjectorPreview

        preview = ProjectorPreview(self)
        bar.addPermanentWidget(preview)
        return preview
