"""The consolidated recommendations: the demo's list, merging, editing, order, undo, import."""

from __future__ import annotations

import json

import pytest

from facilitator.resources import resource_path
from facilitator.store.database import Database
from facilitator.store.recommendation_edits import (
    add_sources,
    add_votes,
    create_from_items,
    delete_recommendation,
    import_all_items,
    merge_recommendations,
    move_recommendation,
    remove_source,
    restore_recommendation,
    restore_recommendations,
    set_recommendation_order,
    update_recommendation,
)
from facilitator.store.recommendations import (
    RecommendationRow,
    candidate_items,
    consolidated,
    final_list,
    recommendation,
    snapshot,
)
from facilitator.store.restitution_fields import KEEP, RECOMMENDATION, RestitutionsInvalid
from facilitator.store.restitution_items import delete_item, restore_item
from facilitator.store.restitutions import restitution_view
from facilitator.store.revisions import restore_revision, revisions
from facilitator.store.search import search
from facilitator.store.workshops import find_workshop

M4SD = "m4sd-cloture-thies-2023"
MIGRATION = "migration-circulaire-dakar-2025"


def _workshop(db: Database, slug: str = M4SD) -> int:
    with db.read() as session:
        return find_workshop(session, slug).id


def _recs(db: Database, workshop_id: int) -> list[RecommendationRow]:
    with db.read() as session:
        return consolidated(session, workshop_id)


def _by_group(db: Database) -> dict[str, list[int]]:
    """Group name → ids of its recommendation items."""
    with db.read() as session:
        items = candidate_items(session, _workshop(db))
    found: dict[str, list[int]] = {}
    for item in items:
        found.setdefault(item.group_name, []).append(item.item_id)
    return found


def test_the_demo_list_matches_the_demo_file(demo_db: Database) -> None:
    data = json.loads(resource_path("demo", f"{M4SD}.json").read_text(encoding="utf-8"))
    expected = data["recommendations"]
    rows = _recs(demo_db, _workshop(demo_db))
    assert len(rows) == len(expected) == 12
    for row, rec in zip(rows, expected, strict=True):
        assert row.text == rec["text"]
        assert (row.rec_type, row.horizon, row.priority) == (
            rec["rec_type"],
            rec["horizon"],
            rec["priority"],
        )
        assert (row.votes, row.kept, row.actor) == (rec["votes"], rec["kept"], rec["actor"])
        assert list(row.group_names) == sorted(rec["groups"])
    with demo_db.read() as session:
        final = final_list(session, _workshop(demo_db))
    kept = [rec["text"] for rec in expected if rec["kept"]]
    assert [entry.recommendation.text for entry in final] == kept
    assert [entry.number for entry in final] == list(range(1, len(kept) + 1))
    assert 10 <= len(final) <= 15


def test_candidates_are_every_groups_recommendation_items(demo_db: Database) -> None:
    with demo_db.read() as session:
        items = candidate_items(session, _workshop(demo_db))
    assert len(items) == 16
    assert [i.group_name for i in items] == sorted(i.group_name for i in items)
    assert {i.round_name for i in items} == {"Travaux de groupe – actions clés"}
    assert all(i.text and i.rec_type in ("policy", "operational") for i in items)


def _before_consolidation(db: Database) -> None:
    """The demo as it was before its recommendations were linked to the groups' items."""
    from sqlalchemy import update

    from facilitator.store.models import RecommendationSource

    with db.write() as session:
        session.execute(update(RecommendationSource).values(item_id=None))


def test_the_demo_recommendations_come_from_the_groups_items(demo_db: Database) -> None:
    workshop = _workshop(demo_db)
    with demo_db.read() as session:
        items = candidate_items(session, workshop)
    consolidated = [i for i in items if i.recommendation_ids]
    assert len(consolidated) >= 10  # most group proposals were taken into the final list
    assert len(import_all_items(demo_db, workshop)) == len(items) - len(consolidated)


def test_merging_items_from_several_groups_keeps_every_group(demo_db: Database) -> None:
    _before_consolidation(demo_db)
    workshop = _workshop(demo_db)
    groups = _by_group(demo_db)
    picked = [groups["Groupe 3"][0], groups["Groupe 1"][0], groups["Groupe 4"][1]]
    rec_id = create_from_items(demo_db, workshop, picked)
    with demo_db.read() as session:
        row = recommendation(session, rec_id)
        items = {i.item_id: i for i in candidate_items(session, workshop)}
    first = items[picked[0]]
    assert (row.text, row.rec_type, row.actor, row.horizon, row.priority) == (
        first.text,
        first.rec_type,
        first.actor,
        first.horizon,
        first.priority,
    )
    assert row.group_names == ("Groupe 1", "Groupe 3", "Groupe 4")
    assert {s.item_id for s in row.sources} == set(picked)
    assert row.position == 12 and row.kept and row.votes == 0
    assert all(items[i].recommendation_ids == (rec_id,) for i in picked)
    add_sources(demo_db, rec_id, [picked[0], groups["Groupe 2"][0]])
    with demo_db.read() as session:
        row = recommendation(session, rec_id)
    assert row.group_names == ("Groupe 1", "Groupe 2", "Groupe 3", "Groupe 4")
    assert len(row.sources) == 4
    remove_source(demo_db, rec_id, row.sources[1].group_id, row.sources[1].item_id)
    with demo_db.read() as session:
        assert "Groupe 2" not in recommendation(session, rec_id).group_names


def test_create_needs_items_or_text_and_items_of_the_workshop(demo_db: Database) -> None:
    workshop = _workshop(demo_db)
    with pytest.raises(RestitutionsInvalid):
        create_from_items(demo_db, workshop, [])
    with pytest.raises(RestitutionsInvalid):
        create_from_items(demo_db, _workshop(demo_db, MIGRATION), _by_group(demo_db)["Groupe 1"])
    rec_id = create_from_items(demo_db, workshop, [], text="Proposée en plénière")
    with demo_db.read() as session:
        row = recommendation(session, rec_id)
    assert row.text == "Proposée en plénière" and row.sources == ()


def test_merging_recommendations_moves_sources_and_undo_restores_all(demo_db: Database) -> None:
    workshop = _workshop(demo_db)
    before = _recs(demo_db, workshop)
    keep, other, third = before[3], before[1], before[11]
    snapshots = merge_recommendations(demo_db, keep.id, [other.id, third.id])
    after = _recs(demo_db, workshop)
    assert [r.id for r in after] == [r.id for r in before if r.id not in (other.id, third.id)]
    merged = next(r for r in after if r.id == keep.id)
    assert set(merged.group_names) == set(keep.group_names) | set(other.group_names) | set(
        third.group_names
    )
    assert len(merged.sources) == len(set(merged.sources))
    assert merged.votes == keep.votes + other.votes + third.votes
    assert merged.priority == 1 and merged.text == keep.text
    restore_recommendations(demo_db, snapshots)
    assert _recs(demo_db, workshop) == before


def test_update_fields_keep_or_clear(demo_db: Database) -> None:
    rec_id = _recs(demo_db, _workshop(demo_db))[0].id
    update_recommendation(
        demo_db, rec_id, text="Reformulée", horizon=None, votes=3, kept=False, actor="MFB"
    )
    with demo_db.read() as session:
        row = recommendation(session, rec_id)
    assert (row.text, row.horizon, row.votes, row.kept, row.actor) == (
        "Reformulée",
        None,
        3,
        False,
        "MFB",
    )
    assert row.rec_type == "policy" and row.priority == 1
    update_recommendation(demo_db, rec_id, rec_type=None, priority=KEEP, horizon="Immédiat")
    with demo_db.read() as session:
        row = recommendation(session, rec_id)
    assert (row.rec_type, row.priority, row.horizon) == (None, 1, "Immédiat")
    for bad in ({"votes": -1}, {"rec_type": "politique"}, {"priority": -2}):
        with pytest.raises(RestitutionsInvalid):
            update_recommendation(demo_db, rec_id, text="perdu", **bad)  # type: ignore[arg-type]
    with demo_db.read() as session:
        assert recommendation(session, rec_id).text == "Reformulée"


def test_rewording_is_kept_in_revisions(demo_db: Database) -> None:
    rec = _recs(demo_db, _workshop(demo_db))[2]
    update_recommendation(demo_db, rec.id, text="Tout autre chose")
    with demo_db.read() as session:
        (earlier,) = revisions(session, "recommendation", rec.id, "text")
    assert earlier.text == rec.text
    restore_revision(demo_db, earlier.id)
    with demo_db.read() as session:
        assert recommendation(session, rec.id).text == rec.text


def test_votes_are_counted_and_never_negative(demo_db: Database) -> None:
    rec = _recs(demo_db, _workshop(demo_db))[5]
    assert add_votes(demo_db, rec.id) == rec.votes + 1
    assert add_votes(demo_db, rec.id, 4) == rec.votes + 5
    assert add_votes(demo_db, rec.id, -1000) == 0


def test_order_moves_and_final_list_follows(demo_db: Database) -> None:
    workshop = _workshop(demo_db)
    ids = [r.id for r in _recs(demo_db, workshop)]
    move_recommendation(demo_db, ids[11], 0)
    assert [r.id for r in _recs(demo_db, workshop)] == [ids[11], *ids[:11]]
    move_recommendation(demo_db, ids[11], 100)
    assert [r.id for r in _recs(demo_db, workshop)] == ids
    set_recommendation_order(demo_db, workshop, [ids[2], ids[0]])
    assert [r.id for r in _recs(demo_db, workshop)][:3] == [ids[2], ids[1], ids[0]]
    assert [r.position for r in _recs(demo_db, workshop)] == list(range(12))
    with pytest.raises(RestitutionsInvalid):
        set_recommendation_order(demo_db, _workshop(demo_db, MIGRATION), [ids[0]])
    update_recommendation(demo_db, ids[2], kept=False)
    with demo_db.read() as session:
        final = final_list(session, workshop)
    assert ids[2] not in [e.recommendation.id for e in final]
    assert final[0].number == 1


def test_delete_and_restore_gives_back_id_place_and_sources(demo_db: Database) -> None:
    workshop = _workshop(demo_db)
    before = _recs(demo_db, workshop)
    snap = delete_recommendation(demo_db, before[4].id)
    assert [r.id for r in _recs(demo_db, workshop)] == [r.id for r in before if r != before[4]]
    restore_recommendation(demo_db, snap)
    assert _recs(demo_db, workshop) == before


def test_undo_of_an_edit_with_a_snapshot(demo_db: Database) -> None:
    workshop = _workshop(demo_db)
    before = _recs(demo_db, workshop)
    with demo_db.read() as session:
        snap = snapshot(session, before[0].id)
    update_recommendation(demo_db, before[0].id, text="x", votes=0, kept=False, priority=None)
    restore_recommendation(demo_db, snap)
    assert _recs(demo_db, workshop) == before


def test_import_all_items_is_a_quick_start_done_once(demo_db: Database) -> None:
    _before_consolidation(demo_db)
    workshop = _workshop(demo_db)
    created = import_all_items(demo_db, workshop)
    assert len(created) == 16
    rows = _recs(demo_db, workshop)
    assert len(rows) == 28
    assert all(len(r.sources) == 1 and r.sources[0].item_id for r in rows[12:])
    assert import_all_items(demo_db, workshop) == []
    with demo_db.read() as session:
        assert all(i.recommendation_ids for i in candidate_items(session, workshop))


def test_deleting_an_item_keeps_its_group_and_undo_relinks_it(demo_db: Database) -> None:
    _before_consolidation(demo_db)
    workshop = _workshop(demo_db)
    item_id = _by_group(demo_db)["Groupe 2"][0]
    rec_id = create_from_items(demo_db, workshop, [item_id])
    row = delete_item(demo_db, item_id)
    assert row.kind == RECOMMENDATION and row.recommendation_ids == (rec_id,)
    with demo_db.read() as session:
        sources = recommendation(session, rec_id).sources
    assert [(s.group_name, s.item_id) for s in sources] == [("Groupe 2", None)]
    restore_item(demo_db, row)
    with demo_db.read() as session:
        sources = recommendation(session, rec_id).sources
        view = restitution_view(session, row.group_id)
    assert [(s.group_name, s.item_id) for s in sources] == [("Groupe 2", item_id)]
    assert item_id in [i.id for i in view.items]


def test_search_finds_consolidated_recommendations(demo_db: Database) -> None:
    workshop = _workshop(demo_db)
    with demo_db.read() as session:
        hits = search(session, workshop, "guichet unique BAOS")
    recs = [h for h in hits if h.entity == "recommendation"]
    assert len(recs) == 1 and recs[0].title == "Recommandation consolidée n°\u00a05"


def test_search_numbers_recommendations_as_the_final_list_does(demo_db: Database) -> None:
    workshop = _workshop(demo_db)
    with demo_db.read() as session:
        kept = final_list(session, workshop)
        every = consolidated(session, workshop)
        titles = {}
        for rec in every:
            word = rec.text.split()[2]
            for hit in search(session, workshop, word):
                if hit.entity == "recommendation" and hit.entity_id == rec.id:
                    titles[rec.id] = hit.title
    numbers = {entry.recommendation.id: entry.number for entry in kept}
    for rec in every:
        if rec.id in numbers:
            assert titles[rec.id] == f"Recommandation consolidée n°\u00a0{numbers[rec.id]}"
        else:
            assert titles[rec.id] == "Recommandation non retenue"
