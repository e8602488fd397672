"""Exporting the synthesis: where to write it, the export off the UI thread, what it says after.

Methods of the SynthesisScreen, kept apart from its options and preview (screen.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog

from facilitator.i18n import _
from facilitator.ui.synthesis.controller import (
    FORMATS,
    build_preview,
    default_name,
    export_error,
    export_job,
    reports_folder,
    with_suffix,
)
from facilitator.ui.widgets import print_jobs
from facilitator.ui.widgets.print_jobs import Written
from facilitator.ui.widgets.tasks import BackgroundTask

if TYPE_CHECKING:
    from facilitator.ui.synthesis.screen import SynthesisScreen

ERROR_STYLE = "color: #B00020; font-weight: bold;"
DONE_STYLE = "color: #1B5E20;"
WARNING_STYLE = "color: #8A5300;"  # saved, but something to know (amber, readable on grey)


class Exporting:
    """The screen's exports: PDF, DOCX, XLSX and Markdown, written in the background."""

    def default_path(self: SynthesisScreen, suffix: str) -> Path:
        slug = self.preview.slug if self.preview else "atelier"
        folder = self.last_folder or reports_folder()
        return folder / default_name(slug, str(self.language.currentData()), suffix)

    def choose_path(self: SynthesisScreen, suffix: str | None) -> Path | None:
        """Ask where to write the report; `suffix` None lets the person pick the format."""
        suffixes = [suffix] if suffix else list(FORMATS)
        filters = [_(FORMATS[s][1]) for s in suffixes]
        chosen, picked = QFileDialog.getSaveFileName(
            self, _("Export the synthesis"), str(self.default_path(suffixes[0])), ";;".join(filters)
        )
        if not chosen:
            return None
        path = Path(chosen).expanduser()
        if suffix is None:
            if path.suffix.lower() in FORMATS:
                return path
            suffix = suffixes[filters.index(picked)] if picked in filters else ".pdf"
        return with_suffix(path, suffix)

    def export(self: SynthesisScreen, suffix: str | None = None) -> BackgroundTask | None:
        """Ask for the file, then write the report there off the UI thread and open it."""
        if self.runner.running():
            return None
        workshop_id = self.context.workshop_id
        if workshop_id is None:
            self._show(_("No workshop is open: choose one first."), ERROR_STYLE)
            return None
        path = self.choose_path(suffix)
        if path is None:
            return None
        if path.is_dir():
            self._show(_("{path} is a folder; give a file name.").format(path=path), ERROR_STYLE)
            return None
        # The snapshot is read now, on this thread: the job only writes the file from it.
        snapshot = build_preview(self.context, workshop_id, self.options()).snapshot
        self.message.hide()
        self.open_folder_button.hide()
        self.shown = None
        self.last_folder = path.parent
        task = self.runner.run(
            _("Export the synthesis"),
            _("Writing the report…"),
            export_job(snapshot, path),
            path,
        )
        task.finished_error.connect(lambda error, p=path: self._failed(error, p))
        self.task = task
        self._enable(self.preview.available if self.preview else frozenset())
        return task

    def _exported(self: SynthesisScreen, result: Written, opened: bool) -> None:
        self.last_written = result.path
        self.stale = False
        text = result.message
        if not opened:
            text += "\n" + _("No application could open it: open it from its folder.")
        self._show(text, DONE_STYLE if opened else WARNING_STYLE)
        self.shown = result
        self.open_folder_button.show()
        self._enable(self.preview.available if self.preview else frozenset())

    def _open_failed(self: SynthesisScreen, result: Written) -> None:
        """The viewer was started, then could not open the report: say so, if still shown."""
        if self.shown is result and not self.message.isHidden():
            note = _("No application could open it: open it from its folder.")
            self._show(f"{result.message}\n{note}", WARNING_STYLE)

    def _failed(self: SynthesisScreen, error: object, path: Path) -> None:
        self._show(export_error(error, path), ERROR_STYLE)
        self.open_folder_button.hide()
        self._enable(self.preview.available if self.preview else frozenset())

    def open_folder(self: SynthesisScreen) -> None:
        if self.last_written is None:
            return
        folder = self.last_written.parent
        opener = self.runner.opener or print_jobs.open_file
        outcome = opener(folder)
        if isinstance(outcome, print_jobs.Opening):
            outcome.failed.connect(self._folder_failed)
        elif outcome is False:
            self._folder_failed(folder)

    def _folder_failed(self: SynthesisScreen, folder: Path) -> None:
        if self.shown is not None and not self.message.isHidden():
            note = _("No application could open the folder « {path} ».").format(path=folder)
            self._show(f"{self.shown.message}\n{note}", WARNING_STYLE)
