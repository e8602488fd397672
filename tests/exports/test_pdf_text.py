"""One-line texts cut to fit the room left for them on a PDF page."""

from __future__ import annotations

from reportlab.pdfbase import pdfmetrics

from facilitator.exports.fonts import ellipsized, register_fonts


def test_a_text_that_fits_is_kept_and_a_long_one_is_cut_as_late_as_possible() -> None:
    regular, _bold = register_fonts()
    assert ellipsized("Atelier", regular, 9, 200) == "Atelier"
    title = "Atelier de clôture du Programme M4SD (Phase III) au niveau national " * 50
    cut = ellipsized(title, regular, 9, 200)
    assert cut.endswith("…") and pdfmetrics.stringWidth(cut, regular, 9) <= 200
    longer = title[: len(cut)] + "…"  # one character more no longer fits
    assert pdfmetrics.stringWidth(longer, regular, 9) > 200
    assert ellipsized(title, regular, 9, 1) == "…"
