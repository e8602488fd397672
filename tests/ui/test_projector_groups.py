"""The groups on the projector: panels for a few groups, a paged alphabetical list for a crowd."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from facilitator.core.text import fold
from facilitator.store.database import Database
from facilitator.store.group_edits import move_member, update_group
from facilitator.store.group_rounds import create_round
from facilitator.store.groups import RoundView, list_rounds, round_view
from facilitator.store.models import ParticipantType
from facilitator.store.participants import ParticipantInput, add_participant
from facilitator.store.workshops import find_workshop
from facilitator.ui.agenda.projector import TIMER_VIEW
from facilitator.ui.agenda.projector_control import GROUPS_VIEW, ProjectorControl
from facilitator.ui.agenda.projector_groups_view import (
    LIST,
    PANELS,
    READABLE_SHARE,
    GroupsProjectorView,
)
from facilitator.ui.app import APP_NAME
from facilitator.ui.context import AppContext

M4SD = "m4sd-cloture-thies-2023"
MIGRATION = "migration-circulaire-dakar-2025"
FIRST = ["Aminata", "Moussa", "Fatou", "Ibrahima", "Awa", "Cheikh", "Mame Diarra", "Élodie"]
LAST = ["Ndiaye", "diop", "Sène", "Ba", "Éloundou", "de Souza", "N'Diaye", "Fall", "Sarr", "Ôdé"]
ROOMS = ["Salle Gorée", "Salle Casamance", "Salle plénière", "Salle Saloum"]


class FakePlayer:
    def play(self, kind: str) -> None:
        pass


@pytest.fixture(autouse=True)
def clean_settings() -> Iterator[None]:
    QSettings(APP_NAME, APP_NAME).remove("projector")
    yield
    QSettings(APP_NAME, APP_NAME).remove("projector")


def workshop(context: AppContext, slug: str) -> int:
    return context.read(lambda s: find_workshop(s, slug).id)


@pytest.fixture
def context(demo_db: Database) -> AppContext:
    ctx = AppContext(demo_db)
    ctx.set_workshop(workshop(ctx, M4SD))
    return ctx


def m4sd_round(context: AppContext) -> int:
    return context.read(lambda s: list_rounds(s, workshop(context, M4SD)))[-1].id


def crowd_round(context: AppContext, people: int = 300) -> int:
    """A round of 12 groups with rooms on the migration workshop grown to `people` people."""
    workshop_id = workshop(context, MIGRATION)
    draw = random.Random(5)
    with context.db.write() as session:
        types = list(
            session.scalars(
                select(ParticipantType.id).where(ParticipantType.workshop_id == workshop_id)
            )
        )
        for i in range(people - 80):  # the demo has 80
            add_participant(
                session,
                workshop_id,
                ParticipantInput(
                    first_name=draw.choice(FIRST),
                    last_name=draw.choice(LAST),
                    organisation=f"Organisation {i % 25}",
                    type_id=draw.choice(types),
                    gender=draw.choice("FM"),
                ),
            )
    round_id = create_round(context.db, workshop_id, "Matin", count=12, present_only=False)
    for i, group in enumerate(view_of(context, round_id).groups):
        update_group(context.db, group.id, room=ROOMS[i % len(ROOMS)])
    return round_id


def view_of(context: AppContext, round_id: int) -> RoundView:
    return context.read(lambda s: round_view(s, round_id))


@pytest.fixture
def view(qtbot: QtBot, context: AppContext) -> GroupsProjectorView:
    widget = GroupsProjectorView(context)
    qtbot.addWidget(widget)
    widget.resize(1920, 1080)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_a_few_groups_get_one_panel_each(view: GroupsProjectorView, context: AppContext) -> None:
    round_id = m4sd_round(context)
    view.set_round(round_id)
    stored = view_of(context, round_id)
    assert view.mode() == PANELS
    panels = view.panels()
    assert len(panels) == len(stored.groups) == 4
    drawn = Counter(view.drawn_texts())
    for (name, room, theme, members), group in zip(panels, stored.groups, strict=True):
        assert (name, room, theme) == (group.name, group.room, group.theme)
        assert room.startswith("Salle")
        expected = [f"{m.first_name} {m.last_name.upper()}" for m in group.members]
        assert members == expected
        assert drawn[name] == 1 and drawn[room] == 1
        for member in members:
            assert drawn[member] == 1  # shown once, in its group's panel
    everyone = [m for _n, _r, _t, members in panels for m in members]
    assert len(everyone) == stored.round.members == len(set(everyone))
    assert view.member_font_size() >= 1080 * READABLE_SHARE
    assert view.page_caption() == ""
    assert "Groupes · Travaux de groupe – actions clés" in drawn


def test_panel_members_are_drawn_inside_their_panel(
    view: GroupsProjectorView, context: AppContext
) -> None:
    view.set_round(m4sd_round(context))
    backgrounds = [t.rect for t in view._fixed if not t.text]
    assert len(backgrounds) == 4
    for (_name, _room, _theme, members), panel in zip(view.panels(), backgrounds, strict=True):
        rects = [t.rect for t in view._fixed if t.text in members]
        assert len(rects) == len(members)
        assert all(panel.contains(rect) for rect in rects)


@pytest.mark.parametrize("size", [(1920, 1080), (1024, 768)])
def test_a_crowd_is_listed_alphabetically_in_pages(
    qtbot: QtBot, context: AppContext, size: tuple[int, int]
) -> None:
    round_id = crowd_round(context)
    widget = GroupsProjectorView(context)
    qtbot.addWidget(widget)
    widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_round(round_id)
    assert widget.mode() == LIST
    assert widget.member_font_size() >= size[1] * READABLE_SHARE
    stored = view_of(context, round_id)
    where = {m.participant_id: f"→ {g.name} · {g.room}" for g in stored.groups for m in g.members}
    members = sorted(
        (m for g in stored.groups for m in g.members),
        key=lambda m: (fold(m.last_name), fold(m.first_name), m.participant_id),
    )
    expected = [f"{m.last_name.upper()} {m.first_name} {where[m.participant_id]}" for m in members]
    pages = widget.pages()
    assert len(members) == 300
    assert 2 <= len(pages) <= 15
    assert [line for page in pages for line in page] == expected  # everyone once, in order
    caption = widget.page_caption()
    assert caption.startswith(f"Page 1 / {len(pages)} · ")
    first, last = pages[0][0][:1], fold(pages[0][-1])[:1].upper()
    assert caption.endswith(f"{first} – {last}" if first != last else first)


def test_pages_turn_by_themselves_round_and_round(
    qtbot: QtBot, view: GroupsProjectorView, context: AppContext
) -> None:
    # What a turn costs is measured in tests/perf/test_perf_projector.py, against a repaint.
    view.set_round(crowd_round(context))
    pages = len(view.pages())
    assert view.page_timer.isActive()
    assert view.page_timer.interval() == 8_000
    view.page_timer.setInterval(30)
    qtbot.waitUntil(lambda: view.page() == 1, timeout=10_000)
    assert view.page_caption().startswith(f"Page 2 / {pages}")
    view.page_timer.stop()
    turned = []
    for _turn in range(pages - 1):
        view.next_page()
        view.repaint()
        turned.append((view.page(), view.page_caption().split(" · ")[0]))
    expected = [((1 + n) % pages, f"Page {(1 + n) % pages + 1} / {pages}") for n in range(1, pages)]
    assert turned == expected  # round and round: the last turn comes back to the first page
    view.hide()
    view.show()
    assert view.page_timer.isActive()
    view.hide()
    assert not view.page_timer.isActive()


def test_the_mode_can_be_forced(view: GroupsProjectorView, context: AppContext) -> None:
    view.set_round(m4sd_round(context))
    view.set_mode("list")
    assert view.mode() == LIST
    assert sum(len(page) for page in view.pages()) == 45
    view.resize(2400, 1080)  # room for more columns: one page, nothing to turn
    assert len(view.pages()) == 1
    assert view.page_caption() == ""
    assert not view.page_timer.isActive()
    view.set_mode("auto")
    assert view.mode() == PANELS
    with pytest.raises(ValueError):
        view.set_mode("mosaic")


def test_nothing_to_show_says_so(view: GroupsProjectorView) -> None:
    view.set_round(None)
    assert view.mode() == ""
    assert view.drawn_texts() == ["Aucun groupe pour l’instant"]
    view.set_round(999_999)  # a deleted round
    assert view.drawn_texts() == ["Aucun groupe pour l’instant"]


def test_a_change_to_the_groups_shows_up(
    qtbot: QtBot, view: GroupsProjectorView, context: AppContext
) -> None:
    round_id = m4sd_round(context)
    view.set_round(round_id)
    stored = view_of(context, round_id)
    mover = stored.groups[0].members[0]
    move_member(context.db, round_id, mover.participant_id, stored.groups[1].id)
    context.data_changed.emit("groups")
    name = f"{mover.first_name} {mover.last_name.upper()}"
    qtbot.waitUntil(lambda: name in view.panels()[1][3], timeout=10_000)
    assert name not in view.panels()[0][3]


def test_another_workshop_shows_its_last_round(
    view: GroupsProjectorView, context: AppContext
) -> None:
    view.set_round(m4sd_round(context))
    context.set_workshop(workshop(context, MIGRATION))  # no round there
    assert view.round_id() is None
    assert view.mode() == ""


# -- the projector control -----------------------------------------------------------------------
class Owner(QWidget):
    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context


@pytest.fixture
def control(qtbot: QtBot, context: AppContext) -> Iterator[ProjectorControl]:
    owner = Owner(context)  # as the main window: ProjectorControl(self), self.context set
    qtbot.addWidget(owner)
    ctl = ProjectorControl(owner, player=FakePlayer())
    yield ctl
    ctl.shutdown()


def test_project_groups_opens_the_projector_on_the_groups(
    qtbot: QtBot, control: ProjectorControl, context: AppContext
) -> None:
    assert not control.is_open()
    assert control.current_view() == TIMER_VIEW
    round_id = m4sd_round(context)
    control.project_groups(round_id)
    assert control.is_open()
    assert control.current_view() == GROUPS_VIEW
    view = control.view(GROUPS_VIEW)
    assert isinstance(view, GroupsProjectorView)
    assert view.round_id() == round_id
    assert view.isVisible() and len(view.panels()) == 4
    assert view.mode() in (PANELS, LIST)  # as the screen's size allows (offscreen: 800×600)
    assert control.view_actions[GROUPS_VIEW].isChecked()
    control.project_groups(round_id)  # again: the same view, no second registration
    assert control.view(GROUPS_VIEW) is view


def test_the_show_menu_switches_between_timer_and_groups(
    qtbot: QtBot, control: ProjectorControl, context: AppContext
) -> None:
    from PySide6.QtWidgets import QMenu

    menu = QMenu()
    control.fill_menu(menu)
    shows = [a for a in menu.actions() if a.menu() is control.view_menu]
    assert [a.text() for a in shows] == ["Afficher"]
    entries = {a.text(): a for a in control.view_menu.actions()}
    assert list(entries) == ["Minuteur", "Groupes", "Restitution"]
    assert all(a.isCheckable() for a in entries.values())
    assert entries["Minuteur"].isChecked()
    entries["Groupes"].trigger()  # the workshop's last round
    assert control.is_open()
    assert control.current_view() == GROUPS_VIEW
    view = control.view(GROUPS_VIEW)
    assert isinstance(view, GroupsProjectorView)
    assert view.round_id() == m4sd_round(context)
    entries["Minuteur"].trigger()
    assert control.current_view() == TIMER_VIEW
    assert entries["Minuteur"].isChecked() and not entries["Groupes"].isChecked()
    control.toggle_action.trigger()  # F5 still closes and opens the window
    assert not control.is_open()
    control.toggle_action.trigger()
    assert control.is_open() and control.current_view() == TIMER_VIEW


def test_message_and_black_screen_cover_the_groups(
    control: ProjectorControl, context: AppContext
) -> None:
    control.project_groups(m4sd_round(context))
    window = control.window
    assert window is not None
    control.set_message("Rejoignez votre salle")
    assert window.pages.currentWidget() is window.message_label
    control.set_blank(True)
    assert window.pages.currentWidget() is window.black
    control.set_blank(False)
    control.clear_message()
    assert window.pages.currentWidget() is window.stage
    assert control.current_view() == GROUPS_VIEW


def test_other_screens_register_views(qtbot: QtBot, control: ProjectorControl) -> None:
    from PySide6.QtWidgets import QLabel

    control.register_view("restitutions", lambda: QLabel("Restitutions"), label="Restitutions")
    with pytest.raises(ValueError):
        control.register_view("restitutions", QLabel)
    assert control.current_view() == TIMER_VIEW
    control.show_view("restitutions")
    assert control.is_open() and control.current_view() == "restitutions"
    assert control.view_actions["restitutions"].isChecked()
    control.register_view("late", lambda: QLabel("Later"))  # the window exists: made now
    assert isinstance(control.view("late"), QLabel)
    control.close()
    control.show_view(TIMER_VIEW)
    assert control.is_open() and control.current_view() == TIMER_VIEW
