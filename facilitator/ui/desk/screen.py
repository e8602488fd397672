"""The check-in desk screen (Ctrl+1): the view. What it does lives in controller.py.

The scan field keeps the keyboard focus, so a USB scanner's keystrokes and Enter check a person
in without a click; buttons never take the focus, and every action gives it back.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator.i18n import _
from facilitator.store.checkin import OUTSIDE_DATES, ScanResult
from facilitator.store.participants import ParticipantView
from facilitator.ui.context import AppContext
from facilitator.ui.desk import camera
from facilitator.ui.desk.badges_bar import BadgesBar
from facilitator.ui.desk.controller import DeskController
from facilitator.ui.desk.counts import CountsView
from facilitator.ui.desk.day_question import NO_KEYS, YES_KEYS, DayQuestionBar
from facilitator.ui.desk.elision import with_name
from facilitator.ui.desk.fields import ScanField
from facilitator.ui.desk.guide import DeskGuide
from facilitator.ui.desk.header import DeskHeader
from facilitator.ui.desk.history import HistoryModel, HistoryView
from facilitator.ui.desk.late_arrival import SHORTCUT, LateArrivalBar
from facilitator.ui.desk.name_search import NameSearch
from facilitator.ui.desk.panel import GUIDE, READY, FeedbackPanel
from facilitator.ui.desk.walkin import Lookup, WalkInDialog, WalkIns

BACK_TO_READY_MS = 20_000  # an old result must not pass for the next person's
RIGHT_WIDTH, NARROW_RIGHT_WIDTH = 380, 330  # the side column; narrower on a 1024 px screen


class DeskScreen(QWidget):
    """Scan badges, find a name, register walk-ins, and watch who is here."""

    result_shown = Signal(object)  # the ScanResult the panel now shows (after its commit)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("desk")
        self.context = context
        self.controller = DeskController(context, parent=self)
        self.sounds = self.controller.sounds
        self.camera_view: camera.CameraView | None = None

        self.header = DeskHeader(self.controller.desk_name, self.sounds.enabled)
        self.title = self.header.title
        self.day_label = self.header.day_label
        self.desk_name = self.header.desk_name
        self.sound_box = self.header.sound_box
        self.camera_button = self.header.camera_button
        reason = camera.camera_unavailable_reason()
        self.camera_button.setToolTip(reason or _("Scan badges with the laptop camera"))

        self.scan = ScanField(objectName="scan")
        self.scan.setPlaceholderText(_("Scan a badge (or type its code, then Enter)"))
        font = QFont()
        font.setPointSize(18)
        self.scan.setFont(font)
        self.scan.setMaxLength(200)
        self.panel = FeedbackPanel()
        self.late_bar = LateArrivalBar()  # « Ajouter au Groupe 3 » after a late check-in
        self.day_bar = DayQuestionBar()  # « Enregistrer pour le 25 mars ? » outside the dates
        self.recent = HistoryModel()
        self.history_view = HistoryView(self.recent)
        self.undo_button = QPushButton(_("Undo the last check-in"), objectName="undo_last")
        self.undo_button.setEnabled(False)
        self.camera_holder = QVBoxLayout()

        self.counts = CountsView()
        self.search = NameSearch(self.controller.names)
        self.name_search = self.search.field
        self.name_results = self.search.results
        self.match_info = self.search.match_info
        self.check_in_button = self.search.check_in_button
        self.reprint_button = self.search.reprint_button
        self.walk_in_button = QPushButton(_("Walk-in…"), objectName="walk_in")
        self.badges = BadgesBar(context)
        self.printing = self.badges.printing
        self.walk_ins = WalkIns(
            self,
            context,
            self._names,
            self.check_in_person,
            self.printing.badge_for,
            self.focus_scan,
        )
        self.guide = DeskGuide(self, context, self.walk_ins.open)
        for button in (self.sound_box, self.camera_button, self.undo_button, self.walk_in_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the scan field keeps the keyboard
        self._layout()
        self._connect()
        self._add_shortcuts()
        self._back_to_ready = QTimer(self, singleShot=True, interval=BACK_TO_READY_MS)
        self._back_to_ready.timeout.connect(self._ready_again)

    def _layout(self) -> None:
        left = QVBoxLayout()
        left.addWidget(self.scan)
        left.addWidget(self.panel, 1)
        left.addWidget(self.late_bar)
        left.addWidget(self.day_bar)
        left.addLayout(self.camera_holder)
        under = QHBoxLayout()
        under.addWidget(QLabel(_("Last scans at this desk")), 1)
        under.addWidget(self.undo_button)
        left.addLayout(under)
        left.addWidget(self.history_view)
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.counts)  # never squeezed: the name list takes what is left
        right.addWidget(self.search, 1)
        right.addWidget(self.walk_in_button)
        right.addWidget(self.badges)
        self.side = QWidget(objectName="desk_side")
        self.side.setLayout(right)
        self.side.setFixedWidth(RIGHT_WIDTH)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addWidget(self.side)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.header)
        layout.addLayout(body, 1)

    def _connect(self) -> None:
        # Bound methods, not lambdas: Qt drops them when this screen is destroyed.
        self.scan.returnPressed.connect(self._scan_entered)
        self.desk_name.editingFinished.connect(self._desk_renamed)
        self.sound_box.toggled.connect(self.controller.set_sound)
        self.camera_button.clicked.connect(self.toggle_camera)
        self.undo_button.clicked.connect(self.undo_last)
        self.search.check_in_requested.connect(self.check_in_person)
        self.search.badge_typed.connect(self.scan_text)
        self.search.done.connect(self.focus_scan)
        self.reprint_button.clicked.connect(self.reprint)
        self.walk_in_button.clicked.connect(self.walk_ins.open)
        self.day_bar.yes.clicked.connect(self.record_outside_dates)
        self.day_bar.no.clicked.connect(self.record_nothing_today)
        self.badges.mode.activated.connect(self.focus_scan)
        self.printing.status.connect(self._print_status)
        controller = self.controller
        controller.result_ready.connect(self._show_result)
        controller.question.connect(self._ask_day)
        controller.undone.connect(self._show_undone)
        controller.counts_changed.connect(self.counts.set_counts)
        controller.names_changed.connect(self._names_loaded)
        controller.header_changed.connect(self._header_changed)
        controller.history_changed.connect(self._history_changed)
        controller.load_failed.connect(self._load_failed)
        self.late_bar.follow(controller.late)
        self.late_bar.button.clicked.connect(self.add_late_arrival)
        self.context.workshop_changed.connect(self._workshop_changed)

    def _add_shortcuts(self) -> None:
        scope = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot, button in (
            (QKeySequence(QKeySequence.StandardKey.Undo), self.undo_last, self.undo_button),
            (QKeySequence(QKeySequence.StandardKey.Find), self.search.focus, None),
            (QKeySequence("Ctrl+N"), self.walk_ins.open, self.walk_in_button),
            (QKeySequence("Ctrl+P"), self.reprint, self.reprint_button),
            (QKeySequence(SHORTCUT), self.add_late_arrival, None),
            (QKeySequence(YES_KEYS), self.record_outside_dates, None),
            (QKeySequence(NO_KEYS), self.record_nothing_today, None),
        ):
            action = QAction(self)
            action.setShortcut(keys)
            action.setShortcutContext(scope)
            action.triggered.connect(slot)
            self.addAction(action)
            if button is not None:
                text = keys.toString(QKeySequence.SequenceFormat.NativeText)
                button.setToolTip(f"{button.text()} ({text})")

    # -- focus ---------------------------------------------------------------------------------
    def focus_scan(self) -> None:
        self.scan.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_name_search(self) -> None:
        self.search.focus()

    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        self.controller.set_active(True)
        self.focus_scan()
        QTimer.singleShot(0, self, self.focus_scan)  # after the window is activated

    def hideEvent(self, event: Any) -> None:  # noqa: N802
        self.controller.set_active(False)
        if self.camera_view is not None:
            self.camera_view.stop()
            self.camera_view.hide()
        super().hideEvent(event)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802
        super().resizeEvent(event)
        narrow = self.width() < 1200
        self.side.setFixedWidth(NARROW_RIGHT_WIDTH if narrow else RIGHT_WIDTH)
        self.header.set_narrow(narrow)

    def mousePressEvent(self, event: Any) -> None:  # noqa: N802
        super().mousePressEvent(event)
        self.focus_scan()

    # -- what the panel shows ------------------------------------------------------------------
    def _scan_entered(self) -> None:
        text = self.scan.text()
        self.scan.clear()
        self.scan_text(text)

    def _show_result(self, result: ScanResult) -> None:
        self.day_bar.hide()
        if result.status == OUTSIDE_DATES:
            self._show_not_recorded(result)
        else:
            self.panel.show_result(result)
        self.panel.repaint()  # painted now, before the sound starts and other screens refresh
        self.recent.add_result(result)
        self._back_to_ready.start()
        self.result_shown.emit(result)
        self.controller.late.consider(result)  # after the paint: found in a worker thread

    def _show_undone(self, person: ParticipantView, removed: bool) -> None:
        self.controller.late.clear()
        self.panel.show_undone(person, removed)
        self.panel.repaint()
        if removed:
            self.recent.add_undone(person.full_name, person.id)
        self._back_to_ready.start()

    def _ready_again(self) -> None:
        self.controller.late.clear()
        if self.controller.held:
            return  # a question waits for its answer: it stays
        registered = self.controller.names.row_count_all() if self.controller.names_ready else None
        if not self.guide.show(self.panel, registered) and self.panel.state != READY:
            self.panel.show_ready()

    def _idle(self) -> bool:
        return self.panel.state in (READY, GUIDE, "")

    # -- actions -------------------------------------------------------------------------------
    def scan_text(self, text: str) -> None:
        """Check in whoever's badge this is (scanner, camera, or the name field)."""
        self.controller.scan(text)
        self.focus_scan()

    def check_in_person(self, participant_id: int) -> ScanResult:
        """Check in someone found by name (no badge)."""
        result = self.controller.check_in_participant(participant_id)
        self.focus_scan()
        return result

    def add_late_arrival(self) -> None:
        """Put the person just checked in in the group offered (button or Alt+G)."""
        if self.controller.late.accept():
            self._back_to_ready.start()
        self.focus_scan()

    def undo_last(self) -> None:
        try:
            person = self.controller.undo_last()
        except Exception:  # the database refused: say so, keep the desk running
            self.panel.show_info(
                _("Undo failed"), _("The check-in could not be taken back: try again.")
            )
            person = self.panel.participant
        if person is None and not self.controller.history:
            self.panel.show_info(
                _("Nothing to undo"), _("No check-in was recorded at this desk since it opened.")
            )
        self.focus_scan()

    def _history_changed(self) -> None:
        last = self.controller.last_checked_in()
        self.undo_button.setEnabled(last is not None)
        self.undo_button.setToolTip(
            with_name(_("Undo the check-in of {name} (Ctrl+Z)"), last.full_name)
            if last
            else _("No check-in to undo")
        )

    def _desk_renamed(self) -> None:
        self.controller.set_desk_name(self.desk_name.text())
        self.desk_name.setText(self.controller.desk_name)
        self.focus_scan()

    def reprint(self) -> None:
        """Print the badge of the person picked by name, else of the person last shown."""
        person = self.search.picked() or self.panel.participant or self.controller.last_checked_in()
        if person is None:
            self.panel.show_info(
                _("Which badge?"), _("Find the participant by name first, then print.")
            )
        else:
            self.printing.badge_for([person.id])
        self.focus_scan()

    def open_walk_in(self) -> None:
        self.walk_ins.open()

    @property
    def walk_in_dialog(self) -> WalkInDialog | None:
        return self.walk_ins.dialog

    def _names(self) -> Lookup:
        controller = self.controller
        return Lookup(
            controller.name_index, controller.names.view_of, controller.surnames_in_capitals
        )

    def _print_status(self, _text: str, _failed: bool) -> None:
        self.focus_scan()  # the print dialog, if one showed, gave the keyboard back

    # -- outside the workshop's dates ------------------------------------------------------------
    def _ask_day(self, result: ScanResult) -> None:
        self.day_bar.ask(self.panel, result, self.controller.dates, len(self.controller.held))
        self.panel.repaint()
        self._back_to_ready.stop()  # the question stays until it is answered
        self.focus_scan()

    def _show_not_recorded(self, result: ScanResult) -> None:
        if not self.day_bar.not_recorded(self.panel, result, self.controller.dates):
            self.panel.show_result(result)

    def record_outside_dates(self) -> None:
        """Alt+O: record the held check-ins for the nearest workshop day (and all of today's)."""
        self.day_bar.hide()
        self.controller.answer_day(True)
        self.focus_scan()

    def record_nothing_today(self) -> None:
        """Alt+N: record nothing today on this desk."""
        if self.controller.held:
            self.controller.answer_day(False)
        self.focus_scan()

    # -- camera --------------------------------------------------------------------------------
    def toggle_camera(self) -> None:
        self.camera_view, reason = camera.toggle(
            self, self.camera_holder, self.camera_view, self.scan_text
        )
        if reason is not None:
            self.camera_button.setToolTip(reason)
            self.panel.show_info(_("Camera unavailable"), reason)
        self.focus_scan()

    # -- header and loading ----------------------------------------------------------------------
    def _workshop_changed(self, _workshop_id: int) -> None:
        self.controller.late.clear()
        self.day_bar.hide()
        self.recent.clear()
        self.panel.show_ready()
        self._ready_again()

    def _names_loaded(self) -> None:
        self.search.refresh(self.controller.names_ready)
        self.recent.restore(self.controller.names.all_rows(), self.controller.desk_name)
        if self._idle():
            self._ready_again()

    def _header_changed(self) -> None:
        controller = self.controller
        if self.context.workshop_id is None:
            self.header.show_workshop(None, None)
            if self._idle():
                self._ready_again()
            return
        self.header.show_workshop(controller.title, controller.dates)
        self.counts.set_today(controller.dates.today if controller.dates else None)

    def _load_failed(self, message: str) -> None:
        self.match_info.setText(
            _("The participant list could not be read. Call the organiser if this lasts.")
        )
