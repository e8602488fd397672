"""Scanning badges with the laptop camera (optional: `pip install "facilitator[camera]"`).

QtMultimedia shows the picture and hands over frames; zxing-cpp decodes them about five times
a second in a worker thread, so the screen never waits on the decoder. What it reads goes down
the same path as a scanner's keystrokes; the same badge held in view is read once per 3 s.
"""

from __future__ import annotations

import contextlib
import importlib.util
import logging
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from facilitator.i18n import _

log = logging.getLogger(__name__)

INSTALL_HINT = 'pip install "facilitator[camera]"'
DECODE_INTERVAL = 0.2  # seconds between two decoded frames: about 5 per second
REPEAT_WINDOW = 3.0  # seconds during which the same payload is not read again


def camera_unavailable_reason() -> str | None:
    """None when the camera can be used, else what to do instead, in words for the desk.

    How to install the camera's packages is for whoever installs the app: it goes to the log.
    """
    packages = ("zxingcpp", "PySide6.QtMultimedia", "PySide6.QtMultimediaWidgets")
    if any(importlib.util.find_spec(name) is None for name in packages):
        log.info("camera scanning needs optional packages: %s", INSTALL_HINT)
        return _(
            "The camera cannot read badges on this computer: its camera module is not "
            "installed. Use the badge scanner, or find the person by name."
        )
    try:
        import zxingcpp  # noqa: F401
        from PySide6.QtMultimedia import QCamera  # noqa: F401
        from PySide6.QtMultimediaWidgets import QVideoWidget  # noqa: F401
    except ImportError as exc:  # installed, but a system library is missing (libpulse on Linux)
        log.warning("the camera's packages cannot be loaded: %s", exc)
        return _(
            "The camera cannot be used on this computer. Use the badge scanner, or find the "
            "person by name."
        )
    return None


class RepeatFilter:
    """Lets a payload through once, then not again until it has been out of sight for a while."""

    def __init__(self, window: float = REPEAT_WINDOW) -> None:
        self.window = window
        self._seen: dict[str, float] = {}

    def accept(self, payload: str, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        last = self._seen.get(payload)
        self._seen = {text: at for text, at in self._seen.items() if now - at < self.window}
        self._seen[payload] = now
        return last is None or now - last >= self.window


def decode_gray(data: bytes, width: int, height: int, stride: int) -> list[str]:
    """The texts of the QR codes in an 8-bit grey picture (runs in the worker thread)."""
    import zxingcpp

    image: Any
    if hasattr(zxingcpp, "ImageView"):
        image = zxingcpp.ImageView(data, width, height, zxingcpp.ImageFormat.Lum, stride)
    else:
        if stride != width:
            data = b"".join(data[row * stride : row * stride + width] for row in range(height))
        image = memoryview(data).cast("B", (height, width))
    formats = getattr(zxingcpp.BarcodeFormat, "QRCode", None)
    if formats is None:
        return [result.text for result in zxingcpp.read_barcodes(image)]
    return [result.text for result in zxingcpp.read_barcodes(image, formats=formats)]


class CameraView(QWidget):
    """A small live picture of the camera; emits `decoded(text)` for each badge it reads."""

    decoded = Signal(str)
    _found = Signal(object)  # decoded texts, from the worker thread to this one

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtMultimedia import QCamera, QMediaCaptureSession, QMediaDevices
        from PySide6.QtMultimediaWidgets import QVideoWidget

        self.setObjectName("camera_view")
        self.video = QVideoWidget(self)
        self.video.setMinimumSize(320, 240)
        self.status = QLabel(objectName="camera_status", wordWrap=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.video, 1)
        layout.addWidget(self.status)

        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="camera-decode")
        self._busy: Future[list[str]] | None = None
        self._last_decode = 0.0
        self._repeats = RepeatFilter()
        self._found.connect(self._deliver)

        device = QMediaDevices.defaultVideoInput()
        self.camera = QCamera(device, self)
        self.session = QMediaCaptureSession(self)
        self.session.setCamera(self.camera)
        self.session.setVideoOutput(self.video)
        self.video.videoSink().videoFrameChanged.connect(self._frame)
        self.camera.errorOccurred.connect(self._camera_error)
        if device.isNull():
            self.status.setText(_("No camera was found on this computer."))
        else:
            self.status.setText(_("Hold the badge's QR code in front of the camera."))

    def start(self) -> None:
        answer = self._permission()
        if answer == "denied":
            self.status.setText(
                _("Access to the camera was refused: allow it in the system settings.")
            )
        elif answer == "granted":
            self.camera.start()

    def _permission(self) -> str:
        """granted, denied or asked (macOS asks the first time; elsewhere it is granted)."""
        try:
            from PySide6.QtCore import QCameraPermission, QCoreApplication
        except ImportError:  # Qt before 6.5 has no permission API
            return "granted"
        app = QCoreApplication.instance()
        status = app.checkPermission(QCameraPermission()) if app else Qt.PermissionStatus.Granted
        if status == Qt.PermissionStatus.Denied:
            return "denied"
        if status == Qt.PermissionStatus.Undetermined and app is not None:
            try:
                app.requestPermission(QCameraPermission(), self, self._permission_answered)
            except TypeError:
                return "granted"  # this binding has another signature: try the camera anyway
            return "asked"
        return "granted"

    def _permission_answered(self, permission: Any) -> None:
        if permission.status() == Qt.PermissionStatus.Granted:
            self.camera.start()
        else:
            self.status.setText(
                _("Access to the camera was refused: allow it in the system settings.")
            )

    def stop(self) -> None:
        self.camera.stop()

    def _camera_error(self, _error: object, message: str) -> None:
        log.warning("the camera stopped: %s", message)
        self.status.setText(_("The camera stopped. Plug it back in, or use the badge scanner."))

    def _frame(self, frame: Any) -> None:
        now = time.monotonic()
        if self._busy is not None or now - self._last_decode < DECODE_INTERVAL:
            return
        self._last_decode = now
        from PySide6.QtGui import QImage

        image = frame.toImage()
        if image.isNull():
            return
        gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
        data = bytes(gray.constBits())  # a copy the worker owns
        self._busy = self._executor.submit(
            decode_gray, data, gray.width(), gray.height(), gray.bytesPerLine()
        )
        self._busy.add_done_callback(self._decoded_in_worker)

    def _decoded_in_worker(self, future: Future[list[str]]) -> None:
        try:
            texts = future.result()
        except Exception:  # a frame the decoder cannot read is just skipped
            texts = []
        with contextlib.suppress(RuntimeError):  # the view was closed meanwhile
            self._found.emit(texts)

    def _deliver(self, texts: list[str]) -> None:
        self._busy = None
        for text in texts:
            if text and self._repeats.accept(text):
                self.decoded.emit(text)

    def closeEvent(self, event: Any) -> None:  # noqa: N802
        self.stop()
        self._executor.shutdown(wait=False, cancel_futures=True)
        super().closeEvent(event)


def make_camera_view(parent: QWidget) -> CameraView | None:
    """A started camera view, or None when the optional packages are missing."""
    if camera_unavailable_reason() is not None:
        return None
    view = CameraView(parent)
    view.start()
    return view


def toggle(
    parent: QWidget,
    holder: QVBoxLayout,
    view: CameraView | None,
    decoded: Callable[[str], None],
) -> tuple[CameraView | None, str | None]:
    """Show (made the first time) or hide the camera's view; the reason when it cannot be."""
    reason = camera_unavailable_reason()
    if reason is not None:
        return view, reason
    if view is None:
        view = make_camera_view(parent)
        if view is not None:
            view.decoded.connect(decoded)
            holder.addWidget(view)
    elif view.isVisible():
        view.stop()
        view.hide()
    else:
        view.show()
        view.start()
    return view, None
