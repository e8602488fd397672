"""Benchmark for the search over notes and items (run on demand:
`python -m pytest tests/perf/test_perf_search.py -s`).

A workshop with 5,000 more items: search (every word, any order, without case or accents, a
snippet for each hit) against the least a search does: read the same texts and look for the
words in each with str.lower. Timed with the search's cache of folded texts emptied (the first
search) and filled (search-as-you-type, the next keystrokes).
"""

from __future__ import annotations

from sqlalchemy import select

from facilitator.store import search as search_module
from facilitator.store.database import Database
from facilitator.store.models import Group, GroupRound, RestitutionItem
from facilitator.store.search import search
from facilitator.store.workshops import find_workshop
from tests.perf.ratio import compare
from tests.store.test_restitutions_store import MIGRATION, five_thousand_items

QUERY = "fonds régional"
# Folding accents (and making snippets) costs more than str.lower: measured 5.5 to 9.1 times the
# plain scan for the first search, 1.5 to 3.0 times once the folded texts are remembered, on a
# busy 2-core machine. The bounds catch a search grown several times dearer, not noise.
COLD_RATIO = 15.0
WARM_RATIO = 5.0


def _blank_group(db: Database) -> tuple[int, int]:
    with db.write() as session:
        workshop_id = find_workshop(session, MIGRATION).id
        round_row = GroupRound(workshop_id=workshop_id, name="Matin")
        session.add(round_row)
        session.flush()
        group = Group(round_id=round_row.id, name="Groupe A", theme="Retour")
        session.add(group)
        session.flush()
        return workshop_id, group.id


def _plain_scan(db: Database, workshop_id: int) -> list[int]:
    words = QUERY.lower().split()
    with db.read() as session:
        rows = session.execute(
            select(RestitutionItem.id, RestitutionItem.text)
            .join(Group, Group.id == RestitutionItem.group_id)
            .join(GroupRound, GroupRound.id == Group.round_id)
            .where(GroupRound.workshop_id == workshop_id)
            .order_by(RestitutionItem.position, RestitutionItem.id)
        ).tuples()
        return [item_id for item_id, text in rows if all(w in text.lower() for w in words)]


def _search(db: Database, workshop_id: int, cold: bool) -> int:
    if cold:
        search_module._remembered_key.cache_clear()
    with db.read() as session:
        return len(search(session, workshop_id, QUERY))


def test_search_over_five_thousand_items_against_a_plain_scan(demo_db: Database) -> None:
    workshop_id, group_id = _blank_group(demo_db)
    five_thousand_items(demo_db, group_id)
    found = _search(demo_db, workshop_id, cold=True)
    assert found >= len(_plain_scan(demo_db, workshop_id)) > 0
    cold = compare(
        "search over 5,000 more items, first search",
        lambda: _search(demo_db, workshop_id, cold=True),
        lambda: _plain_scan(demo_db, workshop_id),
        "the same texts read and matched with str.lower",
        runs=9,
    )
    warm = compare(
        "  the same, folded texts remembered",
        lambda: _search(demo_db, workshop_id, cold=False),
        lambda: _plain_scan(demo_db, workshop_id),
        "the same texts read and matched with str.lower",
        runs=9,
    )
    assert cold < COLD_RATIO
    assert warm < WARM_RATIO
