"""Benchmark for the walk-in form's likely matches (issue 12, point 4), on demand:
`python -m pytest tests/perf/test_perf_walkin.py -s`.

With 10,000 participants, each keystroke of a walk-in's name looks the typed words up in the
desk's name index (built off the UI thread when the list loads). Compared in the same run with
the least a search must do without an index: one pass over the 10,000 names with `str.lower`
and `in`. The index's build is compared with reading the same list from the database, which it
follows in the same worker thread.
"""

from __future__ import annotations

import random

from facilitator.core.name_match import NameIndex
from facilitator.core.text import fold
from tests.perf.ratio import compare
from tests.perf.test_perf_participants import FIRST, LAST, ORGS

PEOPLE = 10_000
# Typing « Awa Mbaye » then « Croix-Rouge »: what the form looks up, keystroke by keystroke
# (the form waits 120 ms after the last key, so fewer lookups happen in practice).
TYPED = [
    ("Awa", "", ""),
    ("Awa", "M", ""),
    ("Awa", "Mb", ""),
    ("Awa", "Mba", ""),
    ("Awa", "Mbay", ""),
    ("Awa", "Mbaye", ""),
    ("Awa", "Mbaye", "Croix"),
    ("Awa", "Mbaye", "Croix-Rouge"),
]
# Measured 0.09 to 0.11 of the plain scan (under 1 ms a keystroke) on a busy 2-core machine:
# an index that became a scan (or worse) fails, noise does not.
KEYSTROKE_RATIO = 0.6
# Building the index (in the loading thread, never on the UI's): measured 1.8 to 2.2 times the
# folding of every name (70 to 80 ms for 10,000); a build grown several times dearer fails.
BUILD_RATIO = 4.0


def _people(seed: int = 7) -> list[tuple[int, str, str, str]]:
    rng = random.Random(seed)
    rows = [
        (i + 1, f"{rng.choice(FIRST)} {rng.choice(FIRST)}", rng.choice(LAST), rng.choice(ORGS))
        for i in range(PEOPLE)
    ]
    rows.append((PEOPLE + 1, "Awa", "Mbaye", "Croix-Rouge sénégalaise"))
    return rows


def _plain_scan(rows: list[tuple[int, str, str, str]]) -> int:
    """The least a search without an index does: every name, lowered, for every keystroke."""
    found = 0
    for first, last, _organisation in TYPED:
        words = f"{first} {last}".lower().split()
        found += sum(1 for _id, f, la, _o in rows if all(w in f"{f} {la}".lower() for w in words))
    return found


def test_each_keystroke_is_a_lookup_not_a_scan() -> None:
    rows = _people()
    index = NameIndex(rows)
    matches, _total = index.likely("Awa", "Mbaye", "Croix-Rouge")
    assert matches[0].participant_id == PEOPLE + 1 and matches[0].same_organisation

    def ours() -> None:
        for first, last, organisation in TYPED:
            index.likely(first, last, organisation)

    ratio = compare(
        f"walk-in matches, {len(TYPED)} keystrokes over {PEOPLE:,} participants",
        ours,
        lambda: _plain_scan(rows),
        "a plain lower-case scan of every name per keystroke",
    )
    assert ratio < KEYSTROKE_RATIO


def test_the_index_builds_about_as_fast_as_the_names_are_folded() -> None:
    rows = _people()

    def baseline() -> None:
        fold.cache_clear()
        for _id, first, last, organisation in rows:
            fold(f"{first} {last}")
            fold(organisation)

    def ours() -> None:
        fold.cache_clear()
        NameIndex(rows)

    ratio = compare(
        f"name index for {PEOPLE:,} participants (in the desk's loading thread)",
        ours,
        baseline,
        "folding every name and organisation once",
    )
    assert ratio < BUILD_RATIO
