"""The desk's top line: the workshop's title, the day counted, the desk's name, sound, camera.

The title ends with « … » when the line is short of room (its tooltip holds it whole); on a
narrow screen the day counted takes two lines rather than push the title out.
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from facilitator.i18n import _
from facilitator.store.checkin import DayCheck
from facilitator.ui.desk.elided import ElidedLabel
from facilitator.ui.widgets.dates import format_date

_OUTSIDE_STYLE = "color: #B35C00; font-weight: 600;"


class DeskHeader(QWidget):
    """The title, the day the arrivals count for, and the desk's own settings."""

    def __init__(self, desk_name: str, sound: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = ElidedLabel(1, objectName="screen_title")
        self.title.setStyleSheet("font-size: 18px; font-weight: 600;")
        self.title.ensurePolished()  # measured in the title's own font
        self.day_label = QLabel(objectName="day")
        self.desk_name = QLineEdit(desk_name, objectName="desk_name")
        self.desk_name.setMaxLength(40)
        self.desk_name.setFixedWidth(120)
        self.desk_name.setToolTip(_("The name of this desk, shown on each check-in it records"))
        self.sound_box = QCheckBox(_("Sound"), objectName="sound")
        self.sound_box.setChecked(sound)
        self.camera_button = QPushButton(_("Camera"), objectName="camera")
        self._day_parts: list[str] = []
        self._narrow = False
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title, 1)
        layout.addWidget(self.day_label)
        layout.addSpacing(12)
        layout.addWidget(QLabel(_("Desk:")))
        layout.addWidget(self.desk_name)
        layout.addWidget(self.sound_box)
        layout.addWidget(self.camera_button)

    def show_workshop(self, title: str | None, dates: DayCheck | None) -> None:
        """The open workshop (None: no workshop) and today against its dates."""
        if title is None:
            self.title.setText(_("No workshop open"))
            self._day_parts = []
            self._show_day()
            return
        self.title.setText(_("Check-in desk · {title}").format(title=title))
        parts = []
        if dates is not None:
            parts.append(_("Arrivals of {date}").format(date=format_date(dates.day)))
            if dates.outside:
                parts.append(_("today is {date}").format(date=format_date(dates.today)))
        self._day_parts = parts
        self.day_label.setStyleSheet(_OUTSIDE_STYLE if len(parts) > 1 else "")
        self._show_day()

    def set_narrow(self, narrow: bool) -> None:
        """A narrow screen (1024 px): the day counted on two lines, the title keeps its room."""
        if narrow != self._narrow:
            self._narrow = narrow
            self._show_day()

    def _show_day(self) -> None:
        self.day_label.setText(("\n" if self._narrow else " · ").join(self._day_parts))
