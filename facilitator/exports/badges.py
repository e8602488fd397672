"""Participants' badges as a PDF: A4 sheets of 8 (10×7 cm), A6 4-up, or CR80 cards.

What goes where is badge_layout's; this draws its marks with reportlab.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from facilitator.exports.atomic import write_atomically
from facilitator.exports.badge_layout import (
    LAYOUTS,
    Code,
    Fill,
    Layout,
    Line,
    Mark,
    Outline,
    Text,
    badge_marks,
    guide_marks,
)
from facilitator.exports.fonts import register_fonts
from facilitator.exports.qr import draw_qr
from facilitator.exports.snapshots import BadgeData
from facilitator.i18n import _

__all__ = ["LAYOUTS", "Layout", "draw_badge", "draw_cut_guides", "draw_marks", "write_badges"]


def write_badges(
    path: Path,
    badges: Sequence[BadgeData],
    layout: str = "a4-8",
    progress: Callable[[int, int], None] | None = None,
) -> None:
    """Write the badges to a PDF at `path`, replacing it only once the whole file is written.

    `progress(done, total)` is called as badges are drawn.
    """
    if layout not in LAYOUTS:
        raise ValueError(f"unknown badge layout {layout!r}; known: {', '.join(LAYOUTS)}")
    if not badges:
        raise ValueError("no badge to write")
    spec = LAYOUTS[layout]
    regular, _bold = register_fonts()
    buffer = io.BytesIO()
    # The initial font is ours too: reportlab would otherwise list a Helvetica it never embeds.
    canvas = Canvas(buffer, pagesize=spec.page, pageCompression=1, initialFontName=regular)
    canvas.setTitle(_("Badges – {workshop}").format(workshop=badges[0].workshop_title))
    canvas.setCreator("Facilitator")
    cells = spec.cells()
    total = len(badges)
    for index, badge in enumerate(badges):
        slot = index % spec.per_page
        if slot == 0:
            if index:
                canvas.showPage()
            draw_cut_guides(canvas, spec, min(spec.per_page, total - index))
        x, y = cells[slot]
        draw_badge(canvas, badge, x, y, spec)
        if progress is not None:
            progress(index + 1, total)
    canvas.showPage()
    canvas.save()
    write_atomically(path, buffer.getvalue())


def draw_cut_guides(canvas: Canvas, spec: Layout, used: int) -> None:
    """Hairlines along the cuts of a sheet, and cut marks in the margins where there is room."""
    draw_marks(canvas, guide_marks(spec, used))


def draw_badge(canvas: Canvas, badge: BadgeData, x: float, y: float, spec: Layout) -> None:
    """Draw one badge with its bottom-left corner at (x, y)."""
    draw_marks(canvas, badge_marks(badge, x, y, spec))


def draw_marks(canvas: Canvas, marks: Sequence[Mark]) -> None:
    """Draw a page's marks on a reportlab canvas."""
    for mark in marks:
        if isinstance(mark, Text):
            canvas.setFillGray(mark.grey)
            canvas.setFont(mark.font, mark.size)
            canvas.drawString(mark.x, mark.baseline, mark.text)
        elif isinstance(mark, Fill):
            canvas.setFillColorRGB(*mark.rgb)
            canvas.rect(mark.x, mark.y, mark.w, mark.h, stroke=0, fill=1)
        elif isinstance(mark, Code):
            draw_qr(canvas, [list(row) for row in mark.matrix], mark.x, mark.y, mark.side)
        elif isinstance(mark, Outline):
            canvas.saveState()
            canvas.setLineWidth(mark.width)
            canvas.setStrokeGray(mark.grey)
            canvas.rect(mark.x, mark.y, mark.w, mark.h, stroke=1, fill=0)
            canvas.restoreState()
        elif isinstance(mark, Line):
            canvas.saveState()
            canvas.setLineWidth(mark.width)
            canvas.setStrokeGray(mark.grey)
            canvas.line(mark.x0, mark.y0, mark.x1, mark.y1)
            canvas.restoreState()
