"""The participant-list import wizard: choose a file, check what its columns hold, check the
type each category gets, import it.

The pages are in import_pages, import_types_page and import_result_page. Reading the file, the
trial runs behind the live summary and the import itself all run off the UI thread; the import
is one transaction after a backup (store.importing.import_into).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget, QWizard, QWizardPage

from facilitator.core.tabular import Table
from facilitator.i18n import _
from facilitator.store.importing import ImportReport, TypeChoice
from facilitator.store.workshops import get_workshop
from facilitator.ui.context import AREA_PARTICIPANTS, AppContext
from facilitator.ui.participants.import_pages import ColumnsPage, FilePage
from facilitator.ui.participants.import_preview_model import Mapping
from facilitator.ui.participants.import_result_page import ResultPage
from facilitator.ui.participants.import_types_page import TypesPage


class ImportWizard(QWizard):
    """« Importer une liste de participants »: choose the file, check its columns, import it.

    Imports into the workshop that is current when the wizard opens.
    """

    imported = Signal(object)  # the ImportReport, once the import is committed

    def __init__(
        self, context: AppContext, parent: QWidget | None = None, path: Path | None = None
    ) -> None:
        super().__init__(parent)
        if context.workshop_id is None:
            raise ValueError("the import wizard needs a current workshop")
        self.context = context
        self.workshop_id: int = context.workshop_id
        self.path: Path | None = None
        self.table: Table | None = None
        self.mapping: Mapping = []
        # The type the user chose for a category value (by category key), where it differs
        # from what the import would do by itself.
        self.type_choices: dict[str, TypeChoice] = {}
        self.setWindowTitle(_("Import a participant list"))
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage)
        buttons = (
            (QWizard.WizardButton.BackButton, _("< &Back")),
            (QWizard.WizardButton.NextButton, _("&Next >")),
            (QWizard.WizardButton.CommitButton, _("&Import")),
            (QWizard.WizardButton.FinishButton, _("&Finish")),
            (QWizard.WizardButton.CancelButton, _("Cancel")),
        )
        for button, text in buttons:
            self.setButtonText(button, text)
        workshop_id = self.workshop_id
        title = context.read(lambda session: get_workshop(session, workshop_id).title)
        self.file_page = FilePage(self, title)
        self.columns_page = ColumnsPage(self)
        self.types_page = TypesPage(self)
        self.result_page = ResultPage(self)
        self._ids: dict[int, int] = {}
        for page in (self.file_page, self.columns_page, self.types_page, self.result_page):
            self._ids[id(page)] = self.addPage(page)
        self.resize(960, 640)
        if path is not None:
            self.file_page.load(Path(path))

    def page_id(self, page: QWizardPage) -> int:
        """The id QWizard gave one of this wizard's pages."""
        return self._ids[id(page)]

    def set_table(self, path: Path | None, table: Table | None, mapping: Mapping) -> None:
        """The file chosen on page 1 and what its columns were guessed to hold."""
        self.path, self.table, self.mapping = path, table, list(mapping)

    def is_busy(self) -> bool:
        """Whether a file is being read or the import is running (closing must wait)."""
        return self.file_page.task is not None or self.result_page.task is not None

    def reject(self) -> None:
        if not self.is_busy():
            super().reject()

    def done(self, result: int) -> None:
        self.columns_page.trials.stop(wait=True)
        super().done(result)

    def on_imported(self, report: ImportReport) -> None:
        self.context.data_changed.emit(AREA_PARTICIPANTS)
        self.imported.emit(report)
