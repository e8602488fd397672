"""What the synthesis screen does: read the report's snapshot, render its preview, export it.

The snapshot (~15 ms on the demo) is read on the UI thread: the writers then work from that plain
snapshot off the UI thread (BackgroundTask), never touching the database.
"""

from __future__ import annotations

import errno
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from facilitator.exports.synthesis_snapshot import SECTIONS, SynthesisOptions, SynthesisSnapshot
from facilitator.i18n import N_, _
from facilitator.store.synthesis import synthesis_snapshot
from facilitator.store.workshops import get_workshop
from facilitator.ui.context import AppContext
from facilitator.ui.widgets.print_jobs import REPORTS, Job, Written, error_message, export_folder
from facilitator.ui.widgets.tasks import Report

# The format of each export: (suffix, button text, file-dialog filter, shortcut).
FORMATS: dict[str, tuple[str, str, str]] = {
    ".pdf": (N_("Export as PDF…"), N_("PDF files (*.pdf)"), "Ctrl+E"),
    ".docx": (N_("Export as Word (DOCX)…"), N_("Word documents (*.docx)"), "Ctrl+Shift+W"),
    ".xlsx": (N_("Export as Excel (XLSX)…"), N_("Excel workbooks (*.xlsx)"), "Ctrl+Shift+X"),
    ".md": (N_("Export as Markdown…"), N_("Markdown files (*.md)"), "Ctrl+Shift+K"),
}

# The short names of the sections, as the check boxes show them.
SECTION_LABELS: dict[str, str] = {
    "cover": N_("Cover"),
    "context": N_("Context and objectives"),
    "participation": N_("Participation"),
    "agenda": N_("Agenda and how it ran"),
    "groups": N_("Groups"),
    "restitutions": N_("Report-backs"),
    "recommendations": N_("Consolidated recommendations"),
    "annexes": N_("Annex: list of participants"),
}

Writer = Callable[[SynthesisSnapshot, Path, Report | None], None]


def reports_folder() -> Path:
    """Where reports go by default: Documents/Facilitator/Rapports, made when first needed."""
    return export_folder(REPORTS)


def writer_for(suffix: str) -> Writer:
    """The writer of a format; imported when first used (reportlab and python-docx are heavy)."""
    if suffix == ".pdf":
        from facilitator.exports.synthesis_pdf import write_synthesis_pdf

        return write_synthesis_pdf
    if suffix == ".docx":
        from facilitator.exports.synthesis_docx import write_synthesis_docx

        return write_synthesis_docx
    if suffix == ".xlsx":
        from facilitator.exports.synthesis_xlsx import write_synthesis_xlsx

        return write_synthesis_xlsx
    from facilitator.exports.synthesis_md import write_synthesis_md

    return write_synthesis_md


def markdown_of(snapshot: SynthesisSnapshot) -> str:
    """The report as the Markdown export writes it: the preview shows exactly that."""
    from facilitator.exports.synthesis_md import synthesis_markdown

    return synthesis_markdown(snapshot)


@dataclass(frozen=True)
class Preview:
    """A rendered preview: the snapshot, its Markdown, and how long it took to build."""

    snapshot: SynthesisSnapshot
    markdown: str
    available: frozenset[str]  # the sections that have something to say
    slug: str
    milliseconds: float


def build_preview(context: AppContext, workshop_id: int, options: SynthesisOptions) -> Preview:
    """Read the report with `options`, and which sections have data at all (one session)."""
    started = time.perf_counter()

    def query(session: Session) -> tuple[SynthesisSnapshot, frozenset[str], str]:
        everything = SynthesisOptions(
            frozenset(SECTIONS), options.include_contacts, options.language
        )
        full = synthesis_snapshot(session, workshop_id, everything)
        available = frozenset(section.key for section in full.sections)
        chosen = (
            full
            if options.sections >= available
            else synthesis_snapshot(session, workshop_id, options)
        )
        return chosen, available, get_workshop(session, workshop_id).slug

    snapshot, available, slug = context.read(query)
    markdown = markdown_of(snapshot)
    elapsed = (time.perf_counter() - started) * 1000
    return Preview(snapshot, markdown, available, slug, elapsed)


def default_name(slug: str, language: str, suffix: str) -> str:
    stem = "synthese" if language == "fr" else "synthesis"
    return f"{slug}-{stem}{suffix}"


def with_suffix(path: Path, suffix: str) -> Path:
    """`path` ending in `suffix`: another report suffix is replaced, anything else kept."""
    if path.suffix.lower() == suffix:
        return path
    if path.suffix.lower() in FORMATS:
        return path.with_suffix(suffix)
    return path.with_name(path.name + suffix)


def export_job(snapshot: SynthesisSnapshot, path: Path) -> Job:
    """The work of an export: write the snapshot to `path` in the format its suffix names."""

    def job(report: Report) -> Written:
        writer = writer_for(path.suffix.lower())
        path.parent.mkdir(parents=True, exist_ok=True)
        writer(snapshot, path, report)
        return Written(path, _("Report saved: {path}").format(path=path))

    return job


def export_error(error: object, path: Path) -> str:
    """What went wrong with an export, in words for the organiser."""
    if isinstance(error, OSError) and error.errno in (errno.EACCES, errno.EPERM) and path.is_file():
        # Windows refuses to replace a file another program holds open (Word, Excel).
        return _(
            "Cannot write « {path} »: the file is open in another application (Word, "
            "Excel, a PDF reader) or read-only. Close it, then export again. "
            "Nothing was written."
        ).format(path=path)
    return error_message(error, path)
