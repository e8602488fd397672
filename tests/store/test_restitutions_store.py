"""Restitutions in the store: items, order, undo, revisions, agenda notes, exact text, search."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, insert, select

from facilitator.core.text import fold
from facilitator.store import restitutions as rs
from facilitator.store import revisions as rv
from facilitator.store import search as search_module
from facilitator.store.agenda_notes import agenda_note, agenda_notes, save_agenda_note
from facilitator.store.database import Database, open_database
from facilitator.store.models import (
    AgendaItem,
    Group,
    GroupRound,
    Recommendation,
    RestitutionItem,
    Revision,
)
from facilitator.store.restitution_fields import (
    CHALLENGE,
    GOOD_PRACTICE,
    KEEP,
    KINDS,
    OPPORTUNITY,
    RECOMMENDATION,
    RestitutionsInvalid,
    horizon_from_text,
    horizon_label,
    kind_heading,
    kind_label,
    rec_type_label,
)
from facilitator.store.restitution_items import (
    add_item,
    delete_item,
    move_item,
    restore_item,
    set_order,
    update_item,
)
from facilitator.store.restitutions import (
    groups_with_restitutions,
    restitution_view,
    save_restitution,
)
from facilitator.store.revisions import restore_revision, revisions
from facilitator.store.search import match_key, search
from facilitator.store.workshops import find_workshop

M4SD = "m4sd-cloture-thies-2023"
MIGRATION = "migration-circulaire-dakar-2025"
# Every kind of text people paste: scripts, emoji, markup, entities, control characters.
TRICKY = (
    "Recommandation « clé » : الهجرة والتنمية — 🇸🇳👩🏾‍🌾✊🏿 <b>gras</b> &amp; <script>x</script> "
    "&lt;i&gt; \t\x01\x07\x1b\x7f\u200b\u202e\ufeff \r\n\r fin\u2028ligne ＼ 𝔘𝔫𝔦"
)


class Clock:
    """The instant revisions are recorded at, moved by hand."""

    def __init__(self) -> None:
        self.now = dt.datetime(2023, 10, 27, 10, 0, 0)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(rv, "_now", fake)
    return fake


def _workshop(db: Database, slug: str = M4SD) -> int:
    with db.read() as session:
        return find_workshop(session, slug).id


def _group_ids(db: Database, slug: str = M4SD) -> list[int]:
    with db.read() as session:
        rounds = groups_with_restitutions(session, _workshop(db, slug))
    return [g.group_id for r in rounds for g in r.groups]


@pytest.fixture
def blank_group(demo_db: Database) -> int:
    """A group of the Dakar demo workshop on which nothing is written yet."""
    with demo_db.write() as session:
        round_row = GroupRound(workshop_id=find_workshop(session, MIGRATION).id, name="Matin")
        session.add(round_row)
        session.flush()
        group = Group(round_id=round_row.id, name="Groupe A", theme="Retour")
        session.add(group)
        session.flush()
        return group.id


def _view(db: Database, group_id: int) -> rs.RestitutionView:
    with db.read() as session:
        return restitution_view(session, group_id)


# Reading ---------------------------------------------------------------------------------------


def test_demo_restitutions_show_rapporteur_notes_and_the_four_kinds(demo_db: Database) -> None:
    with demo_db.read() as session:
        rounds = groups_with_restitutions(session, _workshop(demo_db))
    assert [r.round_name for r in rounds] == ["Travaux de groupe – actions clés"]
    groups = rounds[0].groups
    assert [g.name for g in groups] == ["Groupe 1", "Groupe 2", "Groupe 3", "Groupe 4"]
    assert [g.item_count for g in groups] == [11, 10, 9, 10]
    assert sum(g.count(RECOMMENDATION) for g in groups) == 16
    assert all(g.has_notes and g.rapporteur for g in groups)
    assert [kind for kind, _n in groups[0].counts] == [
        CHALLENGE,
        OPPORTUNITY,
        GOOD_PRACTICE,
        RECOMMENDATION,
    ]
    view = _view(demo_db, groups[0].group_id)
    assert view.group_name == "Groupe 1" and view.theme == "Emplois verts et jeunes"
    assert view.rapporteur == view.group_rapporteur != ""
    assert view.notes.startswith("Le groupe a constaté")
    assert view.updated_at is not None
    assert [i.position for i in view.items] == list(range(11))
    assert view.items[0].kind == CHALLENGE and view.items[0].text.startswith("Accès limité")
    recs = view.items_of(RECOMMENDATION)
    assert recs and all(r.rec_type in ("policy", "operational") for r in recs)
    assert {r.horizon for r in recs} <= {"under_1_year", "2_to_5_years"}


def test_labels_are_french_and_unknown_keys_shown_as_typed() -> None:
    assert [kind_label(k) for k in KINDS] == [
        "Défi",
        "Opportunité",
        "Bonne pratique",
        "Recommandation",
    ]
    assert kind_heading(GOOD_PRACTICE) == "Bonnes pratiques"
    assert rec_type_label("policy") == "Politique" and rec_type_label(None) == ""
    assert horizon_label("under_1_year") == "Moins d’un an"
    assert horizon_label("d’ici la COP") == "d’ici la COP" and horizon_label(None) == ""
    assert horizon_from_text("Moins d'un an") == "under_1_year"
    assert horizon_from_text("2 A 5 ANS") == "2_to_5_years"
    assert horizon_from_text("  avant 2030 ") == "avant 2030"
    assert horizon_from_text("  ") is None


def test_a_group_without_restitution_reads_empty(demo_db: Database, blank_group: int) -> None:
    view = _view(demo_db, blank_group)
    assert (view.rapporteur, view.notes, view.items, view.updated_at) == ("", "", (), None)
    assert view.round_name == "Matin"
    with demo_db.read() as session, pytest.raises(RestitutionsInvalid):
        restitution_view(session, 999_999)


# Writing ---------------------------------------------------------------------------------------


def test_save_restitution_creates_the_row_then_updates_fields_one_at_a_time(
    demo_db: Database, blank_group: int
) -> None:
    save_restitution(demo_db, blank_group, rapporteur="", notes="")  # focus left, nothing typed
    assert _view(demo_db, blank_group).updated_at is None
    save_restitution(demo_db, blank_group, rapporteur="Awa Ndiaye")
    view = _view(demo_db, blank_group)
    assert (view.rapporteur, view.notes) == ("Awa Ndiaye", "")
    assert view.updated_at is not None
    save_restitution(demo_db, blank_group, notes="Première idée")
    save_restitution(demo_db, blank_group, notes="Première idée, puis la suite")
    view = _view(demo_db, blank_group)
    assert (view.rapporteur, view.notes) == ("Awa Ndiaye", "Première idée, puis la suite")
    with pytest.raises(RestitutionsInvalid):
        save_restitution(demo_db, blank_group, rapporteur="x" * 301)
    with pytest.raises(RestitutionsInvalid):
        save_restitution(demo_db, 999_999, notes="perdu")


def test_add_update_and_clear_item_fields(demo_db: Database, blank_group: int) -> None:
    first = add_item(demo_db, blank_group, CHALLENGE, "Accès au crédit")
    rec = add_item(
        demo_db,
        blank_group,
        RECOMMENDATION,
        "Créer un fonds",
        rec_type="policy",
        actor="MAESE",
        horizon="2_to_5_years",
        priority=1,
    )
    middle = add_item(demo_db, blank_group, OPPORTUNITY, "Diaspora", after_id=first)
    view = _view(demo_db, blank_group)
    assert [i.id for i in view.items] == [first, middle, rec]
    row = view.items[2]
    assert (row.rec_type, row.actor, row.horizon, row.priority) == (
        "policy",
        "MAESE",
        "2_to_5_years",
        1,
    )
    update_item(demo_db, rec, text="Créer un fonds de garantie", horizon=None)
    row = _view(demo_db, blank_group).items[2]
    assert row.text == "Créer un fonds de garantie"
    assert (row.rec_type, row.horizon, row.priority) == ("policy", None, 1)
    update_item(demo_db, rec, rec_type="operational", horizon="d’ici fin 2024", priority=KEEP)
    update_item(demo_db, first, kind=GOOD_PRACTICE, actor="ARD")
    view = _view(demo_db, blank_group)
    assert (view.items[2].rec_type, view.items[2].horizon) == ("operational", "d’ici fin 2024")
    assert (view.items[0].kind, view.items[0].actor) == (GOOD_PRACTICE, "ARD")


@pytest.mark.parametrize(
    "change",
    [
        {"kind": "défi"},
        {"rec_type": "politique"},
        {"horizon": "h" * 41},
        {"priority": -1},
    ],
)
def test_invalid_values_are_refused_and_write_nothing(
    demo_db: Database, blank_group: int, change: dict[str, object]
) -> None:
    item = add_item(demo_db, blank_group, CHALLENGE, "Avant")
    with pytest.raises(RestitutionsInvalid):
        update_item(demo_db, item, text="Après", **change)  # type: ignore[arg-type]
    assert _view(demo_db, blank_group).items[0].text == "Avant"
    with pytest.raises(RestitutionsInvalid):
        add_item(demo_db, blank_group, "défi")


def test_move_item_within_its_kind_and_set_order(demo_db: Database, blank_group: int) -> None:
    c1 = add_item(demo_db, blank_group, CHALLENGE, "c1")
    r1 = add_item(demo_db, blank_group, RECOMMENDATION, "r1")
    c2 = add_item(demo_db, blank_group, CHALLENGE, "c2")
    r2 = add_item(demo_db, blank_group, RECOMMENDATION, "r2")
    c3 = add_item(demo_db, blank_group, CHALLENGE, "c3")
    move_item(demo_db, c3, 0)
    assert [i.id for i in _view(demo_db, blank_group).items] == [c3, r1, c1, r2, c2]
    move_item(demo_db, c3, 99)
    view = _view(demo_db, blank_group)
    assert [i.id for i in view.items_of(CHALLENGE)] == [c1, c2, c3]
    assert [i.position for i in view.items] == [0, 1, 2, 3, 4]
    set_order(demo_db, blank_group, [r2, r1])
    assert [i.id for i in _view(demo_db, blank_group).items] == [c1, r2, c2, r1, c3]
    set_order(demo_db, blank_group, [r1, r2, c3, c2, c1])
    assert [i.id for i in _view(demo_db, blank_group).items] == [r1, r2, c3, c2, c1]
    other = _group_ids(demo_db)[0]
    with pytest.raises(RestitutionsInvalid):
        set_order(demo_db, other, [r1])
    with pytest.raises(RestitutionsInvalid):
        set_order(demo_db, blank_group, [r1, r1])


def test_delete_then_restore_gives_back_the_same_id_place_and_links(
    demo_db: Database, blank_group: int
) -> None:
    ids = [add_item(demo_db, blank_group, CHALLENGE, f"défi {n}") for n in range(4)]
    victim = ids[1]
    update_item(demo_db, victim, actor="Mairie", priority=2)
    with demo_db.write() as session:
        session.execute(
            insert(rs.RecommendationSource),
            [{"recommendation_id": _any_rec(demo_db), "group_id": blank_group, "item_id": victim}],
        )
    row = delete_item(demo_db, victim)
    assert row.id == victim and row.text == "défi 1" and row.recommendation_ids
    assert [i.id for i in _view(demo_db, blank_group).items] == [ids[0], ids[2], ids[3]]
    assert restore_item(demo_db, row) == victim
    view = _view(demo_db, blank_group)
    assert [i.id for i in view.items] == ids
    assert view.items[1].actor == "Mairie" and view.items[1].priority == 2
    assert view.items[1].recommendation_ids == row.recommendation_ids


def _any_rec(db: Database) -> int:
    with db.read() as session:
        found = session.scalar(select(func.min(Recommendation.id)))
    assert found is not None
    return found


def test_restore_after_the_id_was_taken_uses_a_new_id(demo_db: Database, blank_group: int) -> None:
    last = add_item(demo_db, blank_group, CHALLENGE, "dernier")
    row = delete_item(demo_db, last)
    newer = add_item(demo_db, blank_group, CHALLENGE, "nouveau")
    restored = restore_item(demo_db, row)
    assert restored != row.id or newer != row.id
    texts = [i.text for i in _view(demo_db, blank_group).items]
    assert sorted(texts) == ["dernier", "nouveau"]


# Revisions -------------------------------------------------------------------------------------


def _revisions(db: Database, entity: str, entity_id: int, field: str) -> list[str]:
    with db.read() as session:
        return [r.text for r in revisions(session, entity, entity_id, field)]


def test_a_burst_of_autosaves_keeps_one_revision_a_minute(
    demo_db: Database, blank_group: int, clock: Clock
) -> None:
    item = add_item(demo_db, blank_group, CHALLENGE, "")
    text = ""
    for word in ["les", "jeunes", "manquent", "de", "crédit"]:
        text += word + " "
        update_item(demo_db, item, text=text)
        clock.advance(1)
    # The first non-empty text is kept, then the burst is coalesced with it.
    assert _revisions(demo_db, "item", item, "text") == ["les "]
    for letter in "et de marchés":
        clock.advance(1)
        text += letter
        update_item(demo_db, item, text=text)
    assert _revisions(demo_db, "item", item, "text") == ["les "]
    clock.advance(61)
    update_item(demo_db, item, text=text + ".")
    assert _revisions(demo_db, "item", item, "text") == [text, "les "]
    update_item(demo_db, item, text=text + "..")
    assert _revisions(demo_db, "item", item, "text") == [text, "les "]


def test_a_big_deletion_is_kept_at_once(demo_db: Database, blank_group: int, clock: Clock) -> None:
    long_text = "Une longue recommandation écrite avec soin pendant la restitution."
    save_restitution(demo_db, blank_group, notes=long_text)
    save_restitution(demo_db, blank_group, notes=long_text + " Encore.")
    clock.advance(2)
    save_restitution(demo_db, blank_group, notes="")  # select all, delete
    assert _revisions(demo_db, "restitution", blank_group, "notes")[0] == long_text + " Encore."
    clock.advance(2)
    save_restitution(demo_db, blank_group, notes="Une longue recommandation (collée par erreur)")
    assert _revisions(demo_db, "restitution", blank_group, "notes") == [
        long_text + " Encore.",
        long_text,
    ]


def test_revisions_are_capped_per_field(demo_db: Database, blank_group: int, clock: Clock) -> None:
    item = add_item(demo_db, blank_group, CHALLENGE, "v0")
    for n in range(1, rv.REVISIONS_KEPT + 11):
        clock.advance(61)
        update_item(demo_db, item, text=f"v{n}")
    kept = _revisions(demo_db, "item", item, "text")
    assert len(kept) == rv.REVISIONS_KEPT
    assert kept[0] == f"v{rv.REVISIONS_KEPT + 9}" and kept[-1] == "v10"


def test_restore_revision_keeps_the_replaced_text(
    demo_db: Database, blank_group: int, clock: Clock
) -> None:
    item = add_item(demo_db, blank_group, RECOMMENDATION, "Texte juste")
    update_item(demo_db, item, text="Texte faux")
    with demo_db.read() as session:
        (earlier,) = revisions(session, "item", item, "text")
    assert earlier.text == "Texte juste" and earlier.saved_at == clock.now
    clock.advance(1)
    restore_revision(demo_db, earlier.id)
    assert _view(demo_db, blank_group).items[0].text == "Texte juste"
    assert _revisions(demo_db, "item", item, "text") == ["Texte faux", "Texte juste"]
    with pytest.raises(RestitutionsInvalid):
        restore_revision(demo_db, 999_999)


def test_a_new_item_taking_a_deleted_id_has_no_history(demo_db: Database, blank_group: int) -> None:
    item = add_item(demo_db, blank_group, CHALLENGE, "ancien texte")
    update_item(demo_db, item, text="ancien texte modifié complètement, autre chose")
    assert _revisions(demo_db, "item", item, "text")
    delete_item(demo_db, item)
    newer = add_item(demo_db, blank_group, CHALLENGE, "neuf")
    assert _revisions(demo_db, "item", newer, "text") == []


# Agenda notes ----------------------------------------------------------------------------------


def test_agenda_notes_save_read_and_list_in_agenda_order(demo_db: Database, clock: Clock) -> None:
    workshop = _workshop(demo_db, MIGRATION)
    with demo_db.read() as session:
        items = session.scalars(
            select(AgendaItem.id)
            .where(AgendaItem.workshop_id == workshop, AgendaItem.parent_id.is_(None))
            .order_by(AgendaItem.day, AgendaItem.position)
        ).all()
        before = agenda_notes(session, workshop)
        assert agenda_note(session, items[1]) is None
    save_agenda_note(demo_db, items[1], "")  # nothing typed: no row
    with demo_db.read() as session:
        assert agenda_note(session, items[1]) is None
    save_agenda_note(demo_db, items[1], "Deuxième point")
    save_agenda_note(demo_db, items[0], "Premier point")
    with demo_db.read() as session:
        note = agenda_note(session, items[1])
        listed = agenda_notes(session, workshop)
    assert note is not None and note.text == "Deuxième point"
    assert len(listed) == len({n.agenda_item_id for n in before} | {items[0], items[1]})
    positions = [x.agenda_item_id for x in listed]
    assert positions.index(items[0]) < positions.index(items[1])
    save_agenda_note(demo_db, items[1], "Autre chose")
    assert _revisions(demo_db, "agenda_note", items[1], "text") == ["Deuxième point"]
    with pytest.raises(RestitutionsInvalid):
        save_agenda_note(demo_db, 999_999, "perdu")


# Exact text ------------------------------------------------------------------------------------


def test_a_one_megabyte_paste_with_any_script_is_stored_exactly(
    demo_db: Database, blank_group: int, db_path: object
) -> None:
    big = (TRICKY * (1_048_576 // len(TRICKY) + 1))[:1_048_576]
    item = add_item(demo_db, blank_group, RECOMMENDATION, big, actor=TRICKY)
    save_restitution(demo_db, blank_group, rapporteur="عائشة 👩🏾 <i>Ndiaye</i>", notes=big)
    view = _view(demo_db, blank_group)
    assert view.notes == big and len(view.notes) == 1_048_576
    assert view.items[0].text == big and view.items[0].actor == TRICKY
    assert view.rapporteur == "عائشة 👩🏾 <i>Ndiaye</i>"
    update_item(demo_db, item, text=TRICKY)
    assert _view(demo_db, blank_group).items[0].text == TRICKY
    assert _revisions(demo_db, "item", item, "text") == [big]


def test_nul_becomes_a_replacement_character(demo_db: Database, blank_group: int) -> None:
    save_restitution(demo_db, blank_group, notes="a\x00b")
    assert _view(demo_db, blank_group).notes == "a\ufffdb"


def test_a_save_is_durable_when_the_function_returns(db_path: object, demo_db: Database) -> None:
    group = _group_ids(demo_db)[1]
    item = _view(demo_db, group).items[0].id
    save_restitution(demo_db, group, notes="Note confirmée")
    update_item(demo_db, item, text="Point confirmé")
    assert demo_db.path is not None
    other = open_database(demo_db.path)
    try:
        with other.read() as session:
            view = restitution_view(session, group)
    finally:
        other.dispose()
    assert view.notes == "Note confirmée" and view.items[0].text == "Point confirmé"


# Search ----------------------------------------------------------------------------------------


def test_search_ignores_accents_case_and_word_order(demo_db: Database) -> None:
    workshop = _workshop(demo_db)
    with demo_db.read() as session:
        hits = search(session, workshop, "CREDIT acces")
        assert search(session, workshop, "  ") == []
        assert search(session, workshop, "zzzz introuvable") == []
    texts = [h.snippet for h in hits]
    assert any("Accès limité des jeunes" in t for t in texts)
    first = next(h for h in hits if h.entity == "item")
    assert first.group_id is not None and first.title.startswith("Groupe 1 — Défi")
    start, end = first.match
    assert fold(first.snippet[start:end]) in ("acces", "credit")


def test_search_reaches_notes_actors_agenda_and_consolidated_list(
    demo_db: Database, blank_group: int
) -> None:
    workshop = _workshop(demo_db, MIGRATION)
    item = add_item(demo_db, blank_group, RECOMMENDATION, "Former les agents", actor="Ministère")
    save_restitution(demo_db, blank_group, notes="Le groupe parle de l’état civil numérique.")
    with demo_db.read() as session:
        agenda_id = session.scalar(
            select(AgendaItem.id).where(AgendaItem.workshop_id == workshop).limit(1)
        )
    assert agenda_id is not None
    save_agenda_note(demo_db, agenda_id, "Question sur l'ÉTAT civil en Casamance")
    with demo_db.read() as session:
        hits = search(session, workshop, "etat CIVIL")
        actor_hits = search(session, workshop, "ministere")
    assert {(h.entity, h.field) for h in hits} == {
        ("agenda_note", "text"),
        ("restitution", "notes"),
    }
    assert hits[0].agenda_item_id == agenda_id
    assert [(h.entity, h.entity_id, h.field) for h in actor_hits] == [("item", item, "actor")]
    with demo_db.read() as session:
        m4sd = search(session, _workshop(demo_db), "fonds garantie regional")
    assert "recommendation" in {h.entity for h in m4sd}


def test_snippet_is_one_line_around_the_first_match() -> None:
    text = "Début.\n" + "mot " * 100 + "la sécurité\nalimentaire " + "fin " * 100
    snippet, (start, end) = search_module._snippet(text, ["securite"])
    assert "\n" not in snippet and snippet.startswith("…") and snippet.endswith("…")
    assert snippet[start:end] == "sécurité"
    assert len(snippet) < 200


def test_search_in_a_one_megabyte_note_finds_the_end(demo_db: Database, blank_group: int) -> None:
    big = "bla " * 260_000 + "Téranga à la fin"
    save_restitution(demo_db, blank_group, notes=big)
    with demo_db.read() as session:
        (hit,) = search(session, _workshop(demo_db, MIGRATION), "teranga")
    assert "Téranga à la fin" in hit.snippet


def five_thousand_items(db: Database, group_id: int) -> list[str]:
    """5,000 more items in `group_id`, the demo's texts over again, numbered; their texts.

    Also the input of tests/perf/test_perf_search.py, which times the search over them."""
    with db.read() as session:
        texts = session.scalars(select(RestitutionItem.text).order_by(RestitutionItem.id)).all()
    added = [f"{texts[n % len(texts)]} n°{n}" for n in range(5_000)]
    rows = [
        {
            "group_id": group_id,
            "kind": CHALLENGE,
            "text": text,
            "actor": "Ministère de l’Intérieur",
            "position": n,
        }
        for n, text in enumerate(added)
    ]
    with db.write() as session:
        session.execute(insert(RestitutionItem), rows)
    return added


def test_search_over_five_thousand_items_finds_each_match(
    demo_db: Database, blank_group: int
) -> None:
    # How fast is measured in tests/perf/test_perf_search.py, against a plain scan of the same
    # rows: a time limit here would fail on a loaded test machine.
    added = five_thousand_items(demo_db, blank_group)
    words = fold("fonds régional").split()
    expected = [text for text in added if all(word in fold(text) for word in words)]
    assert 0 < len(expected) < len(added)
    with demo_db.read() as session:
        hits = search(session, _workshop(demo_db, MIGRATION), "fonds régional")
    found = [hit for hit in hits if hit.group_id == blank_group]
    assert all((hit.entity, hit.field) == ("item", "text") for hit in found)
    with demo_db.read() as session:
        rows = session.execute(
            select(RestitutionItem.id, RestitutionItem.text).where(
                RestitutionItem.group_id == blank_group
            )
        )
        text_of = {item_id: text for item_id, text in rows.tuples()}
    assert [text_of[hit.entity_id] for hit in found] == expected  # each match, in order, once
    for hit in found:
        start, end = hit.match
        assert any(word in fold(hit.snippet[start:end]) for word in words)


@given(st.text(max_size=30), st.text(max_size=6))
def test_match_key_matches_exactly_what_fold_matches(text: str, query: str) -> None:
    assert " ".join(re.sub(r"[\W_]+", " ", match_key(text)).split()) == fold(text)
    for word in fold(query).split():
        assert (word in fold(text)) == (word in match_key(text))


def test_revisions_table_rows_carry_the_workshop(demo_db: Database, blank_group: int) -> None:
    item = add_item(demo_db, blank_group, CHALLENGE, "un texte assez long pour compter, oui oui")
    update_item(demo_db, item, text="")
    with demo_db.read() as session:
        (workshop_id,) = session.scalars(
            select(Revision.workshop_id).where(Revision.entity_id == item)
        ).all()
    assert workshop_id == _workshop(demo_db, MIGRATION)
