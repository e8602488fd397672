"""Badge PDFs: pages, text, fitting, fonts for every script, and QR codes that scan at 150 dpi."""

from __future__ import annotations

import io
import math
import re
import shutil
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader
from qrcode import QRCode
from qrcode.constants import ERROR_CORRECT_M
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from facilitator.core.badges import new_token
from facilitator.exports.badge_layout import READABLE_NAME
from facilitator.exports.badges import LAYOUTS, Layout, draw_badge, write_badges
from facilitator.exports.fonts import fit_text, register_fonts, visual
from facilitator.exports.qr import QUIET_ZONE, dark_runs, qr_matrix
from facilitator.exports.snapshots import BadgeData

TITLE = "Atelier de validation de la stratégie nationale de migration circulaire"
LONG_NAME = ("Mamadou Lamine Abdoulaye Ibrahima Seydou", "Diallo-Ndiaye-Fall de la Teranga")
LONG_ORGANISATION = (
    "Organisation internationale pour les migrations, bureau régional pour l'Afrique de "
    "l'Ouest et du Centre, unité de la mobilité de main-d'œuvre et de la migration circulaire"
)
ARABIC = "عبد القادر"
FIRST = ["Awa", "Moussa", "Ndèye Fatou", "Cheikh", "Aïssatou", "Pape", "Khady", "Ousmane"]
LAST = ["Diop", "N'DIAYE", "Fall", "Cissé", "Sarr", "Mbaye", "Thiam", "Gueye"]
ORGANISATIONS = ["CILMI", "OIM Sénégal", "RADDHO", "Sonatel", "Ambassade d'Espagne"]
TYPES = [("Ministères", "#1F4E9C"), ("Société civile", "#2E8B3A"), ("Médias", "#F2D300"), ("", "")]


def badge(index: int, workshop_id: int = 7, **changes: str) -> BadgeData:
    category, colour = TYPES[index % len(TYPES)]
    data = BadgeData(
        participant_id=index + 1,
        first_name=FIRST[index % len(FIRST)],
        last_name=f"{LAST[index % len(LAST)]} {index}",
        organisation=ORGANISATIONS[index % len(ORGANISATIONS)],
        function=f"Chargé de mission {index}",
        category=category,
        colour=colour,
        token=new_token(workshop_id),
        workshop_title=TITLE,
        workshop_dates="25–27 mars 2025",
        venue="Hôtel BIG FAIM, Thiès",
    )
    return replace(data, **changes)


def many(count: int) -> list[BadgeData]:
    return [badge(i) for i in range(count)]


def text_of(path: Path) -> str:
    """The PDF's text, with Arabic presentation forms folded back and spacing evened."""
    text = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    return " ".join(unicodedata.normalize("NFKC", text).split())


def needs(*tools: str) -> None:
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"{', '.join(missing)} not installed (Debian: poppler-utils, zbar-tools)")


def decode_qr_codes(pdf: Path, folder: Path, dpi: int = 150) -> list[str]:
    """Every QR code zbarimg reads on the PDF's pages rendered at `dpi`."""
    needs("pdftoppm", "zbarimg")
    prefix = folder / pdf.stem
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(prefix)], check=True)
    pages = sorted(folder.glob(f"{pdf.stem}-*.png"))
    assert pages
    return zbar(pages)


def zbar(images: list[Path]) -> list[str]:
    result = subprocess.run(
        ["zbarimg", "--raw", "-q", *map(str, images)], capture_output=True, text=True, check=False
    )
    assert result.returncode in (0, 4), result.stderr  # 4: no code found in some image
    return result.stdout.split()


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_pages_and_text_of_every_layout(tmp_path: Path, layout: str) -> None:
    badges = many(11)
    path = tmp_path / "badges.pdf"
    write_badges(path, badges, layout)
    per_page = LAYOUTS[layout].per_page
    reader = PdfReader(path)
    assert len(reader.pages) == -(-len(badges) // per_page)
    width, height = LAYOUTS[layout].page
    assert float(reader.pages[0].mediabox.width) == pytest.approx(width, abs=0.01)
    assert float(reader.pages[0].mediabox.height) == pytest.approx(height, abs=0.01)
    text = text_of(path)
    assert text.count(TITLE) == len(badges)
    for b in badges:
        assert f"{b.first_name} {b.last_name.upper()}" in text
        assert b.organisation in text and b.function in text
        assert b.category in text
        assert f"{b.workshop_dates} · {b.venue}" in text
    assert not list(tmp_path.glob(".*tmp")), "a temporary file was left behind"


def test_page_sizes_and_badge_sizes() -> None:
    assert LAYOUTS["a4-8"].badge == pytest.approx((100 * mm, 70 * mm))
    assert LAYOUTS["a4-8"].per_page == 8
    assert LAYOUTS["a6-4"].badge == pytest.approx((105 * mm, 148 * mm))
    assert LAYOUTS["a6-4"].per_page == 4
    assert LAYOUTS["cr80"].page == LAYOUTS["cr80"].badge == pytest.approx((86 * mm, 54 * mm))
    for layout in LAYOUTS.values():
        page_w, page_h = layout.page
        w, h = layout.badge
        for x, y in layout.cells():
            assert x >= 0 and x + w <= page_w + 0.01 and y >= 0 and y + h <= page_h + 0.01


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_qr_codes_read_back_at_150_dpi(tmp_path: Path, layout: str) -> None:
    count = {"a4-8": 20, "a6-4": 9, "cr80": 5}[layout]
    badges = many(count)
    badges[3] = replace(badges[3], token=new_token(123_456_789))  # the longest workshop id
    # Long names, wrapped and cut, leave the codes as they were.
    badges[1] = replace(badges[1], first_name=LONG_NAME[0], last_name=LONG_NAME[1])
    badges[2] = replace(badges[2], first_name="Cheikh Ahmadou Bamba", last_name="X" * 60)
    path = tmp_path / "badges.pdf"
    write_badges(path, badges, layout)
    decoded = decode_qr_codes(path, tmp_path)
    assert sorted(decoded) == sorted(b.token for b in badges)


def test_a_creased_badge_still_scans(tmp_path: Path) -> None:
    from PIL import Image, ImageDraw

    b = badge(1)
    path = tmp_path / "card.pdf"
    write_badges(path, [b], "cr80")
    assert decode_qr_codes(path, tmp_path) == [b.token]
    page = next(tmp_path.glob("card-*.png"))
    image = Image.open(page).convert("L")
    spec = LAYOUTS["cr80"]
    dpi_scale = image.width / spec.page[0]
    side = spec.style.qr * dpi_scale
    left = image.width - (spec.style.qr_inset * dpi_scale) - side
    top = image.height - (spec.style.qr_inset * dpi_scale) - side
    draw = ImageDraw.Draw(image)
    # A worn patch of 5 × 5 modules in the data area: level M reads through it (L mostly not).
    module = side / len(qr_matrix(b.token))
    x, y = left + side * 0.36, top + side * 0.52
    draw.rectangle([x, y, x + 5 * module, y + 5 * module], fill=255)
    creased = tmp_path / "creased.png"
    image.save(creased)
    assert zbar([creased]) == [b.token]


def test_qr_matrix_is_the_encoders_own_with_its_quiet_zone() -> None:
    token = new_token(42)
    matrix = qr_matrix(token)
    code = QRCode(error_correction=ERROR_CORRECT_M, border=QUIET_ZONE)
    code.add_data(token)
    code.make(fit=True)
    assert matrix == [list(row) for row in code.get_matrix()]
    size = len(matrix)
    for i in range(size):
        for j in range(QUIET_ZONE):
            assert not matrix[j][i] and not matrix[size - 1 - j][i]
            assert not matrix[i][j] and not matrix[i][size - 1 - j]
    # The runs drawn cover exactly the dark modules, each once.
    rebuilt = [[False] * size for _ in range(size)]
    for row, column, length in dark_runs(matrix):
        for c in range(column, column + length):
            assert not rebuilt[row][c]
            rebuilt[row][c] = True
    assert rebuilt == matrix
    assert len({row for row, _c, _l in dark_runs(matrix)}) == size - 2 * QUIET_ZONE


def test_qr_code_on_a4_sheets_is_at_least_25_mm_wide() -> None:
    style = LAYOUTS["a4-8"].style
    modules = len(qr_matrix(new_token(123_456_789)))
    assert style.qr * (modules - 2 * QUIET_ZONE) / modules >= 25 * mm


def test_every_font_is_embedded_and_covers_arabic_and_accents(tmp_path: Path) -> None:
    badges = [
        badge(0, first_name=ARABIC, last_name="", organisation="سفارة المملكة المغربية"),
        badge(1, first_name="Ndèye Fatou", last_name="N'DIAYE", organisation="Ministère – CILMI"),
    ]
    path = tmp_path / "badges.pdf"
    write_badges(path, badges, "a4-8")
    fonts = {}
    for page in PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[font["/BaseFont"]] = font
    assert fonts
    for name, font in fonts.items():
        assert re.fullmatch(r"/[A-Z]{6}\+DejaVuSans(-Bold)?", name), name
        assert "/FontFile2" in font["/FontDescriptor"], f"{name} is not embedded"
    text = text_of(path)
    assert "Ndèye Fatou N'DIAYE" in text and "Ministère – CILMI" in text
    assert ARABIC in text or ARABIC[::-1] in text
    assert "سفارة المملكة المغربية" in text


def test_arabic_is_joined_and_in_visual_order_latin_untouched() -> None:
    shaped = visual(ARABIC)
    assert shaped != ARABIC
    assert all(0xFE70 <= ord(c) <= 0xFEFF or c == " " for c in shaped)  # joined forms
    assert unicodedata.normalize("NFKC", shaped)[::-1] == ARABIC
    assert visual("Ndèye Fatou N'DIAYE") == "Ndèye Fatou N'DIAYE"


class RecordingCanvas(Canvas):
    """A canvas that remembers every string drawn, where, and with which font."""

    def __init__(self) -> None:
        super().__init__(io.BytesIO())
        self.strings: list[tuple[float, float, str, str, float]] = []

    def drawString(self, x: float, y: float, text: str, *args: object, **kw: object) -> None:  # noqa: N802
        self.strings.append((x, y, text, self._fontname, self._fontsize))
        super().drawString(x, y, text, *args, **kw)

    def drawCentredString(self, x: float, y: float, text: str, *args: object, **kw: object) -> None:  # noqa: N802
        width = stringWidth(text, self._fontname, self._fontsize)
        self.strings.append((x - width / 2, y, text, self._fontname, self._fontsize))
        super().drawCentredString(x, y, text, *args, **kw)


def _qr_box(spec: Layout) -> tuple[float, float, float, float]:
    s, (w, _h) = spec.style, spec.badge
    x = (w - s.qr) / 2 if s.portrait else w - s.qr_inset - s.qr
    return x, s.qr_inset, x + s.qr, s.qr_inset + s.qr


def _strings(b: BadgeData, spec: Layout) -> list[tuple[float, float, str, str, float]]:
    register_fonts()
    canvas = RecordingCanvas()
    draw_badge(canvas, b, 0, 0, spec)
    return canvas.strings


def _name_lines(b: BadgeData, spec: Layout) -> list[tuple[str, float]]:
    """The name's lines as drawn (bold, at the name's size), top to bottom."""
    sizes = {size for _x, _y, _t, font, size in _strings(b, spec) if size >= spec.style.name[1]}
    return [
        (text, size)
        for _x, _y, text, font, size in _strings(b, spec)
        if font.endswith("-Bold")
        and size in sizes
        and size >= spec.style.name[1]
        and text not in (b.category, b.workshop_title)
    ]


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_long_names_and_institutions_stay_inside_the_badge(layout: str) -> None:
    spec = LAYOUTS[layout]
    w, h = spec.badge
    pad = spec.style.pad
    long_one = badge(
        0,
        first_name=LONG_NAME[0],
        last_name=LONG_NAME[1],
        organisation=LONG_ORGANISATION,
        function=LONG_ORGANISATION,
        category="Organisations internationales et partenaires techniques et financiers",
        workshop_title=TITLE * 3,
        venue="Centre international de conférences Abdou Diouf de Diamniadio, Dakar",
    )
    unbroken = badge(1, last_name="X" * 60, organisation="Organisation" * 12)
    for b in (long_one, unbroken):
        qx0, qy0, qx1, qy1 = _qr_box(spec)
        drawn = ""
        for x, y, text, font, size in _strings(b, spec):
            right = x + stringWidth(text, font, size)
            assert pad - 0.01 <= x and right <= w - pad + 0.01, (text, size)
            assert y - 0.25 * size >= 0 and y + size <= h, (text, size)
            beside_qr = qy0 - 0.25 * size < y + size and y - 0.25 * size < qy1
            assert not (beside_qr and right > qx0 and x < qx1), f"{text!r} runs into the QR code"
            drawn += text
        for part in (b.organisation, b.function):
            assert part.replace(" ", "") in drawn.replace(" ", ""), f"{part!r} was cut"
        # A name too long for the readable floor is cut with « … », never made unreadable.
        for part in (b.first_name, b.last_name.upper()):
            whole = part.replace(" ", "") in drawn.replace(" ", "")
            assert whole or "…" in drawn, f"{part!r} was cut without « … »"


def test_a_long_name_wraps_on_two_lines_before_it_shrinks() -> None:
    spec = LAYOUTS["a4-8"]
    largest = spec.style.name[0]
    b = badge(0, first_name="Cheikh Ahmadou Bamba", last_name="Mbacké", organisation="RADDHO")
    lines = _name_lines(b, spec)
    assert [text for text, _size in lines] == ["Cheikh Ahmadou", "Bamba", "MBACKÉ"]
    (size,) = {size for _text, size in lines}
    # Larger than the first name on one line could be: it wrapped rather than shrank.
    _regular, bold = register_fonts()
    qx0 = _qr_box(spec)[0]
    one_line = (qx0 - 0.5 * mm - spec.style.pad) / stringWidth("Cheikh Ahmadou Bamba", bold, 1)
    assert size > one_line * 1.3 and size <= largest
    # A hyphenated name breaks after a hyphen, the hyphen kept.
    b = badge(0, first_name="Ndèye Fatou", last_name="Ndiaye-Mbaye-Diop")
    assert [text for text, _size in _name_lines(b, spec)] == [
        "Ndèye Fatou",
        "NDIAYE-",
        "MBAYE-DIOP",
    ]
    # A short name stays on its lines at the largest size.
    assert _name_lines(badge(0, first_name="Awa", last_name="Mbaye"), spec) == [
        ("Awa", largest),
        ("MBAYE", largest),
    ]


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_a_name_never_prints_below_the_readable_floor_then_is_cut(layout: str) -> None:
    spec = LAYOUTS[layout]
    floor = spec.style.name[1]
    assert floor >= READABLE_NAME
    for first, last in (("Awa", "X" * 60), (LONG_NAME[0] * 2, LONG_NAME[1] * 2)):
        b = badge(0, first_name=first, last_name=last, organisation=LONG_ORGANISATION)
        strings = _strings(b, spec)
        name = [(text, size) for _x, _y, text, font, size in strings if size == floor]
        assert name, "the name was not drawn at the readable floor"
        texts = [text for text, _size in name]
        assert any(text.endswith("…") for text in texts), texts
        assert all(
            size >= floor
            for _x, _y, text, font, size in strings
            if font.endswith("Bold") and text in texts
        )
        assert len(texts) <= 4  # two lines at most for each part of the name
        # Each part is cut at its end: its first line is the start of the first or last name.
        assert first.startswith(texts[0].rstrip("…"))
        assert any(last.upper().startswith(text.rstrip("…")) for text in texts[1:])


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_words_in_the_pdf_stay_inside_their_badge(tmp_path: Path, layout: str) -> None:
    needs("pdftotext")
    spec = LAYOUTS[layout]
    badges = [
        badge(0, first_name=LONG_NAME[0], last_name=LONG_NAME[1], organisation=LONG_ORGANISATION),
        badge(1, first_name=ARABIC, last_name="بن محمد الأمين", organisation="سفارة " * 12),
        *many(5),
    ]
    path = tmp_path / "badges.pdf"
    write_badges(path, badges, layout)
    out = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    root = ET.fromstring(out)
    ns = {"x": "http://www.w3.org/1999/xhtml"}
    w, h = spec.badge
    page_h = spec.page[1]
    cells = [(x, page_h - y - h) for x, y in spec.cells()]  # top-left corners, y downwards
    words = 0
    for page in root.iterfind(".//x:page", ns):
        for word in page.iterfind("x:word", ns):
            x0, y0, x1, y1 = (float(word.get(k, "0")) for k in ("xMin", "yMin", "xMax", "yMax"))
            cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
            cell = next(c for c in cells if c[0] <= cx <= c[0] + w and c[1] <= cy <= c[1] + h)
            assert cell[0] + spec.style.pad - 0.5 <= x0 and x1 <= cell[0] + w - spec.style.pad + 0.5
            assert cell[1] <= y0 and y1 <= cell[1] + h, word.text
            words += 1
    assert words > 100
    assert LONG_ORGANISATION.split()[-1] in text_of(path)


def test_fit_text_shrinks_then_wraps_on_two_lines() -> None:
    regular, bold = register_fonts()
    width, height = 60 * mm, 20 * mm
    short = fit_text(["Awa"], bold, width, height, 20, 11)
    assert short.lines == ("Awa",) and short.size == 20
    medium = fit_text(["Mamadou Lamine Seydou"], bold, width, height, 20, 11, wrap_gain=math.inf)
    assert len(medium.lines) == 1 and 11 <= medium.size < 20
    assert stringWidth(medium.lines[0], bold, medium.size) <= width
    # By default two lines are preferred when they print markedly larger than one.
    larger = fit_text(["Mamadou Lamine Seydou"], bold, width, height, 20, 11)
    assert len(larger.lines) == 2 and larger.size >= 1.25 * medium.size
    assert " ".join(larger.lines) == "Mamadou Lamine Seydou" and larger.height <= height
    assert all(stringWidth(line, bold, larger.size) <= width for line in larger.lines)
    long = fit_text([LONG_ORGANISATION], regular, width, height, 10, 8)
    assert len(long.lines) == 2 and long.height <= height
    assert " ".join(long.lines) == LONG_ORGANISATION
    assert all(stringWidth(line, regular, long.size) <= width for line in long.lines)
    one_word = fit_text(["X" * 80], bold, width, height, 20, 11)
    assert "".join(one_word.lines) == "X" * 80
    assert all(stringWidth(line, bold, one_word.size) <= width for line in one_word.lines)


def test_progress_is_reported_for_each_badge(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    write_badges(tmp_path / "b.pdf", many(10), "a4-8", progress=lambda d, t: seen.append((d, t)))
    assert seen == [(i, 10) for i in range(1, 11)]


def test_a_failure_midway_leaves_the_previous_file_and_no_partial_one(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    path = folder / "badges.pdf"
    path.write_bytes(b"previous badges")

    def crash(done: int, total: int) -> None:
        if done == 5:
            raise RuntimeError("power cut")

    with pytest.raises(RuntimeError):
        write_badges(path, many(10), "a4-8", progress=crash)
    assert path.read_bytes() == b"previous badges"
    assert [p.name for p in folder.iterdir()] == ["badges.pdf"]
    write_badges(path, many(3), "cr80")
    assert len(PdfReader(path).pages) == 3
    assert [p.name for p in folder.iterdir()] == ["badges.pdf"]


def test_unknown_layout_and_empty_list_are_refused(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(ValueError, match="layout"):
        write_badges(folder / "b.pdf", many(1), "letter-6")
    with pytest.raises(ValueError):
        write_badges(folder / "b.pdf", [], "a4-8")
    assert not list(folder.iterdir())
