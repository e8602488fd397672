"""Late arrivals at the desk: checked in after the groups were formed, placed in one click."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QBoxLayout
from pytestqt.qtbot import QtBot

from facilitator.store.checkin import ALREADY, CHECKED_IN, REJECTED
from facilitator.store.database import Database
from facilitator.store.group_edits import suggest_group
from facilitator.store.groups import list_rounds, memberships_for
from facilitator.store.participants import ParticipantView, list_participants
from facilitator.store.workshops import find_workshop
from facilitator.ui.context import AppContext
from facilitator.ui.desk import late_arrival
from facilitator.ui.desk.late_arrival import LateArrivalBar, Offer, find_offer
from facilitator.ui.desk.screen import DeskScreen
from tests.ui.desk_helpers import agree_to_today, desk_context
from tests.ui.keyboard import type_text

M4SD = "m4sd-cloture-thies-2023"  # one round of 4 groups, 45 of its 60 people in it
MIGRATION = "migration-circulaire-dakar-2025"  # no round


class Silent:
    def play(self, kind: str) -> None:
        pass


@pytest.fixture
def context(demo_db: Database) -> AppContext:
    return desk_context(demo_db, M4SD)  # today's date question answered: recorded as asked


@pytest.fixture
def screen(
    qtbot: QtBot, context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> Iterator[DeskScreen]:
    widget = DeskScreen(context)
    monkeypatch.setattr(widget.sounds, "play", Silent().play)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    assert widget.controller.wait_idle()
    qtbot.waitUntil(widget.scan.hasFocus)
    yield widget
    widget.controller.wait_idle()
    widget.controller.shutdown()


def people(context: AppContext) -> list[ParticipantView]:
    workshop_id = context.workshop_id
    assert workshop_id is not None
    return context.read(lambda s: list_participants(s, workshop_id))


def latest_round(context: AppContext) -> int:
    return context.read(lambda s: list_rounds(s, context.workshop_id))[-1].id  # type: ignore[arg-type]


def groups_of(context: AppContext, participant_id: int) -> dict[int, int]:
    """round id -> group id."""
    rows = context.read(lambda s: memberships_for(s, context.workshop_id, participant_id))  # type: ignore[arg-type]
    return {m.round_id: m.group_id for m in rows}


def outside_the_round(context: AppContext) -> list[ParticipantView]:
    round_id = latest_round(context)
    return [p for p in people(context) if round_id not in groups_of(context, p.id)]


def scan_keys(qtbot: QtBot, screen: DeskScreen, text: str) -> None:
    """What a USB scanner does: keystrokes into whatever has the focus, then Enter."""
    target = QApplication.focusWidget()
    assert target is screen.scan
    type_text(qtbot, target, text)
    qtbot.keyClick(target, Qt.Key.Key_Return)


def settled(qtbot: QtBot, screen: DeskScreen) -> None:
    qtbot.waitUntil(lambda: not screen.controller.late.busy(), timeout=5_000)


def test_a_late_arrival_is_offered_the_best_group_and_placed_in_one_click(
    qtbot: QtBot, screen: DeskScreen, context: AppContext
) -> None:
    round_id = latest_round(context)
    person = outside_the_round(context)[0]
    expected = context.read(lambda s: suggest_group(s, round_id, person.id))
    announced: list[str] = []
    context.data_changed.connect(announced.append)

    scan_keys(qtbot, screen, person.badge)
    assert screen.panel.state in (CHECKED_IN, ALREADY)
    qtbot.waitUntil(screen.late_bar.isVisible, timeout=5_000)
    button = screen.late_bar.button
    assert button.isVisible()
    assert button.text().startswith(f"Ajouter à «\u00a0{expected.group_name}\u00a0» (Salle ")
    assert "Alt+G" in button.text()
    assert person.full_name in screen.late_bar.message.text()
    assert button.focusPolicy() == Qt.FocusPolicy.NoFocus
    assert screen.scan.hasFocus()

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert groups_of(context, person.id)[round_id] == expected.group_id
    assert screen.late_bar.message.text().startswith(
        f"Place trouvée dans «\u00a0{expected.group_name}\u00a0» ("
    )
    assert not button.isVisible()
    assert "groups" in announced
    assert screen.scan.hasFocus()  # the next badge goes in the scan field


def test_alt_g_places_and_the_next_scan_hides_the_offer(
    qtbot: QtBot, screen: DeskScreen, context: AppContext
) -> None:
    round_id = latest_round(context)
    late, other = outside_the_round(context)[1:3]
    scan_keys(qtbot, screen, late.badge)
    qtbot.waitUntil(screen.late_bar.isVisible, timeout=5_000)
    group_id = context.read(lambda s: suggest_group(s, round_id, late.id)).group_id
    qtbot.keyClick(screen.scan, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)
    assert groups_of(context, late.id)[round_id] == group_id
    assert screen.scan.text() == ""  # Alt+G typed nothing into the scan field
    assert screen.scan.hasFocus()

    assert screen.late_bar.isVisible()  # « Place trouvée dans … »
    visible_when_cleared: list[bool] = []
    screen.controller.late.cleared.connect(
        lambda: visible_when_cleared.append(screen.late_bar.isVisible())
    )
    scan_keys(qtbot, screen, other.badge)  # the next person: the confirmation goes
    assert screen.panel.name.text() == other.full_name
    assert visible_when_cleared[:1] == [False]
    qtbot.waitUntil(screen.late_bar.isVisible, timeout=5_000)  # their own offer
    assert other.full_name in screen.late_bar.message.text()

    scan_keys(qtbot, screen, "not a badge")  # a refused scan hides it
    assert screen.panel.state == REJECTED
    assert not screen.late_bar.isVisible()
    settled(qtbot, screen)
    assert not screen.late_bar.isVisible()
    qtbot.keyClick(screen.scan, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)
    assert round_id not in groups_of(context, other.id)  # no offer: Alt+G does nothing


def test_no_offer_for_someone_already_in_the_latest_round(
    qtbot: QtBot, screen: DeskScreen, context: AppContext
) -> None:
    round_id = latest_round(context)
    member = next(p for p in people(context) if round_id in groups_of(context, p.id))
    scan_keys(qtbot, screen, member.badge)
    assert screen.panel.state in (CHECKED_IN, ALREADY)
    settled(qtbot, screen)
    assert not screen.late_bar.isVisible()


def test_no_offer_without_a_round(qtbot: QtBot, screen: DeskScreen, context: AppContext) -> None:
    context.set_workshop(context.read(lambda s: find_workshop(s, MIGRATION).id))
    agree_to_today(context)
    screen.controller.wait_idle()
    person = people(context)[3]
    scan_keys(qtbot, screen, person.badge)
    assert screen.panel.state == CHECKED_IN
    settled(qtbot, screen)
    assert not screen.late_bar.isVisible()
    assert context.read(lambda s: find_offer(s, context.workshop_id, person.id, "")) is None  # type: ignore[arg-type]


def test_the_offer_is_found_off_the_desks_thread(
    qtbot: QtBot, screen: DeskScreen, context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The search for a group is held until the test lets it go: the scan must be done (the
    # person shown as checked in) while it is still held, and it must run on another thread.
    release = threading.Event()
    threads: list[threading.Thread] = []

    def held_find_offer(*args: object, **kwargs: object) -> object:
        threads.append(threading.current_thread())
        if threading.current_thread() is not threading.main_thread():  # never hang the desk
            release.wait(30)
        return find_offer(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(late_arrival, "find_offer", held_find_offer)
    person = outside_the_round(context)[3]
    try:
        scan_keys(qtbot, screen, person.badge)
        assert screen.panel.state in (CHECKED_IN, ALREADY)
        assert screen.panel.name.text() == person.full_name
        assert not screen.late_bar.isVisible()  # the scan returned before the search was done
        assert screen.controller.late.busy()
        qtbot.waitUntil(lambda: len(threads) == 1, timeout=10_000)
    finally:
        release.set()
    assert threads[0] is not threading.main_thread()
    qtbot.waitUntil(screen.late_bar.isVisible, timeout=10_000)
    assert person.full_name in screen.late_bar.message.text()


def test_undoing_the_arrival_takes_the_person_out_of_the_group_again(
    qtbot: QtBot, screen: DeskScreen, context: AppContext
) -> None:
    round_id = latest_round(context)
    person = next(p for p in outside_the_round(context) if p.checked_in_at is None)
    scan_keys(qtbot, screen, person.badge)
    qtbot.waitUntil(screen.late_bar.isVisible, timeout=5_000)
    qtbot.keyClick(screen.scan, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)
    assert round_id in groups_of(context, person.id)
    screen.controller.undo_last()
    assert round_id not in groups_of(context, person.id)  # not here after all: in no group


def test_the_offer_fits_a_1024_pixel_desk(qtbot: QtBot, context: AppContext) -> None:
    widget = DeskScreen(context)
    widget.sounds.play = Silent().play  # type: ignore[method-assign]
    qtbot.addWidget(widget)
    widget.resize(1024, 768)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    try:
        assert widget.controller.wait_idle()
        qtbot.waitUntil(widget.scan.hasFocus)
        scan_keys(qtbot, widget, outside_the_round(context)[0].badge)
        qtbot.waitUntil(widget.late_bar.isVisible, timeout=5_000)
        # The sentence goes above the button rather than squeezed into a narrow column (once the
        # bar, just shown, has been laid out: a loaded machine may take a moment to get there).
        message, button = widget.late_bar.message, widget.late_bar.button

        def laid_out() -> bool:
            return (
                message.geometry().bottom() <= button.geometry().top()
                and message.height() <= 3 * message.fontMetrics().lineSpacing()
            )

        qtbot.waitUntil(laid_out, timeout=5_000)
        assert widget.width() == 1024
    finally:
        widget.controller.wait_idle()
        widget.controller.shutdown()


def test_a_longer_offer_shown_again_at_the_same_width_goes_above_its_button(
    qtbot: QtBot,
) -> None:
    # The bar is shown again without being resized: the longer button must still send the
    # sentence above it (seen: squeezed into a narrow column beside a wide button).
    bar = LateArrivalBar()
    qtbot.addWidget(bar)
    bar.resize(660, 120)
    short = Offer(1, "Awa BA", 1, "Tour 1", 1, "G1", "")
    bar.show_offer(short)
    qtbot.waitExposed(bar)
    assert bar.row.direction() == QBoxLayout.Direction.LeftToRight
    bar.hide()
    long = Offer(2, "Awa BA", 1, "Travaux de groupes sur les SOP", 2, "Groupe 1", "Salle Gorée")
    bar.show_offer(long)
    assert bar.width() == 660
    assert bar.row.direction() == QBoxLayout.Direction.TopToBottom
