"""Likely matches for a walk-in's name (facilitator.core.name_match)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from facilitator.core.name_match import NameIndex

PEOPLE = [
    (1, "Awa", "Mbaye", "Croix-Rouge sénégalaise"),
    (2, "Awa", "Diop", "OIM Sénégal"),
    (3, "Moussa", "Mbaye", "Sonatel"),
    (4, "Aïssatou", "N'DIAYE", "Organisation internationale pour les migrations (OIM)"),
    (5, "Ndèye Fatou", "Mbaye-Sarr", ""),
    (6, "Awa", "Mbayeda", "Croix-Rouge sénégalaise"),
]


def ids(index: NameIndex, first: str, last: str, organisation: str = "") -> list[int]:
    matches, _count = index.likely(first, last, organisation)
    return [m.participant_id for m in matches]


def test_the_issue_case_finds_the_registered_person_first() -> None:
    index = NameIndex(PEOPLE)
    matches, count = index.likely("Awa", "Mbaye", "Croix-Rouge")
    assert matches[0].participant_id == 1
    assert matches[0].exact_name and matches[0].same_organisation
    assert count == 2  # « Mbayeda » begins with « Mbaye »: listed, after
    assert [m.participant_id for m in matches] == [1, 6]


def test_accents_case_apostrophes_and_swapped_names_do_not_matter() -> None:
    index = NameIndex(PEOPLE)
    assert ids(index, "AISSATOU", "ndiaye")[0] == 4
    assert ids(index, "N’Diaye", "Aissatou")[0] == 4
    assert ids(index, "Mbaye", "Awa")[0] == 1  # first and last names swapped
    assert ids(index, "", "mbaye awa")[0] == 1  # all typed in one field
    assert 5 in ids(index, "ndeye", "sarr")  # a part of a hyphenated name


def test_a_name_typed_so_far_matches_as_the_start_of_words() -> None:
    index = NameIndex(PEOPLE)
    assert set(ids(index, "Awa", "Mb")) == {1, 6}
    assert ids(index, "Moussa", "") == [3]
    assert ids(index, "Aw", "") == []  # too little typed to help
    assert ids(index, "Awa", "Fall") == []  # every typed word must match


def test_the_organisation_ranks_but_never_excludes() -> None:
    index = NameIndex(PEOPLE)
    by_org = index.likely("Awa", "", "OIM")[0]
    assert by_org[0].participant_id == 2 and by_org[0].same_organisation
    assert {m.participant_id for m in by_org} == {1, 2, 6}
    # The typed organisation longer than the registered one still counts as the same.
    assert index.likely("Awa", "Diop", "OIM Sénégal, bureau de Dakar")[0][0].same_organisation
    assert not index.likely("Awa", "Diop", "Sonatel")[0][0].same_organisation


def test_the_limit_and_the_total() -> None:
    many = [(i, "Awa", f"Ba{i}", "") for i in range(1, 40)]
    matches, count = NameIndex(many).likely("Awa", "Ba", limit=5)
    assert len(matches) == 5 and count == 39


@given(
    st.lists(
        st.tuples(st.text(max_size=12), st.text(max_size=12), st.text(max_size=20)), max_size=30
    ),
    st.text(max_size=15),
    st.text(max_size=15),
)
def test_any_text_never_raises_and_a_registered_name_finds_its_bearer(
    people: list[tuple[str, str, str]], first: str, last: str
) -> None:
    rows = [(i + 1, f, la, o) for i, (f, la, o) in enumerate(people)]
    index = NameIndex(rows)
    index.likely(first, last)
    for participant_id, f, la, _o in rows:
        matches, _count = index.likely(f, la, limit=len(rows) + 1)
        if matches:
            assert participant_id in {m.participant_id for m in matches}
