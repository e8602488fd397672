"""The desk's badge row: print at once or collect in « À imprimer », the batch, the printer.

A line under it says what happened to the last badge, in words for the desk agent. Nothing here
takes the keyboard from the scan field.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QPushButton,
    QWidget,
)

from facilitator.i18n import _, number
from facilitator.ui.context import AppContext
from facilitator.ui.desk.elided import ElidedLabel
from facilitator.ui.desk.printing import BATCH, PRINT_NOW, DeskPrinting

_ERROR = "color: #B00020; font-weight: 600;"
_DONE = "color: #1B5E20;"


class BadgesBar(QWidget):
    """How the desk prints badges, and what waits to be printed."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.printing = DeskPrinting(self, context)
        self.mode = QComboBox(objectName="badge_mode")
        self.mode.addItem(_("Print badges at once"), PRINT_NOW)
        self.mode.addItem(_("Collect badges in « To print »"), BATCH)
        self.mode.setCurrentIndex(max(self.mode.findData(self.printing.mode), 0))
        self.mode.setToolTip(
            _("« To print » collects the badges of the day's walk-ins to print a full sheet")
        )
        self.queue_button = QPushButton(objectName="print_queue")
        self.printer_button = QPushButton(_("Printer…"), objectName="choose_printer")
        # Two lines at most, cut with « … » (the whole text in its tooltip): a label that wraps
        # to any height made the side column squeeze the counts above when it appeared.
        self.status = ElidedLabel(2, objectName="print_status")
        self.status.hide()
        for widget in (self.mode, self.queue_button, self.printer_button):
            widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the scan field keeps the keyboard
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.mode, 0, 0, 1, 2)
        layout.addWidget(self.queue_button, 1, 0)
        layout.addWidget(self.printer_button, 1, 1)
        layout.addWidget(self.status, 2, 0, 1, 2)
        self.mode.activated.connect(self._mode_chosen)
        self.queue_button.clicked.connect(self.printing.print_queue)
        self.printer_button.clicked.connect(self.choose_printer)
        self.printing.queue.changed.connect(self.refresh)
        self.printing.printer_changed.connect(self.refresh)
        self.printing.status.connect(self.say)
        self.refresh()

    def _mode_chosen(self, index: int) -> None:
        self.printing.set_mode(str(self.mode.itemData(index)))

    def choose_printer(self) -> None:
        self.printing.choose_printer()

    def refresh(self) -> None:
        waiting = len(self.printing.queue)
        self.queue_button.setText(_("Print the waiting badges ({n})").format(n=number(waiting)))
        self.queue_button.setEnabled(waiting > 0)
        printer = self.printing.printer_name()
        self.printer_button.setToolTip(
            _("Badges go to: {printer}").format(printer=printer)
            if printer
            else _("No printer chosen yet: the first badge will ask which one")
        )

    def say(self, text: str, failed: bool) -> None:
        self.status.setStyleSheet(_ERROR if failed else _DONE)
        self.status.ensurePolished()  # measured in the style's font (bold for a failure)
        self.status.setText(text)
        self.status.show()
        self.status.setToolTip(text)  # the whole text, cut or not
