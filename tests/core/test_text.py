"""Name normalisation used for search and de-duplication."""

from __future__ import annotations

import dataclasses
import datetime as dt
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from facilitator.core.text import (
    email_key,
    fold,
    french_typography,
    name_key,
    printable,
    printable_fields,
    search_text,
)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Cissé", "cisse"),
        ("  Ndèye  Fatou ", "ndeye fatou"),
        ("N'DIAYE", "ndiaye"),
        ("N’Diaye", "ndiaye"),
        ("Nʼdiaye", "ndiaye"),
        ("N`DIAYE", "ndiaye"),
        ("Mbacké-Fall", "mbacke fall"),
        ("jean_pierre.dupont,junior", "jean pierre dupont junior"),
        ("Œuvre Cœur Æsop Straße", "oeuvre coeur aesop strasse"),
        ("SÉNÉGAL\t\n  Dakar", "senegal dakar"),
        ("Ministère (MEFP) / DGID", "ministere mefp dgid"),
        ("77 123 45 67", "77 123 45 67"),
        ("", ""),
        ("  -- ''  ", ""),
    ],
)
def test_fold_examples(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_name_key_ignores_order_case_accents_and_apostrophes() -> None:
    assert name_key("Awa", "NDIAYE") == name_key("NDIAYE", "Awa") == "awa ndiaye"
    assert name_key("Ndèye Fatou", "N'DIAYE") == name_key("ndeye fatou", "Ndiaye")
    assert name_key("Mamadou Lamine", "Diop") == name_key("", "DIOP Mamadou-Lamine")
    assert name_key("", "") == ""


def test_email_key() -> None:
    assert email_key("  Awa.Ndiaye@Example.SN ") == "awa.ndiaye@example.sn"
    assert email_key("   ") == ""
    assert email_key("") == ""


def test_search_text_matches_folded_queries() -> None:
    haystack = search_text("Ndèye Fatou", "N'DIAYE", "Ministère de la Santé", "77 123 45 67")
    assert haystack == "ndeye fatou ndiaye ministere de la sante 77 123 45 67"
    for query in ("ndiaye", "N'Diaye", "SANTÉ", "fatou ndia", "123 45"):
        assert fold(query) in haystack
    assert search_text() == ""


@given(st.text())
def test_fold_is_idempotent_and_never_raises(text: str) -> None:
    folded = fold(text)
    assert fold(folded) == folded


@given(st.text())
def test_fold_has_no_upper_case_marks_or_stray_spaces(text: str) -> None:
    folded = fold(text)
    assert not any(char.isupper() for char in folded)
    assert not any(unicodedata.combining(char) for char in folded)
    assert not any(unicodedata.category(char).startswith("M") for char in folded)
    assert folded == " ".join(folded.split())


@given(st.text(), st.text())
def test_name_key_is_symmetric(first: str, last: str) -> None:
    assert name_key(first, last) == name_key(last, first)


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_the_ascii_shortcut_folds_like_the_general_path(text: str) -> None:
    from facilitator.core.text import _fold_once

    assert fold(text) == _fold_once(text)


def test_printable_keeps_what_documents_can_hold() -> None:
    typed = "Tab\there\r\nNBSP\u00a0« ok »\u202f! عربي 🙂"
    assert printable(typed) is typed
    assert printable("Page 1\x0cPage 2\x0bfin\x07\x1b[0m\x00\ufffe") == "Page 1\nPage 2\nfin[0m"


@given(st.text())
def test_printable_leaves_no_character_xml_refuses(text: str) -> None:
    cleaned = printable(text)
    assert not [c for c in cleaned if ord(c) < 32 and c not in "\t\n\r"]
    assert "\ufffe" not in cleaned and "\uffff" not in cleaned


@dataclasses.dataclass(frozen=True)
class _Leaf:
    text: str
    when: dt.date | None


@dataclasses.dataclass(frozen=True)
class _Tree:
    title: str
    leaves: tuple[_Leaf, ...]
    chosen: frozenset[str]
    count: int = 0


def test_printable_fields_walks_dataclasses_and_tuples() -> None:
    day = dt.date(2023, 10, 27)
    tree = _Tree("a\x07b", (_Leaf("x\x0cy", day), _Leaf("ok", None)), frozenset({"k"}), 3)
    assert printable_fields(tree) == _Tree(
        "ab", (_Leaf("x\ny", day), _Leaf("ok", None)), frozenset({"k"}), 3
    )
    assert printable_fields(("t\x01", 2, None)) == ("t", 2, None)


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        (
            "l'accès au crédit: trop cher; vraiment! Pourquoi?",
            "l’accès au crédit\u00a0: trop cher\u00a0; vraiment\u00a0! Pourquoi\u00a0?",
        ),
        ('le mot "migration" ici', "le mot «\u00a0migration\u00a0» ici"),
        ('un " seul guillemet', 'un " seul guillemet'),
        ("Quoi?! (voir: p. 3)", "Quoi\u00a0?! (voir\u00a0: p. 3)"),
        ("à 08:30 puis 14h45", "à 08:30 puis 14h45"),
        (
            "voir http://oim.int/p?id=3; écrire à a.b@oim.sn!",
            "voir http://oim.int/p?id=3\u00a0; écrire à a.b@oim.sn\u00a0!",
        ),
        ("N'DIAYE", "N’DIAYE"),
        ("Le projet « M4SD » continue à 50 %", "Le projet «\u00a0M4SD\u00a0» continue à 50\u00a0%"),
        ("Déjà juste\u00a0: rien à faire\u00a0!", "Déjà juste\u00a0: rien à faire\u00a0!"),
    ],
)
def test_french_typography(typed: str, printed: str) -> None:
    assert french_typography(typed) == printed


@given(st.text(alphabet=st.sampled_from("ab1 :;!?'\"«»().\u00a0")))
def test_french_typography_is_idempotent(text: str) -> None:
    # Text without addresses (an address glued to « » is ambiguous, hence left as typed).
    once = french_typography(text)
    assert french_typography(once) == once
