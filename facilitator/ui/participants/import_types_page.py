"""The import wizard's page on participant types: each category value of the list, the type it
will get, and the new types that would be created, before anything is written.

What the page shows comes from the columns page's trial run (store.importing's CategoryPlan);
the user's choices go to the import as `choices`, by category key.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from facilitator.i18n import _, ngettext, number
from facilitator.store.importing import (
    NEW_TYPE,
    NO_TYPE,
    CategoryPlan,
    ImportReport,
    TypeChoice,
    new_type_name,
)
from facilitator.store.participant_types import type_names

if TYPE_CHECKING:
    from facilitator.ui.participants.import_wizard import ImportWizard

VALUE, COUNT, TYPE, HOW = range(4)
_NEW_COLOUR = "#8A4B00"


def how_text(how: str) -> str:
    """Why a value gets its type, in a few words (« même sens », « nouveau type »)."""
    return {
        "name": _("same name"),
        "meaning": _("same meaning"),
        "chosen": _("your choice"),
        "new": _("new type"),
        "none": _("no type"),
    }[how]


def default_choice(plan: CategoryPlan) -> TypeChoice:
    """What the import does with a value unless the user chooses otherwise."""
    if plan.type_id is not None:
        return plan.type_id
    return NEW_TYPE if plan.new else NO_TYPE


class TypesPage(QWizardPage):
    """Page 3, when a column holds categories: which type each value gets; nothing is written."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.plans: list[CategoryPlan] = []
        self.combos: dict[str, QComboBox] = {}
        self.setTitle(_("Participant types"))
        self.setSubTitle(
            _(
                "The type each category of the list will get. Choose another type where needed: "
                "nothing is saved before « Import »."
            )
        )
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, _("&Import"))
        self.status_label = QLabel(objectName="typesStatus", wordWrap=True)
        self.table = QTableWidget(0, 4, objectName="categoriesTable")
        self.table.setHorizontalHeaderLabels(
            [_("Category in the list"), _("Participants"), _("Type in the workshop"), _("Match")]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(VALUE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COUNT, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TYPE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(HOW, QHeaderView.ResizeMode.ResizeToContents)
        self.new_types_label = QLabel(objectName="newTypesLabel", wordWrap=True)
        font = self.new_types_label.font()
        font.setBold(True)
        self.new_types_label.setFont(font)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.new_types_label)
        wizard.columns_page.report_ready.connect(self._on_report)
        wizard.columns_page.trial_failed.connect(self._on_trial_failed)

    def initializePage(self) -> None:  # noqa: N802 (Qt API)
        self._show(self.owner.columns_page.report)

    def cleanupPage(self) -> None:  # noqa: N802 (Qt API)
        self.plans = []  # the mapping may change on the columns page: shown afresh on return

    def isComplete(self) -> bool:  # noqa: N802 (Qt API)
        return bool(self.plans) or self.owner.columns_page.report is not None

    def _on_report(self, report: ImportReport) -> None:
        if self.wizard() is not None and self.wizard().currentPage() is self:
            self._show(report)

    def _on_trial_failed(self, reason: str) -> None:
        if self.wizard() is not None and self.wizard().currentPage() is self:
            self.status_label.setStyleSheet("color: #B00020;")
            self.status_label.setText(reason)  # « Précédent » leads back to the columns

    def _show(self, report: ImportReport | None) -> None:
        self.status_label.setStyleSheet("")
        self.table.setRowCount(0)
        self.combos = {}
        if report is None:
            self.plans = []
            self.status_label.setText(_("Working out what the import will do…"))
            self.new_types_label.clear()
            self.completeChanged.emit()
            return
        self.plans = list(report.categories)
        if not self.plans:
            self.status_label.setText(
                _("The category column is empty: the participants will have no type.")
            )
        else:
            self.status_label.setText(
                ngettext(
                    "{n} category in the list.", "{n} categories in the list.", len(self.plans)
                ).format(n=number(len(self.plans)))
            )
        workshop_id = self.owner.workshop_id
        types = self.owner.context.read(lambda s: type_names(s, workshop_id))
        for plan in self.plans:
            self._add_row(plan, types)
        self._update_new_types()
        self.completeChanged.emit()

    def _add_row(self, plan: CategoryPlan, types: list[tuple[int, str]]) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        value = QTableWidgetItem(plan.values[0])
        if len(plan.values) > 1:
            value.setToolTip(_("Also written: {values}").format(values=", ".join(plan.values[1:])))
            value.setText(
                _("{value} (also {others})").format(
                    value=plan.values[0], others=", ".join(plan.values[1:])
                )
            )
        count = QTableWidgetItem(number(plan.count))
        count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.table.setItem(row, VALUE, value)
        self.table.setItem(row, COUNT, count)
        combo = QComboBox(objectName=f"typeChoice{row}")
        combo.setAccessibleName(_("Type for « {value} »").format(value=plan.values[0]))
        for type_id, name in types:
            combo.addItem(name, type_id)
        if plan.how != "name":  # a value named as a type already has it: no second one
            combo.addItem(
                _("New type « {name} »").format(name=new_type_name(plan.values[0])), NEW_TYPE
            )
        combo.addItem(_("No type"), NO_TYPE)
        chosen = self.owner.type_choices.get(plan.key, default_choice(plan))
        combo.setCurrentIndex(max(combo.findData(chosen), 0))
        combo.currentIndexChanged.connect(self._choice_changed)
        self.table.setCellWidget(row, TYPE, combo)
        self.table.setItem(row, HOW, QTableWidgetItem())
        self.combos[plan.key] = combo
        self._show_how(row, plan)

    def _show_how(self, row: int, plan: CategoryPlan) -> None:
        combo = self.combos[plan.key]
        choice = combo.currentData()
        if choice == default_choice(plan):
            how = plan.how
        else:
            how = {NEW_TYPE: "new", NO_TYPE: "none"}.get(str(choice), "chosen")
        item = self.table.item(row, HOW)
        item.setText(how_text(how))
        font = QFont(item.font())
        font.setBold(how == "new")
        item.setFont(font)
        item.setData(
            Qt.ItemDataRole.ForegroundRole, QBrush(QColor(_NEW_COLOUR)) if how == "new" else None
        )

    def _choice_changed(self) -> None:
        for row, plan in enumerate(self.plans):
            choice = self.combos[plan.key].currentData()
            if choice == default_choice(plan):
                self.owner.type_choices.pop(plan.key, None)
            else:
                self.owner.type_choices[plan.key] = choice
            self._show_how(row, plan)
        self._update_new_types()

    def chosen(self, plan: CategoryPlan) -> TypeChoice:
        """What the user leaves or picks for one value."""
        return self.owner.type_choices.get(plan.key, default_choice(plan))

    def new_types(self) -> list[str]:
        """The types the import would create, as things stand on the page."""
        return [new_type_name(p.values[0]) for p in self.plans if self.chosen(p) == NEW_TYPE]

    def _update_new_types(self) -> None:
        names = self.new_types()
        if not self.plans:
            self.new_types_label.clear()
        elif names:
            self.new_types_label.setText(
                _("New participant types to be created: {types}.").format(
                    types=", ".join(f"«\u00a0{name}\u00a0»" for name in names)
                )
            )
        else:
            self.new_types_label.setText(
                _("No new type: every category goes to a type of the workshop.")
            )
