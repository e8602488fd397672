"""Editing a day's agenda: validation, recomputed times, moves, delete and undo by restore_day."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from facilitator.store.agenda import agenda
from facilitator.store.agenda_edit import (
    AgendaInvalid,
    ItemFields,
    add_day,
    add_item,
    agenda_days,
    day_overlaps,
    day_snapshot,
    delete_item,
    minutes_between,
    move_item,
    restore_day,
    set_fixed,
    update_item,
)
from facilitator.store.database import Database
from facilitator.store.models import AgendaItem, AgendaNote, Workshop
from facilitator.store.workshops import find_workshop

MIGRATION = "migration-circulaire-dakar-2025"
DAY = dt.date(2025, 3, 25)


def _wid(db: Database) -> int:
    with db.read() as session:
        return find_workshop(session, MIGRATION).id


def _day(db: Database, wid: int) -> list[tuple[str, str, int, bool]]:
    """(start, title, minutes, fixed) of the day's top items in order."""
    with db.read() as session:
        entries = [e for e in agenda(session, wid) if e.day == DAY]
    return [
        (
            f"{e.planned_start:%H:%M}",
            e.title,
            int((e.planned_end - e.planned_start).seconds / 60),
            e.fixed,
        )
        for e in entries
    ]


def _ids(db: Database, wid: int) -> list[int]:
    with db.read() as session:
        return [e.id for e in agenda(session, wid) if e.day == DAY]


def _t(text: str) -> dt.time:
    return dt.time.fromisoformat(text)


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        (ItemFields(title="   "), "titre"),
        (ItemFields(title="Pause", duration_minutes=0), "1\u00a0minute"),
        (ItemFields(title="Pause", duration_minutes=24 * 60 + 1), "24\u00a0heures"),
        (ItemFields(title="Pause", kind="banquet"), "banquet"),
        (ItemFields(title="Déjeuner", fixed=True, start=None), "heure de début"),
    ],
)
def test_bad_fields_are_refused_in_french(fields: ItemFields, words: str) -> None:
    with pytest.raises(AgendaInvalid) as caught:
        fields.validated()
    assert words in str(caught.value)


def test_end_before_start_is_named() -> None:
    assert minutes_between(_t("10:30"), _t("11:15")) == 45
    with pytest.raises(AgendaInvalid, match="10:00.*10:30"):
        minutes_between(_t("10:30"), _t("10:00"))


def test_refused_add_writes_nothing(demo_db: Database) -> None:
    wid = _wid(demo_db)
    before = _day(demo_db, wid)
    with pytest.raises(AgendaInvalid), demo_db.write() as session:
        add_item(session, wid, DAY, ItemFields(title="", duration_minutes=10))
    with pytest.raises(AgendaInvalid, match="minuit"), demo_db.write() as session:
        add_item(session, wid, DAY, ItemFields(title="Soirée", duration_minutes=8 * 60))
    assert _day(demo_db, wid) == before


def test_demo_day_is_already_consistent_with_the_rule(demo_db: Database) -> None:
    wid = _wid(demo_db)
    before = _day(demo_db, wid)
    first = _ids(demo_db, wid)[0]
    with demo_db.write() as session:
        move_item(session, first, 0)  # a move that changes nothing recomputes everything
    assert _day(demo_db, wid) == before
    assert before[0][0] == "08:30" and before[-1][0] == "16:30"


def test_longer_item_pushes_flexible_ones_and_overlaps_fixed_lunch(demo_db: Database) -> None:
    wid = _wid(demo_db)
    with demo_db.write() as session:
        pause = session.scalar(select(AgendaItem).where(AgendaItem.title == "Pause-café"))
        assert pause is not None
        update_item(session, pause.id, ItemFields("Pause-café", "pause", "", None, 45))
    day = _day(demo_db, wid)
    assert [start for start, *_rest in day[3:7]] == ["10:30", "11:15", "12:30", "13:30"]
    assert day[5][3] is True  # lunch is fixed: it did not move
    with demo_db.read() as session:
        overlaps = day_overlaps(session, wid, DAY)
    assert [(o.title, o.fixed_title, o.minutes) for o in overlaps] == [(day[4][1], "Déjeuner", 15)]
    assert "déborde de 15\u00a0min" in overlaps[0].message()


def test_first_item_start_moves_the_whole_flexible_morning(demo_db: Database) -> None:
    wid = _wid(demo_db)
    first = _ids(demo_db, wid)[0]
    with demo_db.write() as session:
        update_item(session, first, ItemFields("Accueil", "accueil", "", _t("08:00"), 30))
    starts = [start for start, *_rest in _day(demo_db, wid)]
    assert starts[:6] == ["08:00", "08:30", "09:00", "10:00", "10:30", "12:30"]
    assert starts[6] == "13:30"  # after the fixed lunch, the chain continues from its end


def test_sub_items_set_their_parent_duration_and_chain(demo_db: Database) -> None:
    wid = _wid(demo_db)
    session1 = _ids(demo_db, wid)[2]
    with demo_db.write() as session:
        child = add_item(
            session, wid, DAY, ItemFields("Étude de cas", duration_minutes=15), parent_id=session1
        )
    with demo_db.read() as session:
        parent = next(e for e in agenda(session, wid) if e.id == session1)
        row = session.get(AgendaItem, child)
        assert row is not None and row.planned_start == _t("10:30")
    assert [f"{c.planned_start:%H:%M}" for c in parent.children] == ["09:30", "10:00", "10:30"]
    assert parent.planned_end.time() == _t("10:45")
    assert [start for start, *_rest in _day(demo_db, wid)][3] == "10:45"


def test_a_fixed_item_keeps_its_place_and_its_start(demo_db: Database) -> None:
    wid = _wid(demo_db)
    ids = _ids(demo_db, wid)
    with demo_db.write() as session:
        set_fixed(session, ids[3], True)  # the coffee break at 10:30
    before = _day(demo_db, wid)
    with pytest.raises(AgendaInvalid, match="fixé à 10:30"), demo_db.write() as session:
        move_item(session, ids[3], 1)
    assert _day(demo_db, wid) == before
    with demo_db.write() as session:
        move_item(session, ids[2], 3)  # Session 1 after the break: the break stays at 10:30
    day = _day(demo_db, wid)
    assert [row[1] for row in day[2:4]] == ["Pause-café", before[2][1]]
    assert day[2][0] == "10:30" and day[2][3]
    assert day[3][0] == "11:00"  # the items after it follow it; the gap before it is no warning
    with demo_db.read() as session:
        overlaps = day_overlaps(session, wid, DAY)
    assert [(o.fixed_title, o.minutes) for o in overlaps] == [("Déjeuner", 60)]
    with demo_db.write() as session:
        set_fixed(session, ids[3], False)
    assert _day(demo_db, wid)[2][0] == "09:30"


def test_items_put_before_a_fixed_first_item_end_when_it_starts(demo_db: Database) -> None:
    wid = _wid(demo_db)
    ids = _ids(demo_db, wid)
    with demo_db.write() as session:
        for item_id in ids[:5]:  # the whole morning after lunch: lunch opens the day
            move_item(session, item_id, 10)
    assert _day(demo_db, wid)[0][1] == "Déjeuner"
    with demo_db.write() as session:
        move_item(session, ids[0], 0)  # the welcome back first: it ends as lunch starts
    day = _day(demo_db, wid)
    assert (day[0][1], day[0][0], day[1][0]) == (
        "Accueil et installation des participants",
        "12:00",
        "12:30",
    )
    with demo_db.read() as session:
        assert day_overlaps(session, wid, DAY) == []


def test_move_sub_item_within_its_parent_and_out_of_it(demo_db: Database) -> None:
    wid = _wid(demo_db)
    with demo_db.read() as session:
        opening = agenda(session, wid)[1]
    first_child = opening.children[0].id
    with demo_db.write() as session:
        move_item(session, first_child, 2)
    with demo_db.read() as session:
        moved = agenda(session, wid)[1]
    assert [c.id for c in moved.children][-1] == first_child
    with demo_db.write() as session:
        move_item(session, first_child, 0, new_parent_id=None)
    assert _ids(demo_db, wid)[0] == first_child
    assert _day(demo_db, wid)[0][:1] == ("08:30",)


def test_delete_then_restore_day_brings_back_ids_and_notes(demo_db: Database) -> None:
    wid = _wid(demo_db)
    first = _ids(demo_db, wid)[0]
    before_day = _day(demo_db, wid)
    with demo_db.write() as session:
        snapshot = day_snapshot(session, wid, DAY)
        note = session.scalar(select(AgendaNote.text).where(AgendaNote.agenda_item_id == first))
        delete_item(session, first)
    assert first not in _ids(demo_db, wid)
    assert _day(demo_db, wid)[0][0] == "08:30"  # the next item takes the day's start
    with demo_db.write() as session:
        restore_day(session, snapshot)
    assert _ids(demo_db, wid)[0] == first
    assert _day(demo_db, wid) == before_day
    with demo_db.read() as session:
        assert (
            note
            and session.scalar(select(AgendaNote.text).where(AgendaNote.agenda_item_id == first))
            == note
        )
        assert day_snapshot(session, wid, DAY).items == snapshot.items


def test_restore_removes_an_added_item(demo_db: Database) -> None:
    wid = _wid(demo_db)
    with demo_db.read() as session:
        snapshot = day_snapshot(session, wid, DAY)
    with demo_db.write() as session:
        add_item(session, wid, DAY, ItemFields("Photo de groupe", duration_minutes=10))
    with demo_db.write() as session:
        restore_day(session, snapshot)
    with demo_db.read() as session:
        assert day_snapshot(session, wid, DAY) == snapshot


def test_days_and_add_day(demo_db: Database) -> None:
    wid = _wid(demo_db)
    with demo_db.write() as session:
        assert agenda_days(session, wid) == [DAY]
        new = add_day(session, wid)
        first = add_item(session, wid, new, ItemFields("Visite de terrain", duration_minutes=90))
    with demo_db.read() as session:
        assert agenda_days(session, wid) == [DAY, DAY + dt.timedelta(days=1)]
        workshop = session.get(Workshop, wid)
        assert workshop is not None and workshop.end_date == new
        row = session.get(AgendaItem, first)
        assert row is not None and row.planned_start == _t("08:30")


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(moves=st.lists(st.tuples(st.integers(0, 30), st.integers(-1, 12)), max_size=8))
def test_random_moves_keep_ids_and_chain_flexible_items(
    demo_db: Database, moves: list[tuple[int, int]]
) -> None:
    wid = _wid(demo_db)
    with demo_db.read() as session:
        original = day_snapshot(session, wid, DAY)
    try:
        for pick, position in moves:
            with demo_db.write() as session:
                items = sorted(original.items, key=lambda r: r.id)
                row = items[pick % len(items)]
                if row.fixed:
                    with pytest.raises(AgendaInvalid, match="fixé"):
                        move_item(session, row.id, position)
                    continue
                move_item(session, row.id, position)
        with demo_db.read() as session:
            now = day_snapshot(session, wid, DAY)
            entries = [e for e in agenda(session, wid) if e.day == DAY]
        assert {r.id for r in now.items} == {r.id for r in original.items}
        for before, entry in zip(entries, entries[1:], strict=False):
            if not entry.fixed:
                assert entry.planned_start == before.planned_end
            for a, b in zip(entry.children, entry.children[1:], strict=False):
                assert b.planned_start == a.planned_end
            if entry.children:
                assert entry.children[0].planned_start == entry.planned_start
                assert entry.children[-1].planned_end == entry.planned_end
        fixed = [e for e in entries if e.fixed]
        if not entries[0].fixed:
            # The day starts as it did, or (once a fixed item had become the first) the items
            # put back before it end when it starts, with no overlap.
            leading = entries[: entries.index(fixed[0])]
            assert entries[0].planned_start.time() == _t("08:30") or (
                leading[-1].planned_end == fixed[0].planned_start
            )
    finally:
        with demo_db.write() as session:
            restore_day(session, original)


def test_a_session_keeps_its_length_when_its_sub_items_need_less_m4sd(demo_db: Database) -> None:
    """The M4SD note: SESSION 2, 11:00–12:15, holds a 15- and a 45-minute sub-item."""
    with demo_db.read() as session:
        wid = find_workshop(session, "m4sd-cloture-thies-2023").id
        entries = agenda(session, wid)
    session_2 = next(e for e in entries if e.title.startswith("SESSION 2"))
    after = entries[entries.index(session_2) + 1]
    discussion = session_2.children[-1]
    assert (session_2.planned_start.time(), session_2.planned_end.time()) == (
        _t("11:00"),
        _t("12:15"),
    )
    with demo_db.write() as session:
        update_item(session, discussion.id, ItemFields(discussion.title, "session", "", None, 40))
        delete_item(session, entries[0].id)  # an unrelated item earlier in the day
    with demo_db.read() as session:
        now = {e.id: e for e in agenda(session, wid)}
    assert now[session_2.id].planned_end - now[session_2.id].planned_start == dt.timedelta(
        minutes=75
    )
    assert now[after.id].planned_start == now[session_2.id].planned_end
    # Longer sub-items make it grow; shorter than its sub-items it cannot be.
    with demo_db.write() as session:
        update_item(session, discussion.id, ItemFields(discussion.title, "session", "", None, 70))
    with demo_db.read() as session:
        grown = {e.id: e for e in agenda(session, wid)}[session_2.id]
    assert grown.planned_end - grown.planned_start == dt.timedelta(minutes=85)
    with pytest.raises(AgendaInvalid, match="au moins"), demo_db.write() as session:
        update_item(session, session_2.id, ItemFields(session_2.title, "session", "", None, 60))
