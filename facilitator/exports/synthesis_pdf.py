"""The synthesis as a PDF: cover, contents, running header, « Page n / N », one part per section."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents

from facilitator.exports.atomic import replaced_when_done
from facilitator.exports.fonts import ellipsized, register_fonts, visual
from facilitator.exports.pdf_pages import PageCountCanvas
from facilitator.exports.synthesis_common import CONTENTS, REPORT, label
from facilitator.exports.synthesis_pdf_parts import (
    BOTTOM,
    GREY,
    HEADER,
    LIGHT,
    MARGIN,
    PAGE,
    SMALL,
    TOC_CHARACTERS,
    TOP,
    WIDE,
    Heading,
    PdfStyles,
    cover_flowables,
    section_flowables,
    shorten,
    wide_section,
)
from facilitator.exports.synthesis_snapshot import Progress, SynthesisSnapshot, speaking


class _NumberedCanvas(PageCountCanvas):
    """The running header, and a footer that says « Page 3 / 12 »."""

    snapshot: SynthesisSnapshot  # set on the class made for one document

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        regular, _bold = register_fonts()
        kwargs["initialFontName"] = kwargs.get("initialFontName") or regular
        super().__init__(*args, **kwargs)

    def decorate(self, total: int) -> None:
        page = self._pageNumber
        if page == 1 and self.snapshot.cover is not None:
            return  # the cover stands alone
        regular, bold = register_fonts()
        snapshot = self.snapshot
        page_width, page_height = self._pagesize  # portrait, or landscape for a wide annex
        width = page_width - 2 * MARGIN
        self.saveState()
        self.setFillColor(GREY)
        self.setStrokeColor(LIGHT)
        self.setLineWidth(0.6)
        y = page_height - 11 * mm
        right = visual(label(REPORT))
        room = width - self.stringWidth(right, regular, SMALL) - 8 * mm
        self.setFont(bold, SMALL)
        self.drawString(MARGIN, y, ellipsized(visual(snapshot.workshop_title), bold, SMALL, room))
        self.setFont(regular, SMALL)
        self.drawRightString(page_width - MARGIN, y, right)
        self.line(MARGIN, y - 2 * mm, page_width - MARGIN, y - 2 * mm)
        y = 10 * mm
        self.line(MARGIN, y + 3.5 * mm, page_width - MARGIN, y + 3.5 * mm)
        footer = " · ".join(visual(p) for p in (snapshot.dates_label, snapshot.venue) if p)
        self.drawString(MARGIN, y, ellipsized(footer, regular, SMALL, width - 35 * mm))
        self.setFillColorRGB(0, 0, 0)
        self.setFont(bold, SMALL + 0.5)
        number = label("Page {page} / {pages}").format(page=page, pages=total)
        self.drawRightString(page_width - MARGIN, y, number)
        self.restoreState()


class _Document(BaseDocTemplate):  # type: ignore[misc]
    """Tells the table of contents and the PDF outline where each heading landed."""

    def __init__(
        self, target: Path, snapshot: SynthesisSnapshot, progress: Progress | None, wide_first: bool
    ):
        super().__init__(
            str(target),
            pagesize=PAGE,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=PAGE[1] - TOP,
            bottomMargin=BOTTOM,
            title=snapshot.workshop_title,
            subject=label(REPORT),
            author=snapshot.cover.organisers[0]
            if snapshot.cover and snapshot.cover.organisers
            else "",
            creator="Facilitator",
            lang=snapshot.language,
            initialFontName=register_fonts()[0],
        )
        self.addPageTemplates([_template("page", PAGE), _template("wide", WIDE)])
        self._firstPageTemplateIndex = 1 if wide_first else 0
        self._progress = progress
        self._sections = max(1, len(snapshot.body_sections))
        self._done = 0

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 - reportlab's name
        if not isinstance(flowable, Heading) or flowable.continued:
            return  # not a heading, or the rest of one that ran over a page
        key = f"h{flowable.serial}"
        canvas = self.canv
        canvas.bookmarkPage(key)
        level = max(flowable.level, 0)
        plain = shorten(flowable.plain, TOC_CHARACTERS)
        canvas.addOutlineEntry(plain, key, level=level, closed=level > 0)
        if 0 <= flowable.level <= 1:
            self.notify("TOCEntry", (flowable.level, flowable.markup, self.page, key))
        if flowable.level == 0 and self._progress is not None:
            self._done = min(self._done + 1, self._sections)
            self._progress(self._done, self._sections)


def _template(name: str, size: tuple[float, float]) -> PageTemplate:
    width, height = size
    frame = Frame(
        MARGIN, BOTTOM, width - 2 * MARGIN, height - HEADER - BOTTOM,
        id="body", leftPadding=0, rightPadding=0,
    )  # fmt: skip
    return PageTemplate(id=name, frames=[frame], pagesize=size)


def _wide_first(snapshot: SynthesisSnapshot) -> bool:
    """Whether the first page is a landscape one: a report of the annex alone, with contacts."""
    first = snapshot.body_sections[0] if snapshot.body_sections else None
    alone = snapshot.cover is None and len(snapshot.body_sections) <= 1
    return first is not None and alone and wide_section(snapshot, first)


def _story(snapshot: SynthesisSnapshot, styles: PdfStyles) -> list[Flowable]:
    story: list[Flowable] = []
    wide = _wide_first(snapshot)
    if snapshot.cover is not None:
        story += cover_flowables(snapshot, styles)
        story.append(PageBreak())
    if len(snapshot.body_sections) > 1:
        # Its table's font named too, or reportlab lists a Helvetica it never embeds.
        table_style = TableStyle([("FONTNAME", (0, 0), (-1, -1), register_fonts()[0]),
                                  ("VALIGN", (0, 0), (-1, -1), "TOP")])  # fmt: skip
        toc = TableOfContents(
            levelStyles=[styles["toc1"], styles["toc2"]], dotsMinLevel=0, tableStyle=table_style
        )
        story += [Heading(label(CONTENTS), styles["title"], level=-1), toc, PageBreak()]
    for index, section in enumerate(snapshot.body_sections):
        if wide_section(snapshot, section) != wide:  # landscape pages from the next page on
            wide = not wide
            switch = NextPageTemplate("wide" if wide else "page")
            # the first section's page break is the cover's or the contents' one, already there
            story.insert(len(story) - 1 if index == 0 else len(story), switch)
        if index and section.key != "cover":
            story.append(PageBreak())
        story += section_flowables(snapshot, section, styles)
    return story


def write_synthesis_pdf(
    snapshot: SynthesisSnapshot, path: Path, progress: Progress | None = None
) -> None:
    """The report as an A4 PDF, written to `path` only once complete.

    `progress(done, total)` counts sections (the contents take a second pass).
    """
    with speaking(snapshot.language):
        styles = PdfStyles()
        canvas_class = type("SynthesisCanvas", (_NumberedCanvas,), {"snapshot": snapshot})
        with replaced_when_done(path) as temporary:
            document = _Document(temporary, snapshot, progress, _wide_first(snapshot))
            document.multiBuild(_story(snapshot, styles), canvasmaker=canvas_class)
