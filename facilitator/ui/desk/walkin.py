"""Registering a walk-in at the desk: one small form, Enter, and they are in, present and badged.

As the name is typed, the people already on the list who may be this person show under it (the
desk's name index: accents, case, word order and part of the organisation do not matter); one
click checks that person in instead of adding a second one. Enter on a name exactly like a
registered person's asks once more before adding a namesake.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from facilitator.core.badges import read_payload
from facilitator.core.name_match import NameIndex, NameMatch
from facilitator.core.surnames import as_listed
from facilitator.i18n import _
from facilitator.store.checkin import ScanResult
from facilitator.store.participants import (
    ParticipantInput,
    ParticipantInvalid,
    ParticipantView,
    add_participant,
)
from facilitator.ui.context import AREA_PARTICIPANTS, AppContext
from facilitator.ui.desk.walkin_matches import MatchList
from facilitator.ui.widgets.participant_fields import ParticipantForm

MATCH_DELAY_MS = 120  # the list follows the typing, once a key has not followed for this long
SHOWN_MATCHES = 4


@dataclass(frozen=True)
class Lookup:
    """What the walk-in form reads from the desk's participant list."""

    index: NameIndex  # their names, for likely matches
    person_of: Callable[[int], ParticipantView | None]  # None once deleted
    surnames_in_capitals: bool = False  # the list writes « MBAYE »: a walk-in's too


class WalkInDialog(ParticipantForm):
    """The walk-in form; `registered(participant_id, print_badge)` once the person is saved.

    `existing_chosen(participant_id, print_badge)` when the person was on the list after all.
    """

    registered = Signal(int, bool)
    existing_chosen = Signal(int, bool)
    organisation: QLineEdit

    def __init__(
        self,
        context: AppContext,
        workshop_id: int,
        default_type_id: int | None = None,
        parent: QWidget | None = None,
        lookup: Callable[[], Lookup] | None = None,
    ) -> None:
        super().__init__(
            context, workshop_id, QLineEdit(objectName="organisation"), default_type_id, parent
        )
        self.setObjectName("walk_in")
        self.setWindowTitle(_("Walk-in participant"))
        self.setMinimumWidth(600)  # a likely match and its button side by side
        self.lookup = lookup
        self.matches: list[NameMatch] = []
        self._namesake_confirmed = False

        self.print_badge = QCheckBox(_("Print the badge"), objectName="print_badge")
        self.print_badge.setChecked(True)
        self.match_list = MatchList()
        self.match_list.chosen.connect(self.choose_existing)

        form = QFormLayout()
        self.add_field_rows(form)
        form.addRow("", self.print_badge)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("Register and check in"))
        ok.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(_("Enter registers the person, checks them in and prints their badge."))
        )
        layout.addLayout(form)
        layout.addWidget(self.match_list)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._match_timer = QTimer(self, singleShot=True, interval=MATCH_DELAY_MS)
        self._match_timer.timeout.connect(self.refresh_matches)
        for field in (self.first_name, self.last_name, self.organisation):
            field.textChanged.connect(self._typed)
        self.last_name.editingFinished.connect(self._surname_as_listed)
        self.first_name.setFocus()

    def show_error(self, text: str) -> None:
        super().show_error(text)
        self.fit_height()

    def fit_height(self) -> None:
        """Grow to what the form now needs (a warning, likely matches): its rows never thin."""
        layout = self.layout()
        needed = layout.totalHeightForWidth(self.width()) if layout is not None else -1
        needed = max(needed, self.minimumSizeHint().height())
        if self.height() < needed:
            self.resize(self.width(), needed)

    def value(self) -> ParticipantInput:
        data = self.fields_value()
        return replace(data, last_name=as_listed(data.last_name, self._capitals()))

    # -- the surname as the list writes it -------------------------------------------------------
    def _capitals(self) -> bool:
        return self.lookup is not None and self.lookup().surnames_in_capitals

    def _surname_as_listed(self) -> None:
        """Leaving the surname field shows it as it will be saved: « Thioune » becomes « THIOUNE »
        when the list writes surnames in capitals."""
        typed = self.last_name.text()
        if read_payload(typed) is not None:
            return  # a badge scanned here: kept as it is, for save() to recognise it
        listed = as_listed(typed, self._capitals())
        if listed != typed:
            self.last_name.setText(listed)

    # -- likely matches ------------------------------------------------------------------------
    def _typed(self, _text: str) -> None:
        self._namesake_confirmed = False
        self._match_timer.start()

    def refresh_matches(self) -> None:
        """Show who on the list may be the person typed (the first few, likeliest first)."""
        self._match_timer.stop()
        if self.lookup is None:
            return
        lookup = self.lookup()
        person_of = lookup.person_of
        found, total = lookup.index.likely(
            self.first_name.text(),
            self.last_name.text(),
            self.organisation.text(),
            limit=SHOWN_MATCHES,
        )
        people = [person_of(match.participant_id) for match in found]
        self.matches = [m for m, p in zip(found, people, strict=True) if p is not None]
        self.match_list.set_matches([p for p in people if p is not None], total)
        self.adjustSize()

    def choose_existing(self, participant_id: int) -> None:
        """The person was on the list: check them in, add nobody."""
        self.existing_chosen.emit(participant_id, self.print_badge.isChecked())
        self.accept()

    # -- saving --------------------------------------------------------------------------------
    def save(self) -> None:
        raw = self.fields_value()
        workshop_id = self.workshop_id
        typed = " ".join((raw.first_name, raw.last_name, raw.organisation, raw.phone, raw.email))
        if read_payload(typed) is not None:
            # A badge scanned while this form had the focus: never register a person named
            # after a badge code.
            self.show_error(
                _(
                    "A badge code was typed into this form: close it and scan the badge in the "
                    "scan field."
                )
            )
            return
        if self._match_timer.isActive():
            self.refresh_matches()  # Enter typed right after the name: look before adding
        namesake = next((m for m in self.matches if m.exact_name), None)
        if namesake is not None and not self._namesake_confirmed:
            self._namesake_confirmed = True
            self.show_error(
                _(
                    "Someone with this name is already on the list (above). If it is them, "
                    "press their button; if it is another person, press Enter again to "
                    "register them."
                )
            )
            return
        data = self.value()
        try:
            self.saved_id = self.context.write(
                AREA_PARTICIPANTS,
                lambda s: add_participant(s, workshop_id, data, walk_in=True).id,
            )
        except ParticipantInvalid as exc:
            self.show_error(str(exc))
            return
        self.registered.emit(self.saved_id, self.print_badge.isChecked())
        self.accept()


class WalkIns(QObject):
    """The desk's walk-in form: opens it, then checks in (and badges) whoever it names."""

    def __init__(
        self,
        parent: QWidget,
        context: AppContext,
        lookup: Callable[[], Lookup],
        check_in: Callable[[int], ScanResult],
        badge: Callable[[list[int]], None],
        closed: Callable[[], None],
    ) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.context = context
        self.lookup = lookup
        self.check_in = check_in
        self.badge = badge
        self.closed = closed
        self.dialog: WalkInDialog | None = None
        self._last_type: int | None = None  # the next walk-in is often of the same type

    def open(self) -> None:
        workshop_id = self.context.workshop_id
        if workshop_id is None or self.dialog is not None:
            return
        dialog = WalkInDialog(
            self.context, workshop_id, self._last_type, self.parent_widget, self.lookup
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.registered.connect(self._registered)
        dialog.existing_chosen.connect(self._existing)
        dialog.finished.connect(self._finished)
        self.dialog = dialog
        dialog.open()

    def _registered(self, participant_id: int, print_badge: bool) -> None:
        if self.dialog is not None:
            self._last_type = self.dialog.type_combo.currentData()
        self._existing(participant_id, print_badge)

    def _existing(self, participant_id: int, print_badge: bool) -> None:
        result = self.check_in(participant_id)
        if print_badge and result.participant is not None:
            self.badge([participant_id])

    def _finished(self, _result: int) -> None:
        self.dialog = None
        self.closed()
