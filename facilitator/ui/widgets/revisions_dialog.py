"""Earlier versions of a text (notes, an item, a recommendation), to look at and put back."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator.i18n import _
from facilitator.store.restitution_fields import RestitutionsInvalid
from facilitator.store.revisions import (
    ENTITY_AGENDA_NOTE,
    ENTITY_ITEM,
    ENTITY_RECOMMENDATION,
    ENTITY_RESTITUTION,
    RevisionRow,
    restore_revision,
    revisions,
)
from facilitator.ui.context import AppContext

AREA_AGENDA_NOTES = "agenda_notes"
AREA_RESTITUTIONS = "restitutions"
AREA_RECOMMENDATIONS = "recommendations"
# The area announced after a restore, so that the screens showing that text reload it.
ENTITY_AREAS = {
    ENTITY_AGENDA_NOTE: AREA_AGENDA_NOTES,
    ENTITY_RESTITUTION: AREA_RESTITUTIONS,
    ENTITY_ITEM: AREA_RESTITUTIONS,
    ENTITY_RECOMMENDATION: AREA_RECOMMENDATIONS,
}
FIRST_LINE_MAX = 80


def saved_time(saved_at: dt.datetime, today: dt.date | None = None) -> str:
    """« 10:42 » today, « 24/03 10:42 » another day (local time; stored in UTC)."""
    if saved_at.tzinfo is None:
        saved_at = saved_at.replace(tzinfo=dt.UTC)
    local = saved_at.astimezone()
    today = today or dt.datetime.now().astimezone().date()
    return local.strftime("%H:%M") if local.date() == today else local.strftime("%d/%m %H:%M")


def first_line(text: str) -> str:
    line = next((part.strip() for part in text.splitlines() if part.strip()), "")
    return line if len(line) <= FIRST_LINE_MAX else line[: FIRST_LINE_MAX - 1] + "…"


class RevisionsDialog(QDialog):
    """The earlier texts of one field, newest first, with a preview and « Restore »."""

    def __init__(
        self,
        context: AppContext,
        entity: str,
        entity_id: int,
        field: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("revisions_dialog")
        self.setWindowTitle(_("Earlier versions"))
        self.context = context
        self.entity, self.entity_id, self.field = entity, entity_id, field
        self.restored: int | None = None  # the revision put back, if any
        self.rows: list[RevisionRow] = []

        self.list = QListWidget(objectName="revisions_list")
        self.list.setMinimumWidth(260)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.preview = QPlainTextEdit(objectName="revision_preview", readOnly=True)
        self.empty = QLabel(_("No earlier version yet."), objectName="revisions_empty")
        self.restore_button = QPushButton(_("Restore this version"), objectName="restore_revision")
        self.restore_button.clicked.connect(self.restore_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        buttons.rejected.connect(self.reject)

        panes = QHBoxLayout()
        panes.addWidget(self.list, 2)
        panes.addWidget(self.preview, 3)
        bottom = QHBoxLayout()
        bottom.addWidget(self.empty, 1)
        bottom.addWidget(self.restore_button)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(panes, 1)
        layout.addLayout(bottom)
        self.resize(820, 480)

        self.list.currentRowChanged.connect(self._show_row)
        self.list.itemDoubleClicked.connect(lambda _item: self.restore_selected())
        self.reload()

    def reload(self) -> None:
        entity, entity_id, field = self.entity, self.entity_id, self.field
        self.rows = self.context.read(lambda s: revisions(s, entity, entity_id, field))
        self.list.clear()
        today = dt.datetime.now().astimezone().date()
        for row in self.rows:
            label = f"{saved_time(row.saved_at, today)}  {first_line(row.text)}"
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            item.setToolTip(row.text[:2000])
            self.list.addItem(item)
        self.empty.setVisible(not self.rows)
        if self.rows:
            self.list.setCurrentRow(0)
        else:
            self._show_row(-1)

    def _show_row(self, row: int) -> None:
        valid = 0 <= row < len(self.rows)
        self.preview.setPlainText(self.rows[row].text if valid else "")
        self.restore_button.setEnabled(valid)

    def selected(self) -> RevisionRow | None:
        row = self.list.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def restore_selected(self) -> None:
        """Put the selected version back (the current text becomes a version), then close."""
        revision = self.selected()
        if revision is None:
            return
        try:
            restore_revision(self.context.db, revision.id)
        except RestitutionsInvalid as error:
            QMessageBox.warning(self, _("Earlier versions"), str(error))
            self.reload()
            return
        self.restored = revision.id
        self.context.data_changed.emit(ENTITY_AREAS.get(self.entity, AREA_RESTITUTIONS))
        self.accept()
