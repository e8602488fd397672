"""« Badge d’Awa MBAYE », not « Badge de Awa MBAYE » (issue 12, second round, point 9)."""

from __future__ import annotations

import pytest

from facilitator.i18n import _, set_language
from facilitator.ui.desk.elision import begins_with_vowel, with_name


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Awa MBAYE", "Badge d’Awa MBAYE envoyé à Bureau."),
        ("Ousmane Badji", "Badge d’Ousmane Badji envoyé à Bureau."),
        ("Élise Faye", "Badge d’Élise Faye envoyé à Bureau."),
        ("El Hadji DIOP", "Badge d’El Hadji DIOP envoyé à Bureau."),
        ("Fatou Sow", "Badge de Fatou Sow envoyé à Bureau."),
        ("Habib Sy", "Badge de Habib Sy envoyé à Bureau."),  # h: depends on the name
        ("Yacine Ba", "Badge de Yacine Ba envoyé à Bureau."),
    ],
)
def test_de_before_a_vowel_is_elided_in_french(name: str, expected: str) -> None:
    template = _("Badge of {name} sent to {printer}.")
    assert with_name(template, name, printer="Bureau") == expected


def test_other_languages_and_other_words_are_left_alone() -> None:
    set_language("en")
    assert with_name(_("Badge of {name} sent to {printer}."), "Awa", printer="X") == (
        "Badge of Awa sent to X."
    )
    set_language("fr")
    # Only the word before the name: « de l’atelier » elsewhere in the sentence is untouched.
    assert with_name("Liste de {n} personnes de {name}", "Awa", n=3) == "Liste de 3 personnes d’Awa"
    assert with_name("Que {name} passe", "Ibrahima") == "Qu’Ibrahima passe"
    assert not begins_with_vowel("") and begins_with_vowel("  Aïssatou")
