"""A participant type's tag on a group card: its whole name when it fits, else the usual French
abbreviations; never a word cut anywhere (« Organi. », « Minist. ») nor a first word that
says something else (« Société » for « Société civile »)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("word", "short"),
    [
        ("Organisations", "Org."),
        ("internationales", "int."),
        ("Ministères", "Min."),
        ("Société", "Soc."),
        ("Migrants", "Migr."),
        ("circulaires", "circ."),
        ("Collectivités", "Coll."),
        ("civile", "civ."),
        ("privé", "privé"),  # five letters: whole
        ("ARD", "ARD"),
    ],
)
def test_a_word_is_cut_after_its_first_syllable(word: str, short: str) -> None:
    from facilitator.ui.groups.tags import abbreviate

    assert abbreviate(word) == short


@pytest.mark.parametrize(
    ("name", "forms"),
    [
        ("Ministères", ["Ministères", "Min."]),
        ("Société civile", ["Société civile", "Société civ.", "Soc. civile", "Soc. civ.", "SC"]),
        (
            "Organisations internationales",
            ["Organisations internationales", "Org. internationales", "Organisations int.",
             "Org. int.", "OI"],
        ),
        (
            "Collectivités territoriales et ARD",
            ["Collectivités territoriales et ARD", "Coll. territoriales et ARD",
             "Collectivités terr. et ARD", "Coll. terr. et ARD", "Coll. terr.", "CTA"],
        ),
        ("ONG", ["ONG"]),
        ("", []),
    ],
)  # fmt: skip
def test_the_ways_to_write_a_type_longest_first(name: str, forms: list[str]) -> None:
    from facilitator.ui.groups.tags import tag_forms

    assert tag_forms(name) == forms


def test_the_tag_is_the_longest_form_that_fits() -> None:
    from facilitator.ui.groups.tags import fitting_tag

    def width(text: str) -> int:
        return len(text) * 6

    assert fitting_tag("Société civile", 200, width) == "Société civile"
    assert fitting_tag("Société civile", 66, width) == "Soc. civile"
    assert fitting_tag("Société civile", 54, width) == "Soc. civ."
    assert fitting_tag("Société civile", 10, width) == "SC"  # nothing fits: the shortest
    # Never the first word alone, the tester's « Société » that reads as a company.
    for room in range(0, 200, 3):
        assert fitting_tag("Société civile", room, width) not in ("Société", "Soc.")
