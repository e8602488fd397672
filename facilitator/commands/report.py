"""`facilitator report W -o OUT`: the end-of-day synthesis as PDF, DOCX, XLSX or Markdown."""

from __future__ import annotations

import argparse
from pathlib import Path

from facilitator.cli import EXIT_OK, UsageError
from facilitator.commands.workshops import check_output_file, open_from
from facilitator.core.os_errors import reason
from facilitator.exports.synthesis_common import FORMATS
from facilitator.exports.synthesis_snapshot import SECTIONS, SynthesisOptions, SynthesisSnapshot
from facilitator.i18n import _, current_language
from facilitator.store.synthesis import synthesis_snapshot
from facilitator.store.workshops import find_workshop


def _check_output(output: Path) -> None:
    """Refuse, before anything is read or written, an output that cannot be made."""
    check_output_file(
        output,
        FORMATS,
        _(
            "« {name} »: the report is written as .pdf, .docx, .xlsx or .md; "
            "end the file name with one of them."
        ),
    )


def parse_sections(values: list[str] | None) -> frozenset[str]:
    """`--sections cover,agenda recommendations` → the keys; an unknown one is refused."""
    if not values:
        return frozenset(SECTIONS)
    chosen = {part.strip() for value in values for part in value.split(",") if part.strip()}
    unknown = sorted(chosen - set(SECTIONS))
    if unknown:
        raise UsageError(
            _("Unknown section « {name} »; the sections are: {sections}.").format(
                name=unknown[0], sections=", ".join(SECTIONS)
            )
        )
    return frozenset(chosen)


def write_report(snapshot: SynthesisSnapshot, output: Path) -> None:
    """Write the snapshot in the format the file name asks for."""
    suffix = output.suffix.lower()
    # Imported here: a Markdown report never loads reportlab or python-docx.
    if suffix == ".pdf":
        from facilitator.exports.synthesis_pdf import write_synthesis_pdf as writer
    elif suffix == ".docx":
        from facilitator.exports.synthesis_docx import write_synthesis_docx as writer
    elif suffix == ".xlsx":
        from facilitator.exports.synthesis_xlsx import write_synthesis_xlsx as writer
    else:
        from facilitator.exports.synthesis_md import write_synthesis_md as writer
    writer(snapshot, output)


def report(args: argparse.Namespace) -> int:
    output: Path = args.output
    _check_output(output)
    options = SynthesisOptions(
        sections=parse_sections(args.sections),
        include_contacts=args.contacts,
        language=current_language(),
    )
    db = open_from(args, write=False)
    try:
        with db.read() as session:
            workshop = find_workshop(session, args.workshop)
            snapshot = synthesis_snapshot(session, workshop.id, options)
    finally:
        db.dispose()
    # A workbook has no cover: it needs a section with data.
    if not snapshot.body_sections and (output.suffix.lower() == ".xlsx" or not snapshot.sections):
        raise UsageError(
            _(
                "Nothing to write: the workshop has nothing recorded yet for the sections chosen "
                "(nothing was written)."
            )
        )
    try:
        write_report(snapshot, output)
    except OSError as exc:
        raise UsageError(
            _("Cannot write {path}: {reason} (nothing was written).").format(
                path=output, reason=reason(exc)
            )
        ) from exc
    titles = ", ".join(s.title for s in snapshot.body_sections)
    if titles:
        print(_("Synthesis report written to {path} ({sections}).").format(
            path=output, sections=titles
        ))  # fmt: skip
    else:
        print(
            _(
                "Synthesis report written to {path}: the cover only, since nothing is recorded "
                "yet for the other sections chosen."
            ).format(path=output)
        )
    return EXIT_OK
