"""The synthesis screen (Ctrl+5): sections, contacts and language shape the preview and exports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QCheckBox, QFileDialog
from pytestqt.qtbot import QtBot

from facilitator.store.database import Database
from facilitator.store.participants import list_participants
from facilitator.store.workshops import WorkshopDetails, create_workshop, find_workshop
from facilitator.ui.context import AppContext
from facilitator.ui.main_window import MainWindow
from facilitator.ui.synthesis.controller import reports_folder
from facilitator.ui.synthesis.screen import DEBOUNCE_MS, SynthesisScreen
from facilitator.ui.widgets import tasks

M4SD = "m4sd-cloture-thies-2023"
TITLE = "Atelier de clôture du Programme M4SD (Phase III) au niveau national"
ERROR_COLOUR = "#B00020"


class Opened(list[Path]):
    """Records the files the screen asked the system to open."""

    def __call__(self, path: Path) -> None:
        self.append(path)


@pytest.fixture(autouse=True)
def no_thread_left() -> Iterator[None]:
    yield
    tasks.wait_for_running_tasks(10_000)
    assert not tasks._running


@pytest.fixture
def context(demo_db: Database) -> AppContext:
    ctx = AppContext(demo_db)
    ctx.set_workshop(ctx.read(lambda s: find_workshop(s, M4SD).id))
    return ctx


@pytest.fixture
def opened() -> Opened:
    return Opened()


@pytest.fixture
def screen(qtbot: QtBot, context: AppContext, opened: Opened) -> SynthesisScreen:
    widget = SynthesisScreen(context, opener=opened)
    qtbot.addWidget(widget)
    widget.resize(1280, 760)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def save_as(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[str]:
    """The file dialog answers `path`; returns the default names it was offered."""
    offered: list[str] = []

    def answer(_parent: object, _title: str, default: str, _filters: str) -> tuple[str, str]:
        offered.append(default)
        return str(path), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(answer))
    return offered


def click(qtbot: QtBot, box: QCheckBox) -> None:
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def text_of(screen: SynthesisScreen) -> str:
    """The preview's text, its non-breaking spaces as plain ones (Qt gives either)."""
    return screen.browser.toPlainText().replace("\u00a0", " ")


def contacts_of(context: AppContext) -> tuple[list[str], list[str]]:
    workshop_id = context.workshop_id
    assert workshop_id is not None
    people = context.read(lambda s: list_participants(s, workshop_id))
    return [p.email for p in people if p.email], [p.phone for p in people if p.phone]


def wait_done(qtbot: QtBot, screen: SynthesisScreen) -> None:
    assert screen.task is not None
    qtbot.waitUntil(lambda: screen.task is not None and screen.task.done, timeout=20_000)


def test_the_demo_preview_shows_the_title_the_sections_and_the_kept_recommendations(
    screen: SynthesisScreen,
) -> None:
    text = text_of(screen)
    assert TITLE in text and "Rapport de synthèse" in text
    for title in (
        "1. Contexte, objectifs et résultats attendus",
        "2. Participation",
        "5. Restitutions des groupes",
        "6. Recommandations consolidées",
        "7. Annexe : liste des participants",
    ):
        assert title in text
    assert screen.preview is not None
    kept = [r for r in screen.preview.snapshot.recommendations if r.kept]
    assert len(kept) == 10
    for row in kept:
        assert " ".join(row.text.split())[:60] in " ".join(text.split())
    # Every section has data in the demo: all ticked and enabled, in French.
    for key, box in screen.section_boxes.items():
        assert box.isEnabled() and box.isChecked(), key
        assert "aucune donnée" not in box.text()
    assert screen.section_boxes["agenda"].text() == "Programme et déroulé"
    assert not screen.contacts.isChecked()
    assert screen.language.currentText() == "Français"
    assert screen.export_buttons[".pdf"].text() == "Exporter en PDF…"


def test_unticking_a_section_removes_it_from_the_preview(
    qtbot: QtBot, screen: SynthesisScreen
) -> None:
    box = screen.section_boxes["recommendations"]
    assert box.text() == "Recommandations consolidées"
    click(qtbot, box)
    assert not box.isChecked()
    text = text_of(screen)
    assert "Recommandations consolidées" not in text
    assert "6. Annexe : liste des participants" in text  # the next one takes its number
    click(qtbot, box)
    assert "6. Recommandations consolidées" in text_of(screen)


def test_contacts_stay_out_of_the_preview_and_exports_unless_ticked(
    qtbot: QtBot,
    screen: SynthesisScreen,
    context: AppContext,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    emails, phones = contacts_of(context)
    assert emails and phones
    assert not any(email in text_of(screen) for email in emails)
    assert not any(phone in text_of(screen) for phone in phones)
    for name in ("sans.md", "sans.xlsx"):
        save_as(monkeypatch, tmp_path / name)
        screen.export(Path(name).suffix)
        wait_done(qtbot, screen)
    markdown = (tmp_path / "sans.md").read_text(encoding="utf-8")
    assert not any(email in markdown for email in emails)
    cells = [
        str(cell)
        for ws in openpyxl.load_workbook(tmp_path / "sans.xlsx").worksheets
        for row in ws.iter_rows(values_only=True)
        for cell in row
        if cell is not None
    ]
    assert not set(emails) & set(cells) and not set(phones) & set(cells)

    click(qtbot, screen.contacts)
    assert screen.contacts.isChecked()
    assert emails[0] in text_of(screen) and phones[0] in text_of(screen)
    for name in ("avec.md", "avec.xlsx"):
        save_as(monkeypatch, tmp_path / name)
        screen.export(Path(name).suffix)
        wait_done(qtbot, screen)
    assert emails[0] in (tmp_path / "avec.md").read_text(encoding="utf-8")
    cells = [
        str(cell)
        for ws in openpyxl.load_workbook(tmp_path / "avec.xlsx").worksheets
        for row in ws.iter_rows(values_only=True)
        for cell in row
        if cell is not None
    ]
    assert emails[0] in cells


def test_the_pdf_button_writes_the_report_in_the_background_and_opens_it(
    qtbot: QtBot,
    screen: SynthesisScreen,
    opened: Opened,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    out = tmp_path / "rapport"  # no suffix: the screen adds it
    offered = save_as(monkeypatch, out)
    ticks: list[int] = []
    timer = QTimer(screen, interval=20)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    qtbot.mouseClick(screen.export_buttons[".pdf"], Qt.MouseButton.LeftButton)
    assert offered == [str(reports_folder() / f"{M4SD}-synthese.pdf")]
    # The click returned before the file was written: the work is on another thread.
    assert screen.task is not None and not screen.task.done
    assert not screen.export_buttons[".pdf"].isEnabled()
    wait_done(qtbot, screen)
    timer.stop()
    assert ticks, "the UI thread kept running its timers while the PDF was written"
    pdf = out.with_name("rapport.pdf")
    assert pdf.is_file() and opened == [pdf]
    text = "".join(page.extract_text() or "" for page in PdfReader(pdf).pages)
    assert "M4SD" in text and "Recommandations consolidées" in " ".join(text.split())
    assert screen.message.text() == f"Rapport enregistré\u00a0: {pdf}"
    assert ERROR_COLOUR not in screen.message.styleSheet()
    assert screen.open_folder_button.isVisibleTo(screen)
    assert screen.open_folder_button.text() == "Ouvrir le dossier"
    screen.open_folder_button.click()
    assert opened == [pdf, tmp_path]
    assert screen.export_buttons[".pdf"].isEnabled()


def test_ctrl_e_exports_the_pdf_to_the_reports_folder(
    qtbot: QtBot, screen: SynthesisScreen, opened: Opened, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = reports_folder() / f"{M4SD}-synthese.pdf"
    save_as(monkeypatch, target)
    screen.browser.setFocus()
    qtbot.keyClick(screen.browser, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    wait_done(qtbot, screen)
    assert target.is_file() and opened == [target]  # the missing folder was made


def test_an_unwritable_place_is_said_clearly(
    qtbot: QtBot, screen: SynthesisScreen, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "un-fichier"
    blocker.write_text("x")
    save_as(monkeypatch, blocker / "rapport.docx")
    screen.export(".docx")
    wait_done(qtbot, screen)
    assert ERROR_COLOUR in screen.message.styleSheet()
    assert "Impossible d’écrire" in screen.message.text()
    assert "Rien n’a été écrit" in screen.message.text()
    assert not screen.open_folder_button.isVisibleTo(screen)
    assert screen.export_buttons[".docx"].isEnabled()


def test_english_gives_an_english_preview_and_leaves_the_ui_in_french(
    screen: SynthesisScreen,
) -> None:
    screen.language.setCurrentIndex(screen.language.findData("en"))
    text = text_of(screen)
    assert "Synthesis report" in text and "6. Consolidated recommendations" in text
    assert "Rapport de synthèse" not in text
    assert screen.section_boxes["cover"].text() == "Couverture"
    assert screen.default_path(".md").name == f"{M4SD}-synthesis.md"


def test_the_preview_follows_the_data(
    qtbot: QtBot, screen: SynthesisScreen, context: AppContext
) -> None:
    workshop_id = context.workshop_id
    assert workshop_id is not None

    def rename(session: object) -> None:
        from facilitator.store.models import Workshop

        workshop = session.get(Workshop, workshop_id)  # type: ignore[attr-defined]
        workshop.title = "Atelier renommé"

    context.write("workshops", rename)
    assert "Atelier renommé" not in text_of(screen)  # debounced: bursts cost one rebuild
    qtbot.waitUntil(lambda: "Atelier renommé" in text_of(screen), timeout=10_000)


def test_a_workshop_without_data_offers_only_the_cover(
    qtbot: QtBot, context: AppContext, opened: Opened
) -> None:
    def make(session: object) -> int:
        details = WorkshopDetails("Atelier vide", dt.date(2026, 3, 2), dt.date(2026, 3, 2))
        return create_workshop(session, details).id  # type: ignore[arg-type]

    context.set_workshop(context.write("workshops", make))
    widget = SynthesisScreen(context, opener=opened)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    enabled = [key for key, box in widget.section_boxes.items() if box.isEnabled()]
    assert enabled == ["cover"]
    assert widget.section_boxes["groups"].text() == "Groupes (aucune donnée)"
    assert not widget.section_boxes["groups"].isChecked()
    assert "Atelier vide" in text_of(widget)


def test_ctrl_5_opens_the_synthesis_from_the_main_window(qtbot: QtBot, demo_db: Database) -> None:
    context = AppContext(demo_db)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    context.set_workshop(context.read(lambda s: find_workshop(s, M4SD).id))
    window.activateWindow()  # keys go to the active window only
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert window.current_screen_name() == "synthesis"
    assert window.navigation["synthesis"].isChecked()
    assert window.navigation["synthesis"].text() == "Synthèse"
    assert TITLE in window.synthesis_screen.browser.toPlainText()


def test_without_the_cover_the_preview_has_no_title_as_the_pdf(
    qtbot: QtBot, screen: SynthesisScreen
) -> None:
    assert TITLE in text_of(screen)
    click(qtbot, screen.section_boxes["cover"])
    assert not screen.section_boxes["cover"].isChecked()
    text = text_of(screen)
    assert TITLE not in text and "Rapport de synthèse" not in text
    assert text.lstrip().startswith("Sommaire")
    block = screen.browser.document().begin()
    while block.isValid():
        assert block.blockFormat().headingLevel() != 1, block.text()
        block = block.next()


def test_the_details_of_recommendations_are_slanted_not_underlined_like_links(
    screen: SynthesisScreen,
) -> None:
    underlined: list[str] = []
    slanted: list[str] = []
    block = screen.browser.document().begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            style = fragment.charFormat()
            if style.fontUnderline() and not style.isAnchor():
                underlined.append(fragment.text())
            if style.fontItalic():
                slanted.append(fragment.text())
            fragments += 1
        block = block.next()
    assert underlined == []
    details = [text for text in slanted if text.startswith("(") and "priorité" in text]
    assert len(details) >= 10  # « (Politique · MAESE … · priorité 1) » under each one
    assert any(text.startswith("Rapport établi le") for text in slanted)


def test_an_old_error_goes_but_a_saved_report_stays_until_the_next_export(
    qtbot: QtBot, demo_db: Database, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from facilitator.ui.widgets import print_jobs

    opened: list[Path] = []
    monkeypatch.setattr(print_jobs, "open_file", opened.append)
    context = AppContext(demo_db)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    context.set_workshop(context.read(lambda s: find_workshop(s, M4SD).id))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    screen = window.synthesis_screen

    def go(key: Qt.Key) -> None:
        qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)

    go(Qt.Key.Key_5)
    blocker = tmp_path / "un-fichier"
    blocker.write_text("x")
    save_as(monkeypatch, blocker / "rapport.md")
    screen.export(".md")
    wait_done(qtbot, screen)
    assert screen.message.isVisible() and ERROR_COLOUR in screen.message.styleSheet()
    go(Qt.Key.Key_4)
    assert window.current_screen_name() == "restitutions"
    go(Qt.Key.Key_5)
    assert window.current_screen_name() == "synthesis"
    assert not screen.message.isVisible()  # the failure was old news

    # A failure, then the data changes: the rebuilt preview takes the message away.
    screen.export(".md")
    wait_done(qtbot, screen)
    assert screen.message.isVisible()
    context.data_changed.emit("checkin")
    qtbot.waitUntil(lambda: not screen.message.isVisible(), timeout=10_000)

    out = tmp_path / "rapport.md"
    save_as(monkeypatch, out)
    screen.export(".md")
    wait_done(qtbot, screen)
    assert opened == [out]
    saved = f"Rapport enregistré\u00a0: {out}"
    assert screen.message.text() == saved
    # The data changes after the export: the report stays named, said out of date, once.
    stale = f"{saved}\nLes données ont changé depuis\u00a0: exportez de nouveau pour les inclure."
    go(Qt.Key.Key_4)
    context.data_changed.emit("checkin")
    go(Qt.Key.Key_5)
    assert screen.message.isVisible() and screen.message.text() == stale
    assert screen.open_folder_button.isVisible()
    context.data_changed.emit("checkin")
    qtbot.wait(DEBOUNCE_MS + 100)
    assert screen.message.text() == stale and screen.open_folder_button.isVisible()
    screen.open_folder_button.click()
    assert opened == [out, tmp_path]


def test_markup_typed_in_the_data_shows_as_typed(
    qtbot: QtBot, screen: SynthesisScreen, context: AppContext
) -> None:
    """A surname with « <script> » once blanked the rest of the annex in the preview."""
    from facilitator.store.models import Participant, Recommendation

    typed = "Coût | délai *urgent* _x_ <b>gras</b> [lien](http://exemple.sn)"

    def type_markup(session: object) -> None:
        rec = session.query(Recommendation).order_by(Recommendation.id).first()  # type: ignore[attr-defined]
        rec.text = typed
        person = (
            session.query(Participant)  # type: ignore[attr-defined]
            .filter_by(workshop_id=context.workshop_id, last_name="Ba", first_name="Alassane")
            .one()
        )
        person.last_name = "Ba <script>|x"  # first in the annex, whose rest once went blank

    context.write("recommendations", type_markup)
    qtbot.waitUntil(lambda: "<b>gras</b>" in text_of(screen), timeout=10_000)
    text = text_of(screen)
    assert "Coût | délai *urgent* _x_ <b>gras</b> [lien](http://exemple.sn)" in text
    assert "BA <SCRIPT>|X Alassane" in text
    # The annex goes on after that row, to its last participant.
    assert "THIAM Ousseynou" in text.rsplit("BA <SCRIPT>|X", 1)[1]
