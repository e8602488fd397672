"""The check-in desk screen (Ctrl+1): the view. What it does lives in controller.py.

The scan field keeps the keyboard focus, so a USB scanner's keystrokes and Enter check a person
in without a click; buttons never take the focus, and every action gives it back.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from facilitator.core.badges import read_payload
from facilitator.i18n import _
from facilitator.store.checkin import ScanResult
from facilitator.store.participants import ParticipantView
from facilitator.ui.context import AppContext
from facilitator.ui.desk import camera, printing
from facilitator.ui.desk.controller import DeskController
from facilitator.ui.desk.counts import CountsView
from facilitator.ui.desk.fields import ScanField
from facilitator.ui.desk.late_arrival import SHORTCUT, LateArrivalBar
from facilitator.ui.desk.panel import READY, FeedbackPanel
from facilitator.ui.desk.walkin import WalkInDialog
from facilitator.ui.widgets.dates import format_date

BACK_TO_READY_MS = 20_000  # an old result must not pass for the next person's


class DeskScreen(QWidget):
    """Scan badges, find a name, register walk-ins, and watch who is here."""

    result_shown = Signal(object)  # the ScanResult the panel now shows (after its commit)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("desk")
        self.context = context
        self.controller = DeskController(context, parent=self)
        self.sounds = self.controller.sounds
        self.walk_in_dialog: WalkInDialog | None = None
        self.camera_view: camera.CameraView | None = None
        self._last_walk_in_type: int | None = None

        self.title = QLabel(objectName="screen_title")
        self.title.setStyleSheet("font-size: 18px; font-weight: 600;")
        # A long workshop title is cut rather than widen the window.
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.day_label = QLabel(objectName="day")
        self.desk_name = QLineEdit(self.controller.desk_name, objectName="desk_name")
        self.desk_name.setMaxLength(40)
        self.desk_name.setFixedWidth(140)
        self.desk_name.setToolTip(_("The name of this desk, shown on each check-in it records"))
        self.sound_box = QCheckBox(_("Sound"), objectName="sound")
        self.sound_box.setChecked(self.sounds.enabled)
        self.camera_button = QPushButton(_("Camera"), objectName="camera")
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
        self.undo_button = QPushButton(_("Undo the last check-in"), objectName="undo_last")
        self.undo_button.setEnabled(False)
        self.camera_holder = QVBoxLayout()

        self.counts = CountsView()
        self.name_search = QLineEdit(objectName="name_search", clearButtonEnabled=True)
        self.name_search.setPlaceholderText(_("Forgotten badge? Type a name…"))
        self.name_results = QListView(objectName="name_results")
        self.name_results.setModel(self.controller.names)
        self.name_results.setUniformItemSizes(True)
        self.name_results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.name_results.setMinimumHeight(150)
        self.match_info = QLabel(objectName="match_info", wordWrap=True)
        self.check_in_button = QPushButton(_("Check in"), objectName="check_in_selected")
        self.reprint_button = QPushButton(_("Print the badge again"), objectName="reprint")
        self.walk_in_button = QPushButton(_("Walk-in…"), objectName="walk_in")
        for button in (
            self.sound_box,
            self.camera_button,
            self.undo_button,
            self.check_in_button,
            self.reprint_button,
            self.walk_in_button,
        ):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the scan field keeps the keyboard
        self._layout()
        self._connect()
        self._add_shortcuts()
        self._back_to_ready = QTimer(self, singleShot=True, interval=BACK_TO_READY_MS)
        self._back_to_ready.timeout.connect(self._ready_again)

    def _layout(self) -> None:
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.day_label)
        header.addSpacing(16)
        header.addWidget(QLabel(_("Desk:")))
        header.addWidget(self.desk_name)
        header.addWidget(self.sound_box)
        header.addWidget(self.camera_button)
        left = QVBoxLayout()
        left.addWidget(self.scan)
        left.addWidget(self.panel, 1)
        left.addWidget(self.late_bar)
        left.addLayout(self.camera_holder)
        undo_row = QHBoxLayout()
        undo_row.addWidget(self.undo_button)
        undo_row.addStretch(1)
        left.addLayout(undo_row)
        right = QVBoxLayout()
        right.addWidget(self.counts)  # never squeezed: the name list takes what is left
        right.addWidget(QLabel(_("Find a participant by name")))
        right.addWidget(self.name_search)
        right.addWidget(self.name_results, 1)
        right.addWidget(self.match_info)
        buttons = QHBoxLayout()
        buttons.addWidget(self.check_in_button)
        buttons.addWidget(self.reprint_button)
        right.addLayout(buttons)
        right.addWidget(self.walk_in_button)
        right_widget = QWidget()
        right_widget.setLayout(right)
        right_widget.setFixedWidth(400)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addWidget(right_widget)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addLayout(body, 1)

    def _connect(self) -> None:
        # Bound methods, not lambdas: Qt drops them when this screen is destroyed.
        self.scan.returnPressed.connect(self._scan_entered)
        self.desk_name.editingFinished.connect(self._desk_renamed)
        self.sound_box.toggled.connect(self.controller.set_sound)
        self.camera_button.clicked.connect(self.toggle_camera)
        self.undo_button.clicked.connect(self.undo_last)
        self.name_search.textChanged.connect(self._name_typed)
        self.name_search.returnPressed.connect(self._name_entered)
        self.name_search.installEventFilter(self)
        self.name_results.activated.connect(self._result_activated)
        self.check_in_button.clicked.connect(self.check_in_selected)
        self.reprint_button.clicked.connect(self.reprint)
        self.walk_in_button.clicked.connect(self.open_walk_in)
        controller = self.controller
        controller.result_ready.connect(self._show_result)
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
            (QKeySequence(QKeySequence.StandardKey.Find), self.focus_name_search, None),
            (QKeySequence("Ctrl+N"), self.open_walk_in, self.walk_in_button),
            (QKeySequence("Ctrl+P"), self.reprint, self.reprint_button),
            (QKeySequence(SHORTCUT), self.add_late_arrival, None),
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
        self.name_search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.name_search.selectAll()

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

    def mousePressEvent(self, event: Any) -> None:  # noqa: N802
        super().mousePressEvent(event)
        self.focus_scan()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched == self.name_search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
                self._move_in_results(key)
                return True
            if key == Qt.Key.Key_Escape:
                self.name_search.clear()
                self.focus_scan()
                return True
        return super().eventFilter(watched, event)

    # -- scanning ------------------------------------------------------------------------------
    def _scan_entered(self) -> None:
        text = self.scan.text()
        self.scan.clear()
        self.controller.scan(text)
        self.focus_scan()

    def _show_result(self, result: ScanResult) -> None:
        self.panel.show_result(result)
        self.panel.repaint()  # painted now, before the sound starts and other screens refresh
        self._back_to_ready.start()
        self.result_shown.emit(result)
        self.controller.late.consider(result)  # after the paint: found in a worker thread

    def add_late_arrival(self) -> None:
        """Put the person just checked in in the group offered (button or Alt+G)."""
        if self.controller.late.accept():
            self._back_to_ready.start()
        self.focus_scan()

    def _show_undone(self, person: ParticipantView, removed: bool) -> None:
        self.controller.late.clear()
        self.panel.show_undone(person, removed)
        self.panel.repaint()
        self._back_to_ready.start()

    def _ready_again(self) -> None:
        self.controller.late.clear()
        if self.panel.state != READY:
            self.panel.show_ready()

    def undo_last(self) -> None:
        try:
            person = self.controller.undo_last()
        except Exception as exc:  # the database refused: say so, keep the desk running
            self.panel.show_info(_("Undo failed"), str(exc))
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
            _("Undo the check-in of {name} (Ctrl+Z)").format(name=last.full_name)
            if last
            else _("No check-in to undo")
        )

    def _desk_renamed(self) -> None:
        self.controller.set_desk_name(self.desk_name.text())
        self.desk_name.setText(self.controller.desk_name)
        self.focus_scan()

    # -- finding a name ------------------------------------------------------------------------
    def _name_typed(self, text: str) -> None:
        names = self.controller.names
        names.set_text(text)
        if names.rowCount():
            self.name_results.setCurrentIndex(names.index(0))
        self.match_info.setText(names.summary(self.controller.names_ready))

    def _names_loaded(self) -> None:
        self._name_typed(self.name_search.text())

    def _move_in_results(self, key: int) -> None:
        count = self.controller.names.rowCount()
        if not count:
            return
        step = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1, Qt.Key.Key_PageUp: -8}.get(key, 8)  # type: ignore[call-overload]
        row = min(max(self.name_results.currentIndex().row() + step, 0), count - 1)
        self.name_results.setCurrentIndex(self.controller.names.index(row))

    def _name_entered(self) -> None:
        text = self.name_search.text()
        if read_payload(text) is not None:  # a badge scanned while the name field had the focus
            self.name_search.clear()
            self.controller.scan(text)
            self.focus_scan()
            return
        self.check_in_selected()

    def _result_activated(self, index: QModelIndex) -> None:
        self._check_in_row(index.row())

    def check_in_selected(self) -> None:
        """Check in the participant picked in the name list (the first match by default)."""
        if self.controller.names.rowCount():
            self._check_in_row(max(self.name_results.currentIndex().row(), 0))
        self.focus_scan()

    def _check_in_row(self, row: int) -> None:
        person = self.controller.names.view_at(row)
        self.controller.check_in_participant(person.id)
        self.name_search.clear()
        self.focus_scan()

    def _badge_target(self) -> ParticipantView | None:
        names = self.controller.names
        if self.name_search.text().strip() and names.rowCount():
            return names.view_at(max(self.name_results.currentIndex().row(), 0))
        return self.panel.participant or self.controller.last_checked_in()

    def reprint(self) -> None:
        """Print the badge of the person picked by name, else of the person last shown."""
        person = self._badge_target()
        if person is None:
            self.panel.show_info(
                _("Which badge?"), _("Find the participant by name first, then print.")
            )
        else:
            printing.print_badges(self, self.context, [person.id])
        self.focus_scan()

    # -- walk-ins --------------------------------------------------------------------------------
    def open_walk_in(self) -> None:
        workshop_id = self.context.workshop_id
        if workshop_id is None:
            return
        dialog = WalkInDialog(self.context, workshop_id, self._last_walk_in_type, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.registered.connect(self._walk_in_registered)
        dialog.finished.connect(self._walk_in_closed)
        self.walk_in_dialog = dialog
        dialog.open()

    def _walk_in_registered(self, participant_id: int, print_badge: bool) -> None:
        if self.walk_in_dialog is not None:
            self._last_walk_in_type = self.walk_in_dialog.type_combo.currentData()
        result = self.controller.check_in_participant(participant_id)
        if print_badge and result.participant is not None:
            printing.print_badges(self, self.context, [participant_id])

    def _walk_in_closed(self, _result: int) -> None:
        self.walk_in_dialog = None
        self.focus_scan()

    # -- camera --------------------------------------------------------------------------------
    def toggle_camera(self) -> None:
        reason = camera.camera_unavailable_reason()
        if reason is not None:
            self.camera_button.setToolTip(reason)
            self.panel.show_info(_("Camera unavailable"), reason)
        elif self.camera_view is None:
            view = camera.make_camera_view(self)
            if view is not None:
                view.decoded.connect(self._camera_decoded)
                self.camera_holder.addWidget(view)
                self.camera_view = view
        elif self.camera_view.isVisible():
            self.camera_view.stop()
            self.camera_view.hide()
        else:
            self.camera_view.show()
            self.camera_view.start()
        self.focus_scan()

    def _camera_decoded(self, text: str) -> None:
        self.controller.scan(text)

    # -- workshop and loading --------------------------------------------------------------------
    def _workshop_changed(self, _workshop_id: int) -> None:
        self.controller.late.clear()
        self.panel.show_ready()

    def _header_changed(self) -> None:
        controller = self.controller
        if self.context.workshop_id is None:
            self.title.setText(_("No workshop open"))
            self.day_label.setText("")
            return
        self.title.setText(_("Check-in desk · {title}").format(title=controller.title))
        self.title.setToolTip(controller.title)
        if controller.day is not None:
            self.day_label.setText(_("Arrivals of {date}").format(date=format_date(controller.day)))

    def _load_failed(self, message: str) -> None:
        self.match_info.setText(
            _("The participant list could not be read: {error}").format(error=message)
        )
