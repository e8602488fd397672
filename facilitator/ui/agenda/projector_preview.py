"""A small live image of what the room sees, in the main window's status bar.

With two screens the facilitator does not look behind at the projector; with one screen the
projector view is left (Escape) to work, and the image says what the room will see on F5.
It is painted from the projector window itself (scaled down), once a second while the projector
is open and at once after each change; a click opens the projector's menu.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPoint, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMenu, QWidget

from facilitator.i18n import _

if TYPE_CHECKING:
    from facilitator.ui.agenda.projector_control import ProjectorControl

THUMB = QSize(96, 54)  # 16:9, small enough for the status bar of a 1366×768 laptop
REFRESH_MS = 1000


def view_caption(control: ProjectorControl) -> str:
    """What the room sees, in a few words: « Minuteur », « Restitution · Groupe 3 »…"""
    if not control.is_open():
        return _("Projector closed (F5)")
    if control.is_blank():
        return _("Black screen")
    message, banner = control.message()
    if message and not banner:
        return _("Message: {text}").format(text=message)
    name = control.current_view()
    label = control.view_actions[name].text() if name in control.view_actions else name
    restitution = control.view("restitution") if control.has_view("restitution") else None
    if restitution is not None and name == "restitution":
        title = getattr(restitution, "title", lambda: "")()
        pages = getattr(restitution, "page_count", lambda: 1)()
        if title:
            label = f"{label} · {title}"
        if pages > 1:
            page = getattr(restitution, "page", lambda: 0)() + 1
            label = f"{label} ({page}/{pages})"
    if message:
        label = _("{view} + banner").format(view=label)
    return label


class ProjectorPreview(QFrame):
    """The projector's image, scaled down, and its caption; hidden parts of it stay up to date."""

    def __init__(self, control: ProjectorControl, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("projector_preview")
        self.control = control
        self.image = QLabel(objectName="projector_preview_image")
        self.image.setFixedSize(THUMB)
        self.image.setStyleSheet("border: 1px solid #6b7785;")
        self.caption = QLabel(objectName="projector_preview_caption")
        self.caption.setMaximumWidth(260)
        self.caption.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(self.caption)
        layout.addWidget(self.image)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(_("What the room sees on the projector — click for the projector's menu"))
        self._timer = QTimer(self, interval=REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._soon = QTimer(self, singleShot=True, interval=0)  # a burst of changes paints once
        self._soon.timeout.connect(self.refresh)
        control.changed.connect(self._soon.start)
        self.refresh()

    def refresh(self) -> None:
        """Paint the image and the caption from the projector as it is now."""
        control = self.control
        self.caption.setText(
            self.caption.fontMetrics().elidedText(
                view_caption(control), Qt.TextElideMode.ElideRight, self.caption.maximumWidth()
            )
        )
        self.caption.setToolTip(view_caption(control))
        window = control.window
        open_ = control.is_open() and window is not None
        self.image.setVisible(open_)
        if not open_:
            self._timer.stop()
            return
        assert window is not None
        self.image.setPixmap(self.thumbnail(window))
        if not self._timer.isActive():
            self._timer.start()

    def thumbnail(self, window: QWidget) -> QPixmap:
        """The projector window drawn into the thumbnail (its own size, scaled down)."""
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap(THUMB * ratio)
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(QColor("#000000"))
        size = window.size()
        if size.width() < 2 or size.height() < 2:
            return pixmap
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        scale = min(THUMB.width() / size.width(), THUMB.height() / size.height())
        painter.translate(
            (THUMB.width() - size.width() * scale) / 2, (THUMB.height() - size.height() * scale) / 2
        )
        painter.scale(scale, scale)
        window.render(painter, QPoint(0, 0))
        painter.end()
        return pixmap

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.control.fill_menu(menu)
        menu.popup(self.mapToGlobal(event.position().toPoint()))

    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        self.refresh()

    def hideEvent(self, event: Any) -> None:  # noqa: N802
        self._timer.stop()
        super().hideEvent(event)
