"""Category values as organisers write them, read as the participant type they mean."""

from __future__ import annotations

import pytest

from facilitator.core.categories import (
    TypeName,
    category_key,
    kind_of,
    match_type,
    type_kind,
)

# A workshop made with `facilitator new` (standard keys), and one made in the app before the
# keys were kept (keys made from the French names): both must read a list alike.
CLI_TYPES = [
    TypeName(1, "ministry", "Ministères"),
    TypeName(2, "embassy", "Ambassades"),
    TypeName(3, "international", "Organisations internationales"),
    TypeName(4, "civil_society", "Société civile"),
    TypeName(5, "private_sector", "Secteur privé"),
    TypeName(6, "media", "Médias"),
    TypeName(7, "migrant", "Migrants circulaires"),
]
APP_TYPES = [
    TypeName(11, "ministeres", "Ministères"),
    TypeName(12, "ambassades", "Ambassades"),
    TypeName(13, "organisations_internationales", "Organisations internationales"),
    TypeName(14, "societe_civile", "Société civile"),
    TypeName(15, "secteur_prive", "Secteur privé"),
    TypeName(16, "medias", "Médias"),
    TypeName(17, "migrants_circulaires", "Migrants circulaires"),
]
ENGLISH_TYPES = [
    TypeName(21, "ministry", "Ministries"),
    TypeName(22, "embassy", "Embassies"),
    TypeName(23, "international", "International organisations"),
    TypeName(24, "civil_society", "Civil society"),
    TypeName(25, "private_sector", "Private sector"),
    TypeName(26, "media", "Media"),
    TypeName(27, "migrant", "Circular migrants"),
]


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        # The list of the issue, as typed in the « Catégorie » column.
        ("Ministère", "ministry"),
        ("Média", "media"),
        ("Représentation diplomatique", "embassy"),
        ("Organisation internationale", "international"),
        ("Migrant", "migrant"),
        # Plural, case and accents.
        ("MINISTERES", "ministry"),
        ("ministères", "ministry"),
        ("Médias", "media"),
        ("ORGANISATIONS INTERNATIONALES", "international"),
        ("Migrants circulaires", "migrant"),
        # English.
        ("Ministry", "ministry"),
        ("Embassy", "embassy"),
        ("International organization", "international"),
        ("NGO", "civil_society"),
        ("Private sector", "private_sector"),
        ("Press", "media"),
        # The usual abbreviations.
        ("Min.", "ministry"),
        ("OI", "international"),
        ("ONG", "civil_society"),
        ("ONGs", "civil_society"),
        ("OSC", "civil_society"),
        ("PTF", "international"),
        ("Amb.", "embassy"),
        # The longest phrase wins; between equals, the first one.
        ("Organisation non gouvernementale", "civil_society"),
        ("Organisation de la société civile", "civil_society"),
        ("ONG internationale", "civil_society"),
        ("Agence des Nations unies", "international"),
        ("Partenaires techniques et financiers", "international"),
    ],
)
def test_values_are_read_as_the_kind_they_name(value: str, kind: str) -> None:
    assert kind_of(value) == kind


@pytest.mark.parametrize("value", ["Collectivité locale", "Université", "Expert", "Oiseau", ""])
def test_other_values_name_no_standard_kind(value: str) -> None:
    assert kind_of(value) is None


def test_one_value_written_many_ways_has_one_key() -> None:
    keys = {category_key(v) for v in ("Ministère", "MINISTÈRES", " ministeres ", "Ministere")}
    assert keys == {"ministere"}
    assert category_key("Collectivités locales") == category_key("collectivité locale")
    assert category_key("Organisations internationales") == "organisation internationale"


@pytest.mark.parametrize("types", [CLI_TYPES, APP_TYPES, ENGLISH_TYPES])
def test_the_issue_list_finds_a_type_for_every_value_whatever_the_keys(
    types: list[TypeName],
) -> None:
    wanted = {
        "Ministère": types[0],
        "Média": types[5],
        "Représentation diplomatique": types[1],
        "Organisation internationale": types[2],
        "Migrant": types[6],
        "Min.": types[0],
        "OSC": types[3],
    }
    for value, expected in wanted.items():
        found, how = match_type(value, types)
        assert found == expected, value
        assert how in ("name", "meaning")


def test_the_same_words_come_before_the_same_meaning() -> None:
    # A split file: « Ministère » was made a type of its own beside « Ministères ».
    types = [*CLI_TYPES, TypeName(8, "ministere_7", "Ministère"), TypeName(9, "u_8", "Université")]
    assert match_type("ministere", types) == (types[0], "name")  # same words, first in order
    assert match_type("Min.", types) == (types[0], "meaning")
    assert match_type("Universités", types) == (types[8], "name")
    assert match_type("Collectivité locale", types) == (None, "")
    assert match_type("   ", types) == (None, "")


def test_a_renamed_type_keeps_its_kind_by_its_key() -> None:
    renamed = TypeName(1, "ministry", "Officiels")
    assert type_kind(renamed) == "ministry"
    assert match_type("Ministère", [renamed]) == (renamed, "meaning")
    assert type_kind(TypeName(2, "ministeres", "Ministères")) == "ministry"
    assert type_kind(TypeName(3, "x_9", "Université")) is None
