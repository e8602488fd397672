"""The check-in desk driven as a desk agent and a USB scanner would: keys, Enter, shortcuts."""

from __future__ import annotations

import sys
import wave
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QStackedWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from facilitator.store.checkin import ALREADY, CHECKED_IN, REJECTED
from facilitator.store.database import Database
from facilitator.store.models import CheckIn, Participant
from facilitator.store.participants import ParticipantInput, add_participant, list_participants
from facilitator.store.workshops import find_workshop
from facilitator.ui.context import AppContext
from facilitator.ui.desk import camera, printing, sounds
from facilitator.ui.desk.names import MAX_SHOWN, NameMatchModel
from facilitator.ui.desk.screen import DeskScreen
from facilitator.ui.participants.model import ParticipantFilter, matching_rows
from tests.ui.desk_helpers import close_desk, desk_context
from tests.ui.keyboard import type_text

MIGRATION = "migration-circulaire-dakar-2025"  # no check-ins in the demo
M4SD = "m4sd-cloture-thies-2023"

# CONTRACT.md: what a US-QWERTY scanner's keystrokes become on a French AZERTY machine.
_QWERTY = "aqzwAQZWmM1234567890-./_"
_AZERTY = "qawzQAWZ,?&é\"'(-è_çà):!°"
AZERTY = str.maketrans(_QWERTY, _AZERTY)


@pytest.fixture
def context(demo_db: Database) -> AppContext:
    return desk_context(demo_db)  # and today's date question answered: recorded as asked


class Sounds:
    """Records which sound the desk asked for instead of playing it."""

    def __init__(self) -> None:
        self.played: list[str] = []

    def play(self, kind: str) -> None:
        self.played.append(kind)


class PrintCalls:
    def __init__(self) -> None:
        self.calls: list[list[int]] = []

    def __call__(self, printing: object, ids: list[int]) -> None:
        self.calls.append(list(ids))


@pytest.fixture
def played() -> Sounds:
    return Sounds()


@pytest.fixture
def printed(monkeypatch: pytest.MonkeyPatch) -> PrintCalls:
    calls = PrintCalls()

    def badge_for(desk_printing: object, ids: list[int]) -> None:
        calls(desk_printing, ids)

    monkeypatch.setattr(printing.DeskPrinting, "badge_for", badge_for)
    return calls


@pytest.fixture
def screen(
    qtbot: QtBot,
    context: AppContext,
    played: Sounds,
    printed: PrintCalls,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[DeskScreen]:
    widget = DeskScreen(context)
    monkeypatch.setattr(widget.sounds, "play", played.play)
    qtbot.addWidget(widget)
    widget.resize(1280, 720)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    assert widget.controller.wait_idle()
    yield widget
    close_desk(widget)


def participants(context: AppContext, slug: str = MIGRATION) -> list:  # type: ignore[type-arg]
    workshop_id = context.read(lambda s: find_workshop(s, slug).id)
    return context.read(lambda s: list_participants(s, workshop_id))


def checkins_of(context: AppContext, participant_id: int) -> int:
    return context.read(
        lambda s: s.scalar(
            select(func.count())
            .select_from(CheckIn)
            .where(CheckIn.participant_id == participant_id)
        )
    )


def all_checkins(context: AppContext) -> int:
    return context.read(
        lambda s: s.scalar(
            select(func.count())
            .select_from(CheckIn)
            .join(Participant, Participant.id == CheckIn.participant_id)
            .where(Participant.workshop_id == context.workshop_id)
        )
    )


def scan_keys(qtbot: QtBot, screen: DeskScreen, text: str) -> None:
    """What a USB scanner does: keystrokes into whatever has the focus, then Enter."""
    target = QApplication.focusWidget()
    assert target is screen.scan
    type_text(qtbot, target, text)
    qtbot.keyClick(target, Qt.Key.Key_Return)


def test_scan_field_has_the_focus_whenever_the_screen_is_shown(
    qtbot: QtBot, context: AppContext
) -> None:
    window = QStackedWidget()
    qtbot.addWidget(window)
    other = QLineEdit()
    desk = DeskScreen(context)
    window.addWidget(other)
    window.addWidget(desk)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    other.setFocus()
    qtbot.waitUntil(other.hasFocus)
    window.setCurrentWidget(desk)  # what Ctrl+1 does in the main window
    qtbot.waitUntil(desk.scan.hasFocus)
    assert desk.scan.objectName() == "scan"
    window.setCurrentWidget(other)
    other.setFocus()
    window.setCurrentWidget(desk)
    qtbot.waitUntil(desk.scan.hasFocus)
    assert desk.controller.wait_idle()
    desk.controller.shutdown()


def test_scanner_keystrokes_and_enter_check_in_green(
    qtbot: QtBot, screen: DeskScreen, context: AppContext, played: Sounds
) -> None:
    person = participants(context)[5]
    seen_in_db: list[int] = []

    def panel_changed(_state: str) -> None:  # the panel must not change before the commit
        seen_in_db.append(checkins_of(context, person.id))

    screen.panel.shown.connect(panel_changed)
    qtbot.waitUntil(screen.scan.hasFocus)
    scan_keys(qtbot, screen, person.badge)

    assert seen_in_db == [1]
    assert screen.panel.state == CHECKED_IN
    assert screen.panel.word.text() == "Bienvenue"
    assert screen.panel.name.text() == person.full_name
    assert screen.panel.organisation.text() == person.organisation
    assert screen.panel.name.font().pointSize() >= 28
    assert screen.scan.text() == ""
    assert screen.scan.hasFocus()
    assert played.played == [CHECKED_IN]
    desk = context.read(
        lambda s: s.scalar(select(CheckIn.desk).where(CheckIn.participant_id == person.id))
    )
    assert desk == "Poste 1"


def test_the_same_badge_again_is_orange_and_says_when(
    qtbot: QtBot, screen: DeskScreen, context: AppContext, played: Sounds
) -> None:
    person = participants(context)[7]
    scan_keys(qtbot, screen, person.badge)
    scan_keys(qtbot, screen, person.badge)
    assert screen.panel.state == ALREADY
    assert screen.panel.word.text() == "Déjà enregistré(e)"
    assert "déjà" in screen.panel.detail.text().lower()
    assert "(Poste 1)" in screen.panel.detail.text()
    assert screen.panel.name.text() == person.full_name
    assert checkins_of(context, person.id) == 1
    assert played.played == [CHECKED_IN, ALREADY]


def test_a_badge_typed_through_azerty_checks_in(
    qtbot: QtBot, screen: DeskScreen, context: AppContext
) -> None:
    person = participants(context)[2]
    transposed = person.badge.translate(AZERTY)
    assert transposed != person.badge
    scan_keys(qtbot, screen, transposed)
    assert screen.panel.state == CHECKED_IN
    assert checkins_of(context, person.id) == 1


def test_forged_and_foreign_badges_are_red_and_check_nobody_in(
    qtbot: QtBot, screen: DeskScreen, context: AppContext, played: Sounds
) -> None:
    badge = participants(context)[0].badge
    forged = badge[:-3] + ("AAA" if not badge.endswith("AAA") else "BBB")
    scan_keys(qtbot, screen, forged)
    assert screen.panel.state == REJECTED
    assert screen.panel.word.text() == "Refusé"
    assert screen.panel.detail.text()

    other = participants(context, M4SD)[0]
    other_title = context.read(lambda s: find_workshop(s, M4SD).title)
    scan_keys(qtbot, screen, other.badge)
    assert screen.panel.state == REJECTED
    assert other_title in screen.panel.detail.text()

    for garbage in ("hello", "F1-", "   ", "DROP TABLE participants;"):
        screen.scan.setText(garbage)
        qtbot.keyClick(screen.scan, Qt.Key.Key_Return)
    assert all_checkins(context) == 0
    assert checkins_of(context, other.id) == context.read(
        lambda s: s.scalar(
            select(func.count()).select_from(CheckIn).where(CheckIn.participant_id == other.id)
        )
    )
    assert played.played[:2] == [REJECTED, REJECTED]


def test_undo_the_last_check_in_with_ctrl_z(
    qtbot: QtBot, screen: DeskScreen, context: AppContext
) -> None:
    first, second = participants(context)[10:12]
    scan_keys(qtbot, screen, first.badge)
    scan_keys(qtbot, screen, second.badge)
    assert screen.undo_button.isEnabled()
    qtbot.keyClick(screen.scan, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert checkins_of(context, second.id) == 0
    assert checkins_of(context, first.id) == 1
    assert screen.panel.word.text() == "Arrivée annulée"
    assert screen.panel.name.text() == second.full_name
    assert screen.scan.hasFocus()
    qtbot.mouseClick(screen.undo_button, Qt.MouseButton.LeftButton)
    assert checkins_of(context, first.id) == 0
    assert not screen.undo_button.isEnabled()
    qtbot.keyClick(screen.scan, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert screen.panel.word.text() == "Rien à annuler"
    assert screen.scan.hasFocus()


def test_find_by_name_then_enter_checks_in_the_first_match(
    qtbot: QtBot, screen: DeskScreen, context: AppContext
) -> None:
    added = context.write(
        "participants",
        lambda s: (
            add_participant(
                s,
                context.workshop_id,  # type: ignore[arg-type]
                ParticipantInput(first_name="Aïssatou", last_name="N'DIAYE", organisation="OIM"),
            ).id
        ),
    )
    assert screen.controller.wait_idle()
    qtbot.mouseClick(screen.name_search, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(screen.name_search, "ndiaye")
    names = [
        screen.controller.names.view_at(i) for i in range(screen.name_results.model().rowCount())
    ]
    assert added in [view.id for view in names]
    assert len(names) == 4
    assert screen.match_info.text() == "4 résultats"
    qtbot.keyClick(screen.name_search, Qt.Key.Key_Return)
    assert checkins_of(context, names[0].id) == 1
    assert screen.panel.state == CHECKED_IN
    assert screen.panel.name.text() == names[0].full_name
    assert screen.name_search.text() == ""
    assert screen.scan.hasFocus()

    # Arrows move in the list without leaving the search field; accents and case do not matter.
    screen.name_search.setFocus()
    type_text(qtbot, screen.name_search, "aïssatou n'diaye")
    assert screen.controller.names.view_at(0).id == added
    qtbot.keyClick(screen.name_search, Qt.Key.Key_Return)
    assert checkins_of(context, added) == 1


def test_arrows_or_a_double_click_pick_someone_else_in_the_list(
    qtbot: QtBot, screen: DeskScreen, context: AppContext
) -> None:
    names = screen.controller.names
    screen.name_search.setFocus()
    qtbot.keyClicks(screen.name_search, "ndiaye")
    qtbot.keyClick(screen.name_search, Qt.Key.Key_Down)
    assert screen.name_results.currentIndex().row() == 1
    assert screen.name_search.hasFocus()
    second = names.view_at(1)
    qtbot.keyClick(screen.name_search, Qt.Key.Key_Return)
    assert checkins_of(context, second.id) == 1

    screen.name_search.setFocus()
    qtbot.keyClicks(screen.name_search, "ndiaye")
    shown = [names.data(names.index(i)) for i in range(names.rowCount())]
    assert [("arrivé(e) à" in text) for text in shown] == [
        names.view_at(i).id == second.id for i in range(names.rowCount())
    ]
    third = names.view_at(2)
    rect = screen.name_results.visualRect(names.index(2))
    # QTest sends the double-click event alone; a real mouse presses first.
    qtbot.mouseClick(screen.name_results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(screen.name_results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert checkins_of(context, third.id) == 1
    assert screen.scan.hasFocus()


def test_walk_in_is_added_checked_in_and_badged_in_one_step(
    qtbot: QtBot, screen: DeskScreen, context: AppContext, printed: PrintCalls
) -> None:
    qtbot.keyClick(screen.scan, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = screen.walk_in_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    type_text(qtbot, dialog.first_name, "Ndèye Coumba")
    type_text(qtbot, dialog.last_name, "Sène")
    qtbot.keyClicks(dialog.organisation, "Association des femmes de Pikine")
    dialog.type_combo.setCurrentIndex(2)
    dialog.gender.setCurrentIndex(dialog.gender.findData("F"))
    qtbot.keyClicks(dialog.phone, "77 123 45 67")
    qtbot.keyClick(dialog.phone, Qt.Key.Key_Return)

    person = context.read(
        lambda s: s.scalars(
            select(Participant).where(
                Participant.last_name == "Sène", Participant.first_name == "Ndèye Coumba"
            )
        ).one()
    )
    assert person.walk_in is True
    assert person.gender == "F"
    assert checkins_of(context, person.id) == 1
    assert screen.panel.state == CHECKED_IN
    assert screen.panel.name.text() == "Ndèye Coumba Sène"
    assert printed.calls == [[person.id]]
    qtbot.waitUntil(lambda: screen.walk_in_dialog is None)
    assert screen.controller.wait_idle()
    assert screen.counts.total.text() == "1 / 81"


def test_a_walk_in_without_a_name_is_refused_in_the_form(
    qtbot: QtBot, screen: DeskScreen, context: AppContext
) -> None:
    qtbot.mouseClick(screen.walk_in_button, Qt.MouseButton.LeftButton)
    dialog = screen.walk_in_dialog
    assert dialog is not None
    qtbot.keyClick(dialog.first_name, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.error.isVisible()
    dialog.reject()


def test_counts_follow_check_ins_undo_and_other_screens(
    qtbot: QtBot, screen: DeskScreen, context: AppContext
) -> None:
    assert screen.counts.total.text() == "0 / 80"
    people = participants(context)
    women = [p for p in people if p.gender == "F"]
    scan_keys(qtbot, screen, women[0].badge)
    assert screen.counts.total.text() == "1 / 80"
    details = screen.counts.details.text()
    assert women[0].category in details
    assert "Femmes" in details
    qtbot.keyClick(screen.scan, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert screen.counts.total.text() == "0 / 80"

    # Another desk or screen records an arrival: the desk hears it and recounts.
    from facilitator.store.checkin import check_in

    check_in(context.db, context.workshop_id, people[20].id, "Poste 2")  # type: ignore[arg-type]
    context.data_changed.emit("checkins")
    assert screen.controller.wait_idle()
    assert screen.counts.total.text() == "1 / 80"


def test_each_outcome_announces_checkins_to_other_screens(
    qtbot: QtBot, screen: DeskScreen, context: AppContext
) -> None:
    areas: list[str] = []
    context.data_changed.connect(areas.append)
    person = participants(context)[3]
    scan_keys(qtbot, screen, person.badge)
    scan_keys(qtbot, screen, person.badge)  # « already »: nothing changed
    qtbot.keyClick(screen.scan, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert areas == ["checkins", "checkins"]


def test_sound_switch_and_desk_name_are_remembered(
    qtbot: QtBot, screen: DeskScreen, context: AppContext, played: Sounds
) -> None:
    screen.desk_name.setFocus()
    screen.desk_name.selectAll()
    type_text(qtbot, screen.desk_name, "Entrée B")
    qtbot.keyClick(screen.desk_name, Qt.Key.Key_Return)
    assert screen.scan.hasFocus()
    qtbot.mouseClick(screen.sound_box, Qt.MouseButton.LeftButton)
    assert not screen.sounds.enabled
    assert screen.scan.hasFocus()  # the checkbox never takes the focus
    person = participants(context)[4]
    scan_keys(qtbot, screen, person.badge)
    assert "Entrée B" in screen.panel.detail.text()
    again = DeskScreen(context)
    qtbot.addWidget(again)
    assert again.desk_name.text() == "Entrée B"
    assert not again.sound_box.isChecked()
    again.controller.shutdown()


def test_the_three_sounds_are_distinct_short_wav_tones() -> None:
    files = sounds.tone_files()
    assert set(files) == {CHECKED_IN, ALREADY, REJECTED}
    contents = set()
    for path in files.values():
        with wave.open(str(path)) as wav:
            assert wav.getnchannels() == 1
            seconds = wav.getnframes() / wav.getframerate()
            assert 0.1 < seconds < 1.0
        contents.add(Path(path).read_bytes())
    assert len(contents) == 3


def test_the_player_falls_back_to_a_beep(monkeypatch: pytest.MonkeyPatch, qapp: object) -> None:
    beeps: list[bool] = []
    monkeypatch.setattr(sounds, "_system_player", lambda: None)
    monkeypatch.setattr(sounds.QApplication, "beep", lambda: beeps.append(True))
    player = sounds.SoundPlayer()
    if player.backend == "qt":
        pytest.skip("QtMultimedia is installed: sounds go through QSoundEffect")
    if player.backend == "winsound":
        pytest.skip("Windows plays sounds with winsound")
    player.play(CHECKED_IN)
    player.enabled = False
    player.play(REJECTED)
    assert beeps == [True]


def test_camera_button_says_what_to_do_without_an_install_command(
    qtbot: QtBot, screen: DeskScreen
) -> None:
    if camera.camera_unavailable_reason() is None:
        pytest.skip("the camera extra is installed")
    for text in (screen.camera_button.toolTip(), screen.panel.detail.text()):
        assert "pip" not in text
    qtbot.mouseClick(screen.camera_button, Qt.MouseButton.LeftButton)
    assert screen.panel.word.text() == "Caméra indisponible"
    detail = screen.panel.detail.text()
    assert "pip" not in detail and "facilitator[camera]" not in detail
    assert "lecteur de badges" in detail  # what to do instead, in the desk's words
    assert screen.scan.hasFocus()


def test_the_camera_reads_the_same_badge_once_per_three_seconds() -> None:
    repeats = camera.RepeatFilter()
    assert repeats.accept("F1-AAA", now=100.0)
    assert not repeats.accept("F1-AAA", now=101.0)
    assert repeats.accept("F1-BBB", now=101.5)
    assert not repeats.accept("F1-AAA", now=103.5)  # still in view: not read again
    assert repeats.accept("F1-AAA", now=107.0)


def test_a_badge_scanned_into_the_name_field_still_checks_in(
    qtbot: QtBot, screen: DeskScreen, context: AppContext
) -> None:
    person = participants(context)[9]
    screen.name_search.setFocus()
    qtbot.keyClicks(screen.name_search, person.badge)
    qtbot.keyClick(screen.name_search, Qt.Key.Key_Return)
    assert checkins_of(context, person.id) == 1
    assert screen.scan.hasFocus()


def test_reprint_prints_the_badge_of_the_person_found(
    qtbot: QtBot, screen: DeskScreen, printed: PrintCalls
) -> None:
    screen.name_search.setFocus()
    qtbot.keyClicks(screen.name_search, "ndiaye")
    first = screen.controller.names.view_at(0)
    qtbot.mouseClick(screen.reprint_button, Qt.MouseButton.LeftButton)
    assert printed.calls == [[first.id]]
    assert screen.scan.hasFocus()


def test_name_search_narrows_and_caches_like_a_fresh_search(context: AppContext) -> None:
    rows = participants(context) + participants(context, M4SD)
    model = NameMatchModel()
    model.set_rows(rows)
    for typed in (
        "n",
        "nd",
        "ndi",
        "ndiaye",
        "ndiaye f",
        "ndiaye fa",
        "ndiaye",
        "nd",
        "",
        "sow",
        "s",
    ):
        model.set_text(typed)
        wanted = matching_rows(rows, ParticipantFilter(text=typed)) if typed.strip() else []
        assert model.match_count == len(wanted), typed
        shown = [model.view_at(i).id for i in range(model.rowCount())]
        assert shown == [rows[i].id for i in wanted[:MAX_SHOWN]], typed


class _FakeCameraModules:
    """Stand-ins for QtMultimedia and zxing-cpp: the camera path runs without a camera."""

    def __init__(self, payload: str) -> None:
        from PySide6.QtCore import QObject, Signal
        from PySide6.QtWidgets import QWidget

        class Sink(QObject):
            videoFrameChanged = Signal(object)  # noqa: N815 - Qt's name

        class VideoWidget(QWidget):
            def __init__(self, parent: QWidget | None = None) -> None:
                super().__init__(parent)
                self.sink = Sink()

            def videoSink(self) -> Sink:  # noqa: N802
                return self.sink

        class Camera(QObject):
            errorOccurred = Signal(object, str)  # noqa: N815
            started = 0

            def __init__(self, device: object, parent: QObject | None = None) -> None:
                super().__init__(parent)

            def start(self) -> None:
                Camera.started += 1

            def stop(self) -> None:
                pass

        class Session(QObject):
            def setCamera(self, camera: object) -> None:  # noqa: N802
                pass

            def setVideoOutput(self, output: object) -> None:  # noqa: N802
                pass

        class Device:
            def isNull(self) -> bool:  # noqa: N802
                return False

        class Devices:
            @staticmethod
            def defaultVideoInput() -> Device:  # noqa: N802
                return Device()

        class Barcode:
            def __init__(self, text: str) -> None:
                self.text = text

        def module(name: str, **attributes: object) -> object:
            import importlib.machinery
            import types

            made = types.ModuleType(name)
            made.__spec__ = importlib.machinery.ModuleSpec(name, None)
            made.__dict__.update(attributes)
            return made

        self.reads: list[object] = []

        def read_barcodes(image: object, formats: object = None) -> list[Barcode]:
            self.reads.append(image)
            return [Barcode(payload)]

        self.camera = Camera
        self.modules = {
            "PySide6.QtMultimedia": module(
                "PySide6.QtMultimedia",
                QCamera=Camera,
                QMediaCaptureSession=Session,
                QMediaDevices=Devices,
            ),
            "PySide6.QtMultimediaWidgets": module(
                "PySide6.QtMultimediaWidgets", QVideoWidget=VideoWidget
            ),
            "zxingcpp": module(
                "zxingcpp",
                read_barcodes=read_barcodes,
                ImageView=lambda data, width, height, fmt, stride: (width, height, stride),
                ImageFormat=type("ImageFormat", (), {"Lum": 0}),
                BarcodeFormat=type("BarcodeFormat", (), {"QRCode": 1}),
            ),
        }


def test_a_badge_shown_to_the_camera_checks_in_once(
    qtbot: QtBot, screen: DeskScreen, context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtGui import QColor, QImage

    person = participants(context)[15]
    fakes = _FakeCameraModules(person.badge)
    for name, module in fakes.modules.items():
        monkeypatch.setitem(sys.modules, name, module)
    assert camera.camera_unavailable_reason() is None
    qtbot.mouseClick(screen.camera_button, Qt.MouseButton.LeftButton)
    view = screen.camera_view
    assert view is not None and fakes.camera.started == 1
    assert screen.scan.hasFocus()

    picture = QImage(64, 48, QImage.Format.Format_RGB32)
    picture.fill(QColor("white"))
    frame = type("Frame", (), {"toImage": lambda self: picture})()
    sink = view.video.videoSink()
    sink.videoFrameChanged.emit(frame)
    qtbot.waitUntil(lambda: screen.panel.state == CHECKED_IN)
    assert checkins_of(context, person.id) == 1
    view._last_decode = 0.0  # the next frame, 0.2 s later: the same badge still in view
    sink.videoFrameChanged.emit(frame)
    qtbot.waitUntil(lambda: len(fakes.reads) == 2)
    qtbot.wait(50)
    assert screen.panel.state == CHECKED_IN  # not « already »: read once per 3 s
    qtbot.mouseClick(screen.camera_button, Qt.MouseButton.LeftButton)
    assert not view.isVisible()
    view.close()


def test_a_badge_scanned_into_the_walk_in_form_registers_nobody(
    qtbot: QtBot, demo_db: Database
) -> None:
    from sqlalchemy import func, select

    from facilitator.store.models import Participant
    from facilitator.ui.desk.walkin import WalkInDialog

    context = AppContext(demo_db)
    workshop_id = context.read(lambda s: find_workshop(s, "migration-circulaire-dakar-2025").id)
    context.set_workshop(workshop_id)
    badge = context.read(lambda s: list_participants(s, workshop_id)[0].badge)
    count = context.read(lambda s: s.scalar(select(func.count()).select_from(Participant)))
    dialog = WalkInDialog(context, workshop_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.first_name, badge)
    dialog.save()
    assert dialog.saved_id is None
    assert "badge" in dialog.error.text()
    assert context.read(lambda s: s.scalar(select(func.count()).select_from(Participant))) == count
