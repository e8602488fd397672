"""QR codes drawn as vector paths, with their quiet zone and the encoder's own mask choice."""

from __future__ import annotations

from qrcode import QRCode
from qrcode.constants import ERROR_CORRECT_M
from reportlab.pdfgen.canvas import Canvas

QUIET_ZONE = 4  # modules of white around the code; scanners miss codes drawn without it


def qr_matrix(payload: str) -> list[list[bool]]:
    """The modules of the QR code of `payload` (error correction M), quiet zone included.

    The smallest version that holds the payload and the mask qrcode scores best are kept: a
    fixed mask makes a few codes in a hundred unreadable.
    """
    code = QRCode(error_correction=ERROR_CORRECT_M, border=QUIET_ZONE)
    code.add_data(payload)
    code.make(fit=True)
    return [list(row) for row in code.get_matrix()]


def dark_runs(matrix: list[list[bool]]) -> list[tuple[int, int, int]]:
    """(row, first column, length) of each horizontal run of dark modules."""
    runs: list[tuple[int, int, int]] = []
    for r, row in enumerate(matrix):
        start = -1
        for c, dark in enumerate(row):
            if dark and start < 0:
                start = c
            elif not dark and start >= 0:
                runs.append((r, start, c - start))
                start = -1
        if start >= 0:
            runs.append((r, start, len(row) - start))
    return runs


def draw_qr(canvas: Canvas, matrix: list[list[bool]], x: float, y: float, side: float) -> None:
    """Draw a QR matrix as one filled path in the square of `side` points at (x, y) bottom left.

    The square, quiet zone included, is painted white first so that nothing behind shows through.
    """
    canvas.saveState()
    canvas.setFillColorRGB(1, 1, 1)
    canvas.rect(x, y, side, side, stroke=0, fill=1)
    module = side / len(matrix)
    # Module units, rows counted downwards from the top: every rectangle is in whole numbers,
    # written as PDF operators directly (reportlab's path object formats each number slowly).
    canvas.transform(module, 0, 0, -module, x, y + side)
    canvas.setFillColorRGB(0, 0, 0)
    canvas.addLiteral(qr_path_operators(matrix))
    canvas.restoreState()


def qr_path_operators(matrix: list[list[bool]]) -> str:
    """The PDF operators that fill the dark modules as one path, one rectangle per run."""
    rects = [f"{column} {row} {length} 1 re" for row, column, length in dark_runs(matrix)]
    return "\n".join([*rects, "f"])
