"""The main window: navigation between screens and workshops, and nothing else.

Ctrl+1 … Ctrl+5 and F5 are reserved by the contract for the desk, agenda, groups, restitutions,
synthesis and projector screens.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from facilitator.i18n import _, current_language, set_language
from facilitator.store.search import SearchHit
from facilitator.store.workshops import list_workshops
from facilitator.ui.agenda.agenda_screen import AgendaScreen
from facilitator.ui.agenda.projector_control import ProjectorControl
from facilitator.ui.app import APP_NAME, install_qt_translator
from facilitator.ui.context import AppContext
from facilitator.ui.desk.screen import DeskScreen
from facilitator.ui.file_actions import FileActions
from facilitator.ui.groups.screen import GroupsScreen
from facilitator.ui.participants.screen import ParticipantsScreen
from facilitator.ui.restitutions.page import RestitutionsPage
from facilitator.ui.session import Place, SessionMemory
from facilitator.ui.shortcuts import shortcuts_of
from facilitator.ui.shortcuts_dialog import ShortcutsDialog
from facilitator.ui.synthesis.screen import SynthesisScreen
from facilitator.ui.welcome import FirstSteps
from facilitator.ui.widgets.dates import format_date_range
from facilitator.ui.widgets.search_dialog import SearchDialog
from facilitator.ui.workshops.dialog import WorkshopDialog
from facilitator.ui.workshops.screen import WorkshopsScreen

_open_windows: list[QMainWindow] = []  # windows replaced on a language switch stay referenced


class MainWindow(FileActions, FirstSteps, QMainWindow):
    """Screens in a stack, a workshop picker, and menus that lead to them."""

    def __init__(self, context: AppContext, remember: bool = True) -> None:
        super().__init__()
        _open_windows.append(self)
        self.context = context
        # Off for offscreen renders (`facilitator screenshots`): they must not move the user.
        self.memory = SessionMemory(context.db) if remember else None
        self._place_ready = False
        self.shortcuts_dialog: ShortcutsDialog | None = None
        self.setWindowTitle("Facilitator")
        self._restore_geometry()
        self.screens: dict[str, QWidget] = {}
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.add_screen("workshops", WorkshopsScreen(context))
        self.add_screen("participants", ParticipantsScreen(context))
        self.add_screen("desk", DeskScreen(context))
        self.add_screen("timer", AgendaScreen(context))
        self.add_screen("groups", GroupsScreen(context))
        self.add_screen("restitutions", RestitutionsPage(context))
        self.add_screen("synthesis", SynthesisScreen(context))
        self.workshops_screen.open_requested.connect(self._workshop_opened)
        self.projector = ProjectorControl(self)
        self.projector.follow(self.agenda_screen)
        self.agenda_screen.add_projector_actions(
            self.projector.actions()  # open or close (F5), message (Ctrl+M), blank (Ctrl+B)
        )
        self.addActions(self.projector.actions())
        self.groups_screen.project_requested.connect(self._project_groups)
        self.projector.present_restitutions(self.screens["restitutions"])  # « Projeter », groups
        self.projector.add_preview(self.statusBar())  # a live image of what the room sees

        self.workshop_picker = QComboBox(objectName="workshop_picker")
        self.workshop_picker.setMinimumContentsLength(40)
        self.workshop_picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.workshop_picker.activated.connect(self._picked)
        self._build_toolbar()
        self._build_menus()
        # Bound methods, not lambdas: Qt drops them when this window is destroyed.
        context.data_changed.connect(self._data_changed)
        context.workshop_changed.connect(self._refresh_picker)
        context.workshop_changed.connect(self._remember_place)
        self._add_welcome_and_next_steps()
        self._refresh_picker()
        self._open_where_left()

    @property
    def workshops_screen(self) -> WorkshopsScreen:
        screen = self.screens["workshops"]
        assert isinstance(screen, WorkshopsScreen)
        return screen

    @property
    def participants_screen(self) -> ParticipantsScreen:
        screen = self.screens["participants"]
        assert isinstance(screen, ParticipantsScreen)
        return screen

    @property
    def agenda_screen(self) -> AgendaScreen:
        screen = self.screens["timer"]
        assert isinstance(screen, AgendaScreen)
        return screen

    @property
    def groups_screen(self) -> GroupsScreen:
        screen = self.screens["groups"]
        assert isinstance(screen, GroupsScreen)
        return screen

    @property
    def synthesis_screen(self) -> SynthesisScreen:
        screen = self.screens["synthesis"]
        assert isinstance(screen, SynthesisScreen)
        return screen

    def add_screen(self, name: str, screen: QWidget) -> None:
        self.screens[name] = screen
        self.stack.addWidget(screen)

    def show_screen(self, name: str) -> None:
        page = self.screens[name]
        if name == "workshops" and hasattr(self, "welcome") and not self.workshop_picker.count():
            page = self.welcome  # no workshop at all: the two ways in, not an empty list
        self.stack.setCurrentWidget(page)
        for action_name, action in self.navigation.items() if hasattr(self, "navigation") else ():
            action.setChecked(action_name == name)
        self._remember_place()

    def current_screen_name(self) -> str:
        current = self.stack.currentWidget()
        # The welcome page stands for the workshops screen while the file holds no workshop.
        names = (name for name, screen in self.screens.items() if screen is current)
        return next(names, "workshops")

    # -- toolbar and menus ---------------------------------------------------------------------
    def _build_toolbar(self) -> None:
        bar = QToolBar(_("Navigation"), objectName="navigation")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(bar)
        group = QActionGroup(self)
        self.navigation: dict[str, QAction] = {}
        for name, label, keys in (
            ("workshops", _("Workshops"), "Ctrl+Shift+A"),
            ("participants", _("Participants"), "Ctrl+Shift+P"),
            ("desk", _("Check-in desk"), "Ctrl+1"),
            ("timer", _("Agenda and timer"), "Ctrl+2"),
            ("groups", _("Groups"), "Ctrl+3"),
            ("restitutions", _("Report-backs"), "Ctrl+4"),
            ("synthesis", _("Synthesis"), "Ctrl+5"),
        ):
            action = QAction(label, self, checkable=True)
            action.setShortcut(QKeySequence(keys))
            action.setToolTip(
                f"{label} ({QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)})"
            )
            action.triggered.connect(lambda _checked=False, n=name: self.show_screen(n))
            group.addAction(action)
            bar.addAction(action)
            self.navigation[name] = action
        bar.addSeparator()
        bar.addWidget(QLabel(_("Workshop:") + " "))
        bar.addWidget(self.workshop_picker)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(_("&File"))
        new_workshop = file_menu.addAction(_("New workshop…"))
        new_workshop.triggered.connect(self._new_workshop)
        import_list = file_menu.addAction(_("Import a participant list…"))
        import_list.setShortcut(QKeySequence("Ctrl+I"))
        import_list.triggered.connect(self._import_list)
        badges = file_menu.addAction(_("Print badges…"))
        badges.setObjectName("print_badges")
        badges.triggered.connect(self._print_badges)
        attendance = file_menu.addAction(_("Attendance sheet…"))
        attendance.setObjectName("attendance_sheet")
        attendance.setShortcut(QKeySequence("Ctrl+Shift+E"))
        attendance.triggered.connect(self._attendance)
        synthesis = file_menu.addAction(_("Export the synthesis…"))
        synthesis.setObjectName("export_synthesis")
        synthesis.triggered.connect(self._export_synthesis)
        file_menu.addSeparator()
        save_copy = file_menu.addAction(_("Save a copy of the event file…"))
        save_copy.triggered.connect(self._save_copy)
        restore = file_menu.addAction(_("Restore a backup…"))
        restore.setObjectName("restore_backup")
        restore.triggered.connect(self._restore_backup)
        file_menu.addSeparator()
        quit_action = file_menu.addAction(_("Quit"))
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)

        view_menu = self.menuBar().addMenu(_("&View"))
        search = view_menu.addAction(_("Search the workshop…"))
        search.setObjectName("search_workshop")
        search.setShortcut(QKeySequence("Ctrl+Shift+F"))
        search.triggered.connect(self.open_search)
        view_menu.addSeparator()
        for action in self.navigation.values():
            view_menu.addAction(action)

        self.projector.fill_menu(self.menuBar().addMenu(_("&Projector")))

        language_menu = self.menuBar().addMenu(_("&Language"))
        languages = QActionGroup(self)
        for code, label in (("fr", "Français"), ("en", "English")):
            action = QAction(label, self, checkable=True)
            action.setObjectName(f"language_{code}")
            action.setChecked(code == current_language())
            action.triggered.connect(lambda _checked=False, c=code: self.switch_language(c))
            languages.addAction(action)
            language_menu.addAction(action)

        help_menu = self.menuBar().addMenu(_("&Help"))
        self._add_help_actions(help_menu)
        about = help_menu.addAction(_("About Facilitator"))
        about.triggered.connect(self._about)

    # -- help ------------------------------------------------------------------------------------
    def _add_help_actions(self, menu: QMenu) -> None:
        shortcuts = menu.addAction(_("Keyboard shortcuts"))
        shortcuts.setObjectName("show_shortcuts")
        shortcuts.setShortcut(QKeySequence("F1"))
        shortcuts.triggered.connect(self.show_shortcuts)
        menu.addSeparator()

    def show_shortcuts(self) -> ShortcutsDialog:
        """Every shortcut of the app, read from the window as it is now (F1)."""
        if self.shortcuts_dialog is not None:
            self.shortcuts_dialog.close()
            self.shortcuts_dialog.deleteLater()
        self.shortcuts_dialog = ShortcutsDialog(shortcuts_of(self), self)
        self.shortcuts_dialog.show()  # not modal: it can stay open beside the screen
        self.shortcuts_dialog.raise_()
        self.shortcuts_dialog.activateWindow()
        return self.shortcuts_dialog

    # -- where the organiser was ---------------------------------------------------------------
    def _open_where_left(self) -> None:
        """Open on the workshop and screen in use when this event file was last open.

        A workshop named on the command line wins; a workshop deleted since opens nothing
        rather than another workshop's data; with no memory, the first workshop opens.
        """
        place = self.memory.recall() if self.memory else Place(None, None)
        screen = place.screen if place.screen in self.screens else None
        if self.context.workshop_id is None:
            known = self.workshop_picker.findData(place.workshop_id) >= 0
            if place.workshop_id is not None and known:
                self.context.set_workshop(place.workshop_id)
            elif place.workshop_id is not None:
                screen = None
                self.statusBar().showMessage(
                    _("The workshop open last time no longer exists: choose one."), 15000
                )
            elif self.workshop_picker.count():
                self.context.set_workshop(self.workshop_picker.itemData(0))
        if self.context.workshop_id is None:
            screen = "workshops"
        self._place_ready = True
        self.show_screen(screen or "participants")

    def _remember_place(self, _change: object = None) -> None:
        if self.memory is None or not self._place_ready:
            return
        self.memory.remember(Place(self.context.workshop_id, self.current_screen_name()))

    # -- navigation between workshops ----------------------------------------------------------
    def _restore_geometry(self) -> None:
        """The size and place the window had, else as large as the screen allows."""
        saved = QSettings(APP_NAME, APP_NAME).value("window/geometry")
        if isinstance(saved, QByteArray) and self.restoreGeometry(saved):
            return
        screen = QGuiApplication.primaryScreen()
        if screen is None:
            self.resize(1280, 800)
            return
        available = screen.availableGeometry()
        # A 1366×768 laptop has less room than 1280×800 once panels are counted: never overflow.
        self.resize(min(1280, available.width()), min(800, available.height() - 40))
        self.move(available.center() - self.rect().center())

    def _workshop_opened(self, _workshop_id: int) -> None:
        self.show_screen("participants")

    def _data_changed(self, area: str) -> None:
        # Check-ins change no workshop's name or dates: the desk must not pay for a reload.
        if area in ("workshops", "participants"):
            self._refresh_picker()

    def _refresh_picker(self, _change: object = None) -> None:
        rows = self.context.read(list_workshops)
        self.workshop_picker.blockSignals(True)
        self.workshop_picker.clear()
        for w in rows:
            self.workshop_picker.addItem(
                f"{w.title} — {format_date_range(w.start_date, w.end_date)}", w.id
            )
        index = self.workshop_picker.findData(self.context.workshop_id)
        self.workshop_picker.setCurrentIndex(index)
        self.workshop_picker.blockSignals(False)
        if self.context.workshop_id is not None and index < 0:
            self.context.set_workshop(None)  # the open workshop was deleted
        title = "Facilitator"
        if index >= 0:
            title = f"{rows[index].title} — Facilitator"
        self.setWindowTitle(title)
        self._welcome_if_empty()

    def _picked(self, index: int) -> None:
        self.context.set_workshop(self.workshop_picker.itemData(index))

    def _new_workshop(self) -> None:
        dialog = WorkshopDialog(self.context, None, self)
        if dialog.exec() and getattr(dialog, "saved_id", None):
            self.context.set_workshop(dialog.saved_id)
            self.show_screen("participants")

    def _project_groups(self, round_id: int) -> None:
        project = getattr(self.projector, "project_groups", None)
        if project is None:  # the projector's groups view is not there yet
            self.statusBar().showMessage(_("The projector cannot show groups yet."), 8000)
            return
        project(round_id)

    def switch_language(self, language: str) -> None:
        """Rebuild the window in another language, on the same workshop and screen."""
        if language == current_language():
            return
        QSettings(APP_NAME, APP_NAME).setValue("language", language)
        set_language(language)
        install_qt_translator(language)
        screen = self.current_screen_name()
        successor = MainWindow(self.context, remember=self.memory is not None)
        successor.setGeometry(self.geometry())
        successor.show_screen(screen)
        successor.show()
        successor.raise_()
        successor.activateWindow()  # shortcuts (Ctrl+1, Ctrl+Z…) work at once in the new window
        self.close()

    def _about(self) -> None:
        QMessageBox.about(
            self,
            _("About Facilitator"),
            _(
                "Facilitator runs an in-person workshop from the facilitator's laptop, offline.\n"
                "Event file: {path}"
            ).format(path=self.context.db.path or self.context.db.url),
        )

    # -- search ------------------------------------------------------------------------------------
    def open_search(self) -> None:
        """Search every note, item and recommendation of the workshop; a hit opens where it is."""
        if self.context.workshop_id is None:
            return
        dialog = SearchDialog(self.context, self)
        dialog.open_hit.connect(self.open_hit)
        dialog.exec()
        dialog.deleteLater()
        self.activateWindow()  # the window's shortcuts (Ctrl+Shift+F again) must work at once

    def open_hit(self, hit: SearchHit) -> None:
        """Show the screen where a search hit is, on that item or group."""
        if hit.entity == "agenda_note" and hit.agenda_item_id is not None:
            self.show_screen("timer")
            self.agenda_screen.show_timer()
            self.agenda_screen.timer_screen.notes.set_item(hit.agenda_item_id)
            return
        page = self.screens["restitutions"]
        assert isinstance(page, RestitutionsPage)
        self.show_screen("restitutions")
        if hit.entity == "recommendation":
            page.tabs.setCurrentWidget(page.consolidation)
        elif hit.group_id is not None:
            page.tabs.setCurrentWidget(page.editor)
            page.editor.show_group(hit.group_id)
            if hit.entity == "item":
                page.editor.select_item(hit.entity_id)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        QSettings(APP_NAME, APP_NAME).setValue("window/geometry", self.saveGeometry())
        self.projector.shutdown()
        for screen in self.screens.values():
            screen.close()  # screens save what is being typed before the window goes
        super().closeEvent(event)
        if self in _open_windows:
            _open_windows.remove(self)
        self.deleteLater()
