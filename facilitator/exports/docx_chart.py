"""A native Word bar chart: drawn by Word itself, restyled and edited there like any chart.

The chart part carries its figures in caches, so it shows at once in Word and LibreOffice, and
points at an embedded workbook holding the same figures, which « Modifier les données » opens.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from docx.document import Document as DocxDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.shared import Cm, Length
from openpyxl import Workbook
from openpyxl.utils import get_column_letter, quote_sheetname

C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
SHEET = "Data"  # the embedded workbook's sheet; formulas in the chart point at it
FONT = "Calibri"  # the document's own font (Normal style)
CATEGORY_AXIS, VALUE_AXIS = 500100, 500200
# Characters XML 1.0 cannot carry at all (a pasted control character would corrupt the part).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[int, ...]
    colour: str  # « #4477AA »


@dataclass(frozen=True)
class BarChart:
    """Horizontal bars: one group per category (read top to bottom), one bar per series."""

    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    language: str = "fr-FR"


def _clean(value: str) -> str:
    return _NOT_XML.sub("\ufffd", value)


def _text(value: str) -> str:
    return escape(_clean(value))


def _cell(column: int, row: int) -> str:
    return f"${get_column_letter(column)}${row}"


def _reference(first: tuple[int, int], last: tuple[int, int] | None = None) -> str:
    target = _cell(*first) if last is None else f"{_cell(*first)}:{_cell(*last)}"
    return _text(f"{quote_sheetname(SHEET)}!{target}")


def _strings(values: Sequence[str]) -> str:
    points = "".join(
        f'<c:pt idx="{i}"><c:v>{_text(value)}</c:v></c:pt>' for i, value in enumerate(values)
    )
    return f'<c:strCache><c:ptCount val="{len(values)}"/>{points}</c:strCache>'


def _numbers(values: Sequence[int]) -> str:
    points = "".join(f'<c:pt idx="{i}"><c:v>{value}</c:v></c:pt>' for i, value in enumerate(values))
    return (
        "<c:numCache><c:formatCode>General</c:formatCode>"
        f'<c:ptCount val="{len(values)}"/>{points}</c:numCache>'
    )


def _series_xml(chart: BarChart, index: int, series: Series) -> str:
    column, rows = index + 2, len(chart.categories)
    colour = series.colour.lstrip("#").upper()
    return (
        f'<c:ser><c:idx val="{index}"/><c:order val="{index}"/>'
        f"<c:tx><c:strRef><c:f>{_reference((column, 1))}</c:f>{_strings([series.name])}"
        "</c:strRef></c:tx>"
        f'<c:spPr><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill></c:spPr>'
        '<c:invertIfNegative val="0"/>'
        "<c:dLbls><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>"
        '<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="700"/></a:pPr>'
        '<a:endParaRPr/></a:p></c:txPr><c:dLblPos val="outEnd"/>'
        '<c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/>'
        '<c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>'
        f"<c:cat><c:strRef><c:f>{_reference((1, 2), (1, rows + 1))}</c:f>"
        f"{_strings(chart.categories)}</c:strRef></c:cat>"
        f"<c:val><c:numRef><c:f>{_reference((column, 2), (column, rows + 1))}</c:f>"
        f"{_numbers(series.values)}</c:numRef></c:val></c:ser>"
    )


def _font(size: int, bold: bool = False) -> str:
    weight = ' b="1"' if bold else ""
    return f'<a:defRPr sz="{size}"{weight}><a:latin typeface="{FONT}"/></a:defRPr>'


def chart_xml(chart: BarChart) -> bytes:
    """The chart part (DrawingML): categories top to bottom, values axis along the bottom."""
    language = quoteattr(chart.language)
    series = "".join(_series_xml(chart, i, s) for i, s in enumerate(chart.series))
    grid = '<a:ln w="6350"><a:solidFill><a:srgbClr val="E0E0E0"/></a:solidFill></a:ln>'
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<c:chartSpace xmlns:c="{C}" xmlns:a="{A}" xmlns:r="{R}">'
        f'<c:date1904 val="0"/><c:lang val={language}/><c:roundedCorners val="0"/>'
        "<c:chart>"
        "<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/>"
        f"<a:p><a:pPr>{_font(1100, bold=True)}</a:pPr>"
        f'<a:r><a:rPr lang={language} sz="1100" b="1"/><a:t>{_text(chart.title)}</a:t></a:r>'
        '</a:p></c:rich></c:tx><c:overlay val="0"/></c:title>'
        '<c:autoTitleDeleted val="0"/>'
        "<c:plotArea><c:layout/>"
        '<c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/><c:varyColors val="0"/>'
        f'{series}<c:gapWidth val="60"/>'
        f'<c:axId val="{CATEGORY_AXIS}"/><c:axId val="{VALUE_AXIS}"/></c:barChart>'
        # The first category at the top, as in the tables; the value axis crosses the category
        # axis at its last category, which puts it along the bottom.
        f'<c:catAx><c:axId val="{CATEGORY_AXIS}"/>'
        '<c:scaling><c:orientation val="maxMin"/></c:scaling><c:delete val="0"/>'
        '<c:axPos val="l"/><c:numFmt formatCode="General" sourceLinked="0"/>'
        '<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
        f'<c:crossAx val="{VALUE_AXIS}"/><c:crosses val="autoZero"/><c:auto val="1"/>'
        '<c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>'
        f'<c:valAx><c:axId val="{VALUE_AXIS}"/>'
        '<c:scaling><c:orientation val="minMax"/><c:min val="0"/></c:scaling>'
        '<c:delete val="0"/><c:axPos val="b"/>'
        f"<c:majorGridlines><c:spPr>{grid}</c:spPr></c:majorGridlines>"
        '<c:numFmt formatCode="0" sourceLinked="0"/>'
        '<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
        f'<c:crossAx val="{CATEGORY_AXIS}"/><c:crosses val="max"/>'
        '<c:crossBetween val="between"/></c:valAx>'
        "</c:plotArea>"
        '<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>'
        '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/>'
        "</c:chart>"
        f"<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr>{_font(800)}</a:pPr>"
        f"<a:endParaRPr lang={language}/></a:p></c:txPr>"
        '<c:externalData r:id="rId1"><c:autoUpdate val="0"/></c:externalData>'
        "</c:chartSpace>"
    )
    return xml.encode("utf-8")


def chart_workbook(chart: BarChart) -> bytes:
    """The figures behind the chart as a workbook, laid out where the chart's formulas point."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = SHEET
    sheet.append(["", *(_clean(series.name) for series in chart.series)])
    for row, category in enumerate(chart.categories):
        sheet.append([_clean(category), *(series.values[row] for series in chart.series)])
    sheet.column_dimensions["A"].width = max([12, *(len(c) + 2 for c in chart.categories)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def chart_height(chart: BarChart) -> Length:
    """Room for every bar at a readable thickness, the title and the legend."""
    bars = len(chart.categories) * (len(chart.series) * 0.32 + 0.3)
    return Cm(min(22.0, 3.2 + bars))


def add_bar_chart(document: DocxDocument, chart: BarChart, width: Length) -> None:
    """Appends `chart` to `document` as its own paragraph, in a native chart part."""
    package = document.part.package
    assert package is not None
    number = sum(1 for part in package.iter_parts() if part.partname.startswith("/word/charts/"))
    number += 1
    chart_part = Part(
        PackURI(f"/word/charts/chart{number}.xml"), CT.DML_CHART, chart_xml(chart), package
    )
    workbook_part = Part(
        PackURI(f"/word/embeddings/Microsoft_Excel_Worksheet{number}.xlsx"),
        CT.SML_SHEET,
        chart_workbook(chart),
        package,
    )
    chart_part.relate_to(workbook_part, RT.PACKAGE)  # rId1, named in the chart's externalData
    relationship = document.part.relate_to(chart_part, RT.CHART)
    shape_id = document.part.next_id
    description = quoteattr(_clean(chart.title))
    inline = parse_xml(
        f'<wp:inline xmlns:wp="{WP}" xmlns:a="{A}" xmlns:c="{C}" xmlns:r="{R}"'
        ' distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent cx="{int(width)}" cy="{int(chart_height(chart))}"/>'
        '<wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="{shape_id}" name="Chart {number}" descr={description}/>'
        "<wp:cNvGraphicFramePr/>"
        f'<a:graphic><a:graphicData uri="{C}">'
        f'<c:chart r:id="{relationship}"/>'
        "</a:graphicData></a:graphic></wp:inline>"
    )
    run = document.add_paragraph().add_run()
    drawing = parse_xml(
        '<w:drawing xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'
    )
    drawing.append(inline)
    run._r.append(drawing)
