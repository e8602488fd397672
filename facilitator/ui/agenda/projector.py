"""The projector window: full screen on the room's screen, hosting named views (the timer first).

Groups and restitutions add their own views with `add_view(name, widget)`. Whatever view is
shown, the facilitator can put a short message instead of it (« Merci de conclure »), or as a
banner above it (the timer stays in sight), or blank the screen. When the projector's screen is
unplugged, the window comes back on the main screen as a normal window and keeps showing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol, TypeVar

from PySide6.QtCore import QCoreApplication, QRect, Qt, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QFontMetrics,
    QGuiApplication,
    QKeyEvent,
    QPalette,
    QScreen,
)
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from facilitator.i18n import _
from facilitator.ui.agenda.projector_timer_view import ProjectorTimerView, bold_font
from facilitator.ui.agenda.timer_controller import TimerSnapshot

TIMER_VIEW = "timer"
MESSAGE_SHARE = 0.14  # the message's pixel size as a share of the height, before it must shrink
BANNER_SHARE = 0.075  # a banner's text, as a share of the height, before it must shrink
BANNER_LINES = 2  # a banner wraps on two lines at most, then shrinks
# The keys of a presenter's remote (and of the keyboard) that turn pages or step between groups.
STEP_KEYS = {
    Qt.Key.Key_PageDown: 1,
    Qt.Key.Key_Right: 1,
    Qt.Key.Key_Down: 1,
    Qt.Key.Key_PageUp: -1,
    Qt.Key.Key_Left: -1,
    Qt.Key.Key_Up: -1,
}


class NamedScreen(Protocol):
    def name(self) -> str: ...


S = TypeVar("S", bound=NamedScreen)


def default_screen(screens: Sequence[S], primary: S) -> S:
    """The room's screen: the first one that is not the laptop's (primary), else the primary."""
    return next((s for s in screens if s is not primary), primary)


def choose_screen(screens: Sequence[S], primary: S, wanted: str | None) -> S:
    """The screen named `wanted` when it is plugged in, else the default one."""
    named = next((s for s in screens if wanted and s.name() == wanted), None)
    return named if named is not None else default_screen(screens, primary)


def screen_label(screen: QScreen) -> str:
    """« HDMI-1 (1920×1080) », and which one is the laptop's screen."""
    size = screen.size()
    if screen is QGuiApplication.primaryScreen():
        text = _("{name} ({width}×{height}, main screen)")
    else:
        text = _("{name} ({width}×{height})")
    return text.format(name=screen.name(), width=size.width(), height=size.height())


def _dark(widget: QWidget, background: str, foreground: str = "#ffffff") -> None:
    widget.setAutoFillBackground(True)
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor(background))
    palette.setColor(QPalette.ColorRole.WindowText, QColor(foreground))
    widget.setPalette(palette)


class ProjectorWindow(QWidget):
    """The window on the room's screen: named views, with a message or a black screen on top."""

    closed = Signal()  # the window was closed (by F5, the menu or the window manager)
    leave_requested = Signal()  # Escape
    step_requested = Signal(int)  # next (1) or previous (-1): Page Down, →, ↓ / Page Up, ←, ↑

    def __init__(
        self,
        timer_view: ProjectorTimerView | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("projector")
        self.setWindowTitle(_("Projector"))  # the desktop adds the app name
        # The facilitator keeps typing in the main window: showing this must not take the focus.
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self._message = ""
        self._banner = False
        self._blank = False
        self._views: dict[str, QWidget] = {}
        self.key_target: QWidget | None = None  # where typed keys go (the timer screen)

        self.views = QStackedWidget(objectName="projector_views")
        self.banner = QLabel(objectName="projector_banner")
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.banner.setWordWrap(True)
        _dark(self.banner, "#0d3b66")
        self.banner.hide()
        self.stage = QWidget(objectName="projector_stage")  # the banner above the views
        stage = QVBoxLayout(self.stage)
        stage.setContentsMargins(0, 0, 0, 0)
        stage.setSpacing(0)
        stage.addWidget(self.banner)
        stage.addWidget(self.views, 1)
        self.message_label = QLabel(objectName="projector_message")
        self.message_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message_label.setWordWrap(True)
        _dark(self.message_label, "#0d3b66")
        self.black = QWidget(objectName="projector_black")
        _dark(self.black, "#000000")
        self.pages = QStackedWidget(objectName="projector_pages")
        for page in (self.stage, self.message_label, self.black):
            self.pages.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        _dark(self, "#000000")

        self.timer_view = timer_view or ProjectorTimerView()
        self.add_view(TIMER_VIEW, self.timer_view)
        app = QGuiApplication.instance()
        assert isinstance(app, QGuiApplication)
        app.screenRemoved.connect(self.on_screen_removed)

    # -- views -----------------------------------------------------------------------------------
    def add_view(self, name: str, widget: QWidget) -> None:
        """Host one more view; the first one added is shown until another is asked for."""
        if name in self._views:
            raise ValueError(f"the projector already has a view named {name!r}")
        self._views[name] = widget
        self.views.addWidget(widget)

    def show_view(self, name: str) -> None:
        self.views.setCurrentWidget(self._views[name])

    def current_view(self) -> str:
        current = self.views.currentWidget()
        return next(name for name, widget in self._views.items() if widget is current)

    def view(self, name: str) -> QWidget:
        return self._views[name]

    def show_snapshot(self, snap: TimerSnapshot) -> None:
        """One tick of the facilitator's timer, mirrored on the timer view."""
        self.timer_view.show_snapshot(snap)

    # -- message and black screen ----------------------------------------------------------------
    def set_message(self, text: str, banner: bool = False) -> None:
        """Show `text` big instead of the view, or as a banner above it, until cleared (an
        empty text clears it)."""
        self._message = text.strip()
        self._banner = banner and bool(self._message)
        full = self._message if not self._banner else ""
        self.message_label.setText(full)
        self.banner.setText(self._message if self._banner else "")
        self.banner.setVisible(self._banner)
        self._fit_message()
        self._show_page()

    def clear_message(self) -> None:
        self.set_message("")

    def message(self) -> str:
        return self._message

    def is_banner(self) -> bool:
        """Whether the message is a banner above the view (else it replaces the view)."""
        return self._banner

    def set_blank(self, blank: bool) -> None:
        """A black screen over everything (message included), until turned off."""
        self._blank = blank
        self._show_page()

    def is_blank(self) -> bool:
        return self._blank

    def _show_page(self) -> None:
        if self._blank:
            self.pages.setCurrentWidget(self.black)
        elif self._message and not self._banner:
            self.pages.setCurrentWidget(self.message_label)
        else:
            self.pages.setCurrentWidget(self.stage)

    def _fit_message(self) -> None:
        """As big as the screen allows: shrink the words until they fit."""
        height = max(1, self.height())
        room = QRect(0, 0, int(self.width() * 0.9), int(height * 0.85))
        size = int(height * MESSAGE_SHARE)
        flags = int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        while size > 12:
            needed = QFontMetrics(bold_font(size)).boundingRect(room, flags, self._message or "M")
            if needed.width() <= room.width() and needed.height() <= room.height():
                break
            size = int(size * 0.9)
        self.message_label.setFont(bold_font(size))
        self._fit_banner()

    def _fit_banner(self) -> None:
        """A banner's words as large as two lines across the screen allow."""
        height = max(1, self.height())
        pad = int(height * 0.015)
        self.banner.setContentsMargins(pad * 2, pad, pad * 2, pad)
        width = max(1, self.width() - 4 * pad)
        size = int(height * BANNER_SHARE)
        flags = int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        while size > 12:
            metrics = QFontMetrics(bold_font(size))
            needed = metrics.boundingRect(QRect(0, 0, width, 100_000), flags, self._message or "M")
            if needed.height() <= metrics.lineSpacing() * BANNER_LINES:
                break
            size = int(size * 0.9)
        self.banner.setFont(bold_font(size))

    def resizeEvent(self, event: Any) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit_message()

    # -- which screen ----------------------------------------------------------------------------
    def show_on(self, screen: QScreen) -> None:
        """Full screen on `screen`."""
        if self.isVisible() and self.isFullScreen() and self.screen() is screen:
            return
        if self.isVisible():
            self.showNormal()
        self.setScreen(screen)
        self.setGeometry(screen.geometry())
        self.showFullScreen()

    def on_screen_removed(self, screen: QScreen) -> None:
        """The room's screen was unplugged: come back as a normal window on the main screen."""
        if not self.isVisible() or screen is not self.screen():
            return
        primary = QGuiApplication.primaryScreen()
        self.showNormal()
        if primary is not None and primary is not screen:
            self.setScreen(primary)
            area = primary.availableGeometry()
            self.resize(area.width() * 2 // 3, area.height() * 2 // 3)
            self.move(area.center() - self.rect().center())
        self.show()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        """Escape leaves, the remote's keys step; other keys go to the facilitator's timer: on
        one screen, the projector covers the main window, and Space or N must still run the day."""
        plain = Qt.KeyboardModifier.KeypadModifier | Qt.KeyboardModifier.ShiftModifier
        if event.key() == Qt.Key.Key_Escape and not event.modifiers() & ~plain:
            self.leave_requested.emit()
            event.accept()
            return
        step = STEP_KEYS.get(Qt.Key(event.key()))
        if step is not None and not event.modifiers() & ~plain:
            self.step_requested.emit(step)
            event.accept()
            return
        target = self.key_target
        if target is None or event.modifiers() & ~plain:
            super().keyPressEvent(event)
            return
        copy = QKeyEvent(event.type(), event.key(), event.modifiers(), event.text())
        QCoreApplication.sendEvent(target, copy)
        event.setAccepted(copy.isAccepted())

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        super().closeEvent(event)
        self.closed.emit()
