"""Badges painted by Qt on a printer (a PDF printer here) match the PDF writer's and still scan."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from facilitator.core.badges import new_token
from facilitator.exports.badge_layout import LAYOUTS, pages
from facilitator.ui.widgets.badge_painter import PrinterUnavailable, paint_pages
from tests.exports.test_badges import (
    ARABIC,
    LONG_NAME,
    LONG_ORGANISATION,
    decode_qr_codes,
    many,
    text_of,
)


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_every_badge_scans_and_the_paper_is_the_layouts(
    qtbot: QtBot, tmp_path: Path, layout: str
) -> None:
    spec = LAYOUTS[layout]
    badges = many({"a4-8": 11, "a6-4": 5, "cr80": 3}[layout])
    badges[0] = replace(badges[0], first_name=LONG_NAME[0], last_name=LONG_NAME[1] * 2)
    badges[1] = replace(badges[1], first_name=ARABIC, organisation=LONG_ORGANISATION)
    badges[2] = replace(badges[2], token=new_token(123_456_789))
    path = tmp_path / "printed.pdf"
    paint_pages(pdf_printer(path), pages(badges, spec), spec)

    reader = PdfReader(path)
    assert len(reader.pages) == -(-len(badges) // spec.per_page)
    box = reader.pages[0].mediabox
    assert float(box.width) == pytest.approx(spec.page[0], abs=1.5)
    assert float(box.height) == pytest.approx(spec.page[1], abs=1.5)
    assert sorted(decode_qr_codes(path, tmp_path)) == sorted(b.token for b in badges)
    text = text_of(path)
    for badge in badges[3:]:
        assert badge.first_name in text and badge.organisation in text


def test_a_printer_that_cannot_start_says_so(qtbot: QtBot, tmp_path: Path) -> None:
    spec = LAYOUTS["a4-8"]
    printer = pdf_printer(tmp_path / "missing-folder" / "x.pdf")  # Qt cannot open the file
    with pytest.raises(PrinterUnavailable, match="ne peut pas imprimer"):
        paint_pages(printer, pages(many(1), spec), spec)
