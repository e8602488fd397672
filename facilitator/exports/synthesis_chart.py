"""The participation chart: registered and present by participant type, one bar per day."""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from facilitator.exports.docx_chart import BarChart, Series
from facilitator.exports.fonts import register_fonts, visual
from facilitator.exports.synthesis_common import CHART, PRESENT, REGISTERED, label
from facilitator.exports.synthesis_snapshot import Participation, french_spacing
from facilitator.i18n import _, current_language, ngettext

# Colour-blind-safe (Paul Tol's « bright »), registered in light grey behind.
DAY_COLOURS = ("#4477AA", "#EE6677", "#228833", "#CCBB44", "#66CCEE", "#AA3377")
REGISTERED_COLOUR = "#BBBBBB"
LABEL_SIZE = 7.5
LABEL_ROOM = 150  # points kept on the left for the types' names
MAX_LABEL = 38  # characters of a type's name; longer names end with « … »


def _short(text: str) -> str:
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1].rstrip() + "…"


def empty_days(participation: Participation) -> tuple[int, ...]:
    """The days (their index) on which nobody was checked in: a day still to come, or one the
    desk did not record. The chart leaves them out: their bars would all be « 0 »."""
    rows = participation.by_type
    return tuple(
        index
        for index in range(len(participation.short_day_labels))
        if not any(row.present[index] for row in rows if index < len(row.present))
    )


def _join(items: list[str]) -> str:
    """« 9 décembre, 10 décembre et 11 décembre »."""
    if len(items) < 2:
        return "".join(items)
    return _("{items} and {last}").format(items=", ".join(items[:-1]), last=items[-1])


def empty_days_note(participation: Participation) -> str:
    """The sentence under the chart that says which days it leaves out, or ""."""
    days = [participation.short_day_labels[index] for index in empty_days(participation)]
    if not days or not participation.by_type:
        return ""
    text = ngettext(
        "Nobody was checked in on {days}: the chart leaves that day out.",
        "Nobody was checked in on {days}: the chart leaves these days out.",
        len(days),
    ).format(days=_join(days))
    return french_spacing(text) if current_language() == "fr" else text


def presence_series(participation: Participation) -> tuple[tuple[str, tuple[int, ...], str], ...]:
    """(name, values by type, colour) for registered, then present on each day someone came.

    A day's colour stays the same whether the days before it are shown or not."""
    rows = participation.by_type
    days = participation.short_day_labels
    empty = set(empty_days(participation))
    series = [(label(REGISTERED), tuple(row.registered for row in rows), REGISTERED_COLOUR)]
    for index, day in enumerate(days):
        if index in empty:
            continue
        name = label(PRESENT) if len(days) == 1 else f"{label(PRESENT)} {day}"
        colour = DAY_COLOURS[index % len(DAY_COLOURS)]
        series.append((name, tuple(row.present[index] for row in rows), colour))
    return tuple(series)


def presence_bars(participation: Participation, language: str) -> BarChart:
    """The same chart for Word, which draws it natively (see docx_chart)."""
    return BarChart(
        language=language,
        title=label(CHART),
        categories=tuple(row.label for row in participation.by_type),
        series=tuple(Series(n, v, c) for n, v, c in presence_series(participation)),
    )


def presence_chart(participation: Participation, width: float) -> Drawing:
    """A horizontal bar chart sized for `width` points: types down, counts across."""
    regular, bold = register_fonts()
    rows = participation.by_type
    named = presence_series(participation)
    series = [list(values) for _name, values, _colour in named]
    names = [name for name, _values, _colour in named]
    palette = [colour for _name, _values, colour in named]
    bar = 7.0
    group = bar * len(series) + 6
    plot_height = max(group * len(rows), 40)
    legend_height = 14 * ((len(names) + 2) // 3)
    height = plot_height + legend_height + 40
    drawing = Drawing(width, height, initialFontName=regular)
    drawing.add(String(0, height - 12, visual(label(CHART)), fontName=bold, fontSize=9.5))
    chart = HorizontalBarChart()
    chart.x, chart.y = LABEL_ROOM, legend_height + 20
    chart.width, chart.height = width - LABEL_ROOM - 20, plot_height
    # reportlab draws the first category at the bottom, and in each category the first series
    # at the bottom: both reversed, the table's order reads down and each type's bars read
    # down in the legend's order (registered, then each day).
    chart.data = [list(reversed(values)) for values in reversed(series)]
    chart.categoryAxis.categoryNames = [visual(_short(row.label)) for row in reversed(rows)]
    chart.categoryAxis.labels.fontName = regular
    chart.categoryAxis.labels.fontSize = LABEL_SIZE
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.categoryAxis.strokeColor = colors.grey
    chart.valueAxis.valueMin = 0
    top = max([max(values, default=0) for values in series] + [1])
    chart.valueAxis.valueMax = top + max(1, top // 10)
    chart.valueAxis.valueStep = max(1, round(top / 5))
    chart.valueAxis.labels.fontName = regular
    chart.valueAxis.labels.fontSize = LABEL_SIZE
    chart.valueAxis.strokeColor = colors.grey
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.Color(0.88, 0.88, 0.88)
    chart.barWidth = bar
    chart.groupSpacing = 6
    chart.barSpacing = 0
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = regular
    chart.barLabels.fontSize = 6.5
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 2
    for index, colour in enumerate(reversed(palette)):
        chart.bars[index].fillColor = colors.HexColor(colour)
        chart.bars[index].strokeColor = None
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = LABEL_ROOM, legend_height + 2
    legend.alignment = "right"
    legend.columnMaximum = 1 if len(names) <= 3 else 2
    legend.fontName = regular
    legend.fontSize = LABEL_SIZE
    legend.dx = legend.dy = 7
    legend.deltax = 110
    legend.colorNamePairs = [
        (colors.HexColor(palette[i]), visual(name)) for i, name in enumerate(names)
    ]
    drawing.add(legend)
    return drawing
