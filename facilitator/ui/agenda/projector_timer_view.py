"""The projector's timer view: what is on now, its countdown in huge digits, what comes next.

Read from the back of the room: the digits fill about a third of the screen height, and the
end of an item is said in words as well as in colour (amber « Il reste 5 min », red « Temps
écoulé » with the count-up). A tick only sets the labels whose text changed, and the colours
change only when the state does: a tick costs a few small repaints, nothing more.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from functools import cache
from typing import Any

from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetrics,
    QPainter,
    QPaintEvent,
    QPalette,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from facilitator.i18n import _
from facilitator.resources import resource_path
from facilitator.ui.agenda.timer_controller import NEAR_END, NORMAL, OVERRUN, TimerSnapshot

# (background, text) per state. Never colour alone: the warning line says it in words too.
COLOURS = {
    NORMAL: ("#101820", "#ffffff"),
    NEAR_END: ("#ffbf00", "#111111"),
    OVERRUN: ("#c62828", "#ffffff"),
}
DIGIT_SHARE = 0.30  # the digits' glyph height, as a share of the view's height (at least 1/4)
WIDTH_SHARE = 0.96  # the countdown may use this share of the width within the margins
# Other lines, as pixel sizes in shares of the height.
CAPTION_SHARE, TITLE_SHARE, WARNING_SHARE, NEXT_SHARE = 0.04, 0.07, 0.075, 0.05


@cache
def display_family() -> str:
    """The shipped DejaVu Sans: the same metrics and tabular digits on every computer."""
    font_id = QFontDatabase.addApplicationFont(str(resource_path("fonts", "DejaVuSans-Bold.ttf")))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    return families[0] if families else QFont().family()


def bold_font(pixel_size: int) -> QFont:
    font = QFont(display_family())
    font.setBold(True)
    font.setPixelSize(max(1, pixel_size))
    return font


def countdown_font(text: str, width: int, height: int) -> QFont:
    """The largest font whose digits are DIGIT_SHARE of `height`, shrunk only to fit `width`."""
    probe = bold_font(200)
    metrics = QFontMetrics(probe)
    digit = max(1, metrics.tightBoundingRect("0").height())
    size = int(200 * DIGIT_SHARE * height / digit)
    font = bold_font(size)
    room = int(width * WIDTH_SHARE)
    for _attempt in range(40):  # metrics are near-linear: one or two steps are enough
        advance = QFontMetrics(font).horizontalAdvance(text)
        if advance <= room or size <= 8:
            break
        size = max(8, min(size - 1, int(size * room / advance)))
        font = bold_font(size)
    return font


def width_template(text: str) -> str:
    """The countdown with every digit as 0: its width is the same (tabular digits)."""
    return re.sub(r"\d", "0", text)


class BigDigits(QWidget):
    """The countdown, drawn from one cached image per character.

    Glyphs this large are filled as paths by Qt on every paint, and a QLabel's new text also
    re-runs the view's layout; here a new second only blits five to eight small images into
    this widget's own rectangle, whatever its size. Alignment: centred.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._glyphs: dict[tuple[str, str, float], QPixmap] = {}
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, False)

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:  # noqa: N802 (the QLabel interface)
        if text != self._text:
            self._text = text
            self.update()

    def setFont(self, font: QFont) -> None:  # noqa: N802
        self._glyphs.clear()
        super().setFont(font)
        self.update()

    def _glyph(self, char: str, colour: QColor) -> QPixmap:
        ratio = self.devicePixelRatioF()
        key = (char, colour.name(), ratio)
        pixmap = self._glyphs.get(key)
        if pixmap is None:
            metrics = QFontMetrics(self.font())
            width, height = max(1, metrics.horizontalAdvance(char)), max(1, metrics.height())
            pixmap = QPixmap(round(width * ratio), round(height * ratio))
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
            painter.setFont(self.font())
            painter.setPen(colour)
            painter.drawText(QPointF(0, metrics.ascent()), char)
            painter.end()
            self._glyphs[key] = pixmap
        return pixmap

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        if not self._text:
            return
        metrics = QFontMetrics(self.font())
        colour = self.palette().color(QPalette.ColorRole.WindowText)
        advances = [metrics.horizontalAdvance(char) for char in self._text]
        x = (self.width() - sum(advances)) / 2
        y = (self.height() - metrics.height()) / 2
        painter = QPainter(self)
        for char, advance in zip(self._text, advances, strict=True):
            painter.drawPixmap(QPointF(x, y), self._glyph(char, colour))
            x += advance
        painter.end()


class ProjectorTimerView(QWidget):
    """The live item on the projector; `show_snapshot` paints one TimerSnapshot."""

    def __init__(
        self, now: Callable[[], dt.datetime] | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("projector_timer")
        self.setAutoFillBackground(True)
        self._now = now or dt.datetime.now
        self._zone: dt.tzinfo | None = None
        self._texts: dict[str, str] = {}
        self._state = ""
        self._template = ""

        def label(name: str, align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft) -> QLabel:
            widget = QLabel(objectName=name, alignment=align | Qt.AlignmentFlag.AlignVCenter)
            widget.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            return widget

        center = Qt.AlignmentFlag.AlignHCenter
        self.now_caption = label("now_caption")
        self.clock = label("clock", Qt.AlignmentFlag.AlignRight)
        self.title = label("title")
        self.title.setWordWrap(True)
        self.countdown = BigDigits()
        self.countdown.setObjectName("countdown")
        self.countdown.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.warning = label("warning", center)
        self.next_caption = label("next_caption")
        self.next_caption.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        self.next_title = label("next_title")
        self.labels = {
            w.objectName(): w
            for w in (
                self.now_caption,
                self.clock,
                self.title,
                self.countdown,
                self.warning,
                self.next_caption,
                self.next_title,
            )
        }
        self._layout()
        self._minute = QTimer(self, singleShot=True)
        self._minute.timeout.connect(self._clock_tick)
        self._paint_state(NORMAL)
        self._set("countdown", "--:--")
        self._set("clock", self._clock_text())

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.now_caption, 1)
        top.addWidget(self.clock, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.next_caption)
        bottom.addWidget(self.next_title, 1)
        self._box = layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.title)
        layout.addWidget(self.countdown, 1)
        layout.addWidget(self.warning)
        layout.addLayout(bottom)

    # -- one tick --------------------------------------------------------------------------------
    def show_snapshot(self, snap: TimerSnapshot) -> None:
        """Paint one tick: labels whose text is unchanged are not touched."""
        caption = (_("Now") if snap.started else _("Up first") if snap.can_start else "").upper()
        if snap.started and snap.parent_title:
            caption = f"{caption} · {snap.parent_title}"
        self._set("now_caption", caption)
        self._set("title", snap.title)
        if width_template(snap.countdown) != self._template:
            self._template = width_template(snap.countdown)
            self._fit_countdown()
        self._set("countdown", snap.countdown)
        # The room sees warnings about the live item, not hints meant for the facilitator.
        self._set("warning", snap.warning if snap.started or snap.can_start else "")
        self._set("next_caption", _("Up next").upper() if snap.next_title else "")
        last = _("Last item of the day") if snap.started else ""
        self._set("next_title", snap.next_title or last)
        self._zone = snap.zone or self._zone
        self._set("clock", self._clock_text())
        if snap.state != self._state:
            self._paint_state(snap.state)

    def text(self, name: str) -> str:
        """What a label shows: now_caption, clock, title, countdown, warning, next_title…"""
        return self.labels[name].text()

    @property
    def state(self) -> str:
        return self._state

    def _set(self, name: str, text: str) -> None:
        if self._texts.get(name) != text:
            self._texts[name] = text
            self.labels[name].setText(text)

    def _paint_state(self, state: str) -> None:
        self._state = state
        background, foreground = COLOURS.get(state, COLOURS[NORMAL])
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(background))
        palette.setColor(QPalette.ColorRole.WindowText, QColor(foreground))
        self.setPalette(palette)

    # -- the time of day -------------------------------------------------------------------------
    def _clock_text(self) -> str:
        """The time of day in the workshop's zone: the laptop may still be on its home time."""
        now = self._now()
        if self._zone is not None:
            now = (now if now.tzinfo else now.astimezone()).astimezone(self._zone)
        return now.strftime("%H:%M")

    def _clock_tick(self) -> None:
        self._set("clock", self._clock_text())
        self._arm_clock()

    def _arm_clock(self) -> None:
        now = self._now()
        to_next_minute = 60_000 - (now.second * 1000 + now.microsecond // 1000)
        self._minute.start(to_next_minute + 20)  # just after the minute turns

    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        self._clock_tick()

    def hideEvent(self, event: Any) -> None:  # noqa: N802
        self._minute.stop()
        super().hideEvent(event)

    # -- sizes follow the screen -----------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        height = max(1, event.size().height())
        margin = int(height * 0.03)
        self._box.setContentsMargins(margin, margin, margin, margin)
        self._box.setSpacing(int(height * 0.01))
        for widget, share in (
            (self.now_caption, CAPTION_SHARE),
            (self.clock, CAPTION_SHARE * 1.5),
            (self.title, TITLE_SHARE),
            (self.warning, WARNING_SHARE),
            (self.next_caption, NEXT_SHARE),
            (self.next_title, NEXT_SHARE),
        ):
            font = bold_font(int(height * share))
            font.setBold(widget is not self.next_title)
            widget.setFont(font)
        self.next_caption.setContentsMargins(0, 0, int(height * 0.02), 0)
        self._fit_countdown()

    def _fit_countdown(self) -> None:
        text = self._template or width_template(self.countdown.text()) or "00:00"
        margins = self._box.contentsMargins()
        width = self.width() - margins.left() - margins.right()
        self.countdown.setFont(countdown_font(text, width, self.height()))
