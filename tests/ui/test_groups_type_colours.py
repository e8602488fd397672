"""A participant type has one colour: group card tags paint the participants table's colour."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from facilitator.store.checkin import check_in
from facilitator.store.database import Database
from facilitator.store.participants import list_participants
from facilitator.store.workshops import find_workshop
from facilitator.ui.context import AppContext
from facilitator.ui.groups.board import GroupCard
from facilitator.ui.groups.screen import GroupsScreen
from facilitator.ui.participants.model import COLUMN_KEYS
from facilitator.ui.participants.screen import ParticipantsScreen
from tests.ui.test_groups_screen import MIGRATION, PRESENT, create_with_keys


@pytest.fixture
def context(demo_db: Database) -> AppContext:
    ctx = AppContext(demo_db)
    workshop_id = ctx.read(lambda s: find_workshop(s, MIGRATION).id)
    for person in ctx.read(lambda s: list_participants(s, workshop_id))[:PRESENT]:
        check_in(demo_db, workshop_id, person.id, "Accueil")
    ctx.set_workshop(workshop_id)
    return ctx


@pytest.fixture
def groups(
    qtbot: QtBot, context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> Iterator[GroupsScreen]:
    widget = GroupsScreen(context, opener=lambda _path: True)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    create_with_keys(qtbot, widget, monkeypatch, keys=False)
    assert widget.view is not None
    yield widget


def table_colours(qtbot: QtBot, context: AppContext) -> dict[int, QColor]:
    """Each participant's type colour as the participants table shows it (its decoration)."""
    screen = ParticipantsScreen(context)
    qtbot.addWidget(screen)
    screen.show()
    model = screen.table.model()
    column = COLUMN_KEYS.index("category")
    colours = {}
    for row in range(model.rowCount()):
        pid = model.index(row, 0).data(Qt.ItemDataRole.UserRole)
        colour = model.index(row, column).data(Qt.ItemDataRole.DecorationRole)
        if isinstance(colour, QColor):
            colours[pid] = colour
    return colours


def painted_colours(card: GroupCard, row: int) -> set[str]:
    """The colours painted on one member's row of a card, as on screen."""
    view = card.members
    image = view.viewport().grab(view.visualRect(view.model().index(row, 0))).toImage()
    return {
        image.pixelColor(x, y).name() for x in range(image.width()) for y in range(image.height())
    }


def test_group_tags_paint_each_type_in_the_participants_table_colour(
    qtbot: QtBot, groups: GroupsScreen, context: AppContext
) -> None:
    expected = table_colours(qtbot, context)
    assert len({c.name() for c in expected.values()}) >= 4  # several types, several colours
    checked: set[str] = set()
    for card in groups.board.cards:
        for row, member in enumerate(card.model.members):
            if not member.type_name or member.type_name in checked:
                continue
            colour = expected[member.participant_id].name()
            assert colour in painted_colours(card, row), (member.type_name, colour)
            checked.add(member.type_name)
    assert len(checked) >= 4


def test_a_type_colour_changed_in_the_workshop_shows_on_the_cards(
    qtbot: QtBot, groups: GroupsScreen, context: AppContext
) -> None:
    from facilitator.store.models import ParticipantType

    card = groups.board.cards[0]
    member = next(m for m in card.model.members if m.type_name)
    wid = context.workshop_id

    def recolour(session: object) -> None:
        from sqlalchemy import update

        session.execute(  # type: ignore[attr-defined]
            update(ParticipantType)
            .where(ParticipantType.workshop_id == wid, ParticipantType.name == member.type_name)
            .values(colour="#FFD700")
        )

    context.write("workshops", recolour)
    groups.reload()
    card = groups.board.cards[0]
    row = card.model.row_of(member.participant_id)
    assert "#ffd700" in painted_colours(card, row)
    assert table_colours(qtbot, context)[member.participant_id].name() == "#ffd700"
