"""Group cards at 1366×768 and 1024×768: each member's name whole, their organisation shown,
type tags in words (not « Organi. », « Minist. » or « Société » for « Société civile »), and
the round's whole name in its picker.

The tester's day: 48 people present in 4 groups of 12; at 1024 pixels the names were cut to
« DIALLO Mouham… », the organisations were not shown at all, and the round read
« …SOP — 4 groupe » at both sizes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyle, QStyleOptionComboBox, QStyleOptionViewItem, QToolBar
from pytestqt.qtbot import QtBot

from facilitator.store.checkin import check_in
from facilitator.store.database import Database
from facilitator.store.participants import list_participants
from facilitator.store.workshops import find_workshop
from facilitator.ui.context import AppContext
from facilitator.ui.groups.screen import GroupsScreen
from tests.ui.test_groups_screen import MIGRATION, create_with_keys

PRESENT = 48  # as on the tester's day: four groups of twelve
SIZES = [(1366, 700), (1024, 700)]


@pytest.fixture
def context(demo_db: Database) -> AppContext:
    ctx = AppContext(demo_db)
    workshop_id = ctx.read(lambda s: find_workshop(s, MIGRATION).id)
    for person in ctx.read(lambda s: list_participants(s, workshop_id))[:PRESENT]:
        check_in(demo_db, workshop_id, person.id, "Accueil")
    ctx.set_workshop(workshop_id)
    return ctx


@pytest.fixture(params=SIZES, ids=["1366", "1024"])
def screen(
    request: pytest.FixtureRequest,
    qtbot: QtBot,
    context: AppContext,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[GroupsScreen]:
    width, height = request.param
    widget = GroupsScreen(context, opener=lambda _path: True)
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    create_with_keys(qtbot, widget, monkeypatch, count="4", keys=False)
    assert widget.view is not None and len(widget.board.cards) == 4
    qtbot.wait(20)
    yield widget


def _rows(screen: GroupsScreen):  # type: ignore[no-untyped-def]
    """(member, what their row shows) for every member of every card, as laid out."""
    for card in screen.board.cards:
        view = card.members
        delegate = view.itemDelegate()
        for row, member in enumerate(card.model.members):
            index = card.model.index(row, 0)
            option = QStyleOptionViewItem()
            view.initViewItemOption(option)
            option.rect = view.visualRect(index)
            assert option.rect.width() > 0
            yield member, delegate.row_layout(option, index)  # type: ignore[attr-defined]


def test_each_member_s_name_reads_whole_with_their_organisation(screen: GroupsScreen) -> None:
    rows = list(_rows(screen))
    assert len(rows) == PRESENT
    for member, shown in rows:
        name = f"{member.last_name.upper()} {member.first_name}".strip()
        assert shown.name == name, (shown.name, name)
        if member.organisation:
            organisation = shown.organisation
            assert organisation == member.organisation or organisation.endswith("…")
            # At least its first word, never an empty place where the organisation should be.
            first_word = member.organisation.split()[0]
            assert organisation.startswith(first_word[: len(organisation) - 1]), organisation
            assert len(organisation.rstrip("…")) >= min(len(member.organisation), 6)


def _cut_word(tag: str, type_name: str) -> list[str]:
    """The words of a tag that are neither a word of the type's name, nor an abbreviation of
    one ending with « . », nor its initials."""
    words = type_name.split()
    initials = "".join(w[0].upper() for w in words if len(w) > 3 or w.isupper())
    bad = []
    for word in tag.split():
        if word in words or word == initials:
            continue
        if word.endswith(".") and any(w.startswith(word[:-1]) for w in words):
            continue
        bad.append(word)
    return bad


def test_type_tags_are_words_or_abbreviations_never_a_cut_word(screen: GroupsScreen) -> None:
    seen: dict[str, str] = {}
    for member, shown in _rows(screen):
        if not member.type_name:
            continue
        seen[member.type_name] = shown.tag
        assert shown.tag, member.type_name
        assert _cut_word(shown.tag, member.type_name) == [], (shown.tag, member.type_name)
        words = member.type_name.split()
        if len(words) > 1:  # « Société » alone reads as a company, not « Société civile »
            assert shown.tag != words[0], shown.tag
    assert len(seen) >= 4, seen
    assert not any(re.fullmatch(r"\w{6}\.", tag) for tag in seen.values()), seen


def test_the_round_s_whole_name_shows_in_its_picker(
    qtbot: QtBot, screen: GroupsScreen, monkeypatch: pytest.MonkeyPatch
) -> None:
    from facilitator.ui.groups import round_actions

    # The tester's round, renamed with « Renommer… » as they did.
    monkeypatch.setattr(
        round_actions.QInputDialog,
        "getText",
        lambda *args, **kwargs: ("Travaux de groupes sur les SOP", True),
    )
    screen.actions_by_name["rename_round"].trigger()
    qtbot.wait(50)  # the bar lays out again around the new name
    picker = screen.round_picker
    text = picker.currentText()
    assert text == "Travaux de groupes sur les SOP — 4 groupes", text
    option = QStyleOptionComboBox()
    picker.initStyleOption(option)
    field = picker.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, picker
    )
    # The style draws the label one pixel in from each side of its field.
    assert picker.fontMetrics().horizontalAdvance(text) <= field.width() - 2, (
        text,
        field.width(),
    )
    for bar in screen.findChildren(QToolBar):  # and no action pushed into a « » menu for it
        hidden = [a.text() for a in bar.actions() if not bar.widgetForAction(a).isVisible()]
        assert not hidden, hidden


def test_a_round_name_too_long_for_the_bar_ends_with_an_ellipsis(
    qtbot: QtBot, screen: GroupsScreen
) -> None:
    picker = screen.round_picker
    long_name = "Travaux de groupes sur les procédures opérationnelles standard " * 3
    picker.setItemText(picker.currentIndex(), long_name)
    picker.setToolTip(long_name)
    screen.resize(screen.width() + 1, screen.height())  # the bar lays out again
    qtbot.wait(20)
    shown = picker.shown_text()  # type: ignore[attr-defined]
    assert shown.endswith("…") and long_name.startswith(shown[:-1].rstrip())
    assert picker.toolTip() == long_name
    for bar in screen.findChildren(QToolBar):
        hidden = [a.text() for a in bar.actions() if not bar.widgetForAction(a).isVisible()]
        assert not hidden, hidden


def test_a_late_arrival_s_group_is_named_with_the_size_it_will_have(
    qtbot: QtBot, screen: GroupsScreen, context: AppContext
) -> None:
    """Four groups of twelve and one more person: « Meilleur groupe : « Groupe 2 » (tailles des
    groupes plus inégales) » read as a warning; the group's new size says it plainly."""
    workshop_id = context.workshop_id
    assert workshop_id is not None
    late = context.read(lambda s: list_participants(s, workshop_id))[PRESENT]
    check_in(context.db, workshop_id, late.id, "Accueil")
    context.data_changed.emit("checkins")
    qtbot.waitUntil(lambda: screen.late.current() == late.id)
    suggestion = screen.late.suggestion.text()
    first, second = suggestion.split("\n")
    found = re.fullmatch(
        "Groupe conseillé\u00a0: «\u00a0(Groupe \\d)\u00a0», qui aura alors 13 participants.", first
    )
    assert found, first
    assert "tailles des groupes" not in second and second.endswith("."), second
    assert screen.late.suggestion.isVisible()
    qtbot.mouseClick(screen.late.place, Qt.MouseButton.LeftButton)
    status = screen.status.text()
    assert status.startswith(
        f"{late.last_name.upper()} {late.first_name} rejoint «\u00a0{found.group(1)}\u00a0», "
        "qui a maintenant 13 participants.\n"
    ), status
    assert "tailles des groupes" not in status
