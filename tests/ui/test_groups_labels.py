"""The groups screen and its dialogs speak the organiser's words, not the developer's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from facilitator.core.groups_report import BalanceReport, RuleBalance
from facilitator.i18n import parse_po
from facilitator.store.database import Database
from facilitator.ui.groups.dialogs import NewRoundDialog
from facilitator.ui.groups.labels import delta_text
from facilitator.ui.groups.screen import GroupsScreen
from tests.ui.screens import m4sd_context, shown

CATALOGUES = Path(__file__).resolve().parents[2] / "resources" / "translations" / "fr"
# Words of the code, not of a workshop: a random generator's « seed », a bare signed number
# (« Tailles des groupes -1 »), a « theoretical minimum ».
JARGON = re.compile(r"graine|seed|théorique|delta|(?<![\w])[-+]\d", re.IGNORECASE)


def _texts(widget: QWidget) -> list[str]:
    texts = []
    for label in widget.findChildren(QLabel):
        texts += [label.text(), label.toolTip()]
    for field in widget.findChildren(QLineEdit):
        texts += [field.placeholderText(), field.toolTip()]
    return [text for text in texts if text]


def test_the_new_round_dialog_has_no_seed(qtbot: QtBot) -> None:
    dialog = NewRoundDialog("Tour 2", 40, 60, lambda request: 1)
    qtbot.addWidget(dialog)
    texts = _texts(dialog)
    assert "Numéro de tirage (facultatif)\u00a0:" in texts
    assert [text for text in texts if JARGON.search(text)] == []
    dialog.seed.setText("quarante-deux")
    dialog.accept()  # refused in the dialog, in the same words
    assert not dialog.error.isHidden()
    assert dialog.error.text().startswith("Le numéro de tirage doit être un nombre entier")


def test_a_late_arrival_s_best_group_is_said_in_words(qtbot: QtBot, demo_db: Database) -> None:
    screen = shown(qtbot, GroupsScreen(m4sd_context(demo_db)))
    qtbot.waitUntil(lambda: screen.late.people.count() > 0 and screen.late.current() != 0)
    screen.late.people.setCurrentIndex(0)
    screen._late_chosen(screen.late.current())  # what choosing the person in the list does
    suggestion = screen.late.suggestion.text()
    assert suggestion.startswith("Groupe conseillé\u00a0: «\u00a0Groupe")
    assert not JARGON.search(suggestion), suggestion
    assert [text for text in _texts(screen) if JARGON.search(text)] == []


@pytest.mark.parametrize(
    ("delta", "words"),
    [
        ({"sizes": -1}, "tailles des groupes plus proches"),
        ({"sizes": 1, "types": 2}, "tailles des groupes plus inégales, types de participants "
         "moins bien répartis"),
        ({"organisations": 1}, "1 paire de collègues de plus dans un même groupe"),
        ({"organisations": -2}, "2 paires de collègues de moins dans un même groupe"),
        ({"genders": -1, "met_again": 3}, "femmes et hommes mieux répartis, 3 paires de plus qui "
         "se retrouvent"),
        ({"constraints": 1}, "1 épinglage ou « à séparer » plus respecté"),
        ({}, "l’équilibre ne change pas"),
    ],
)  # fmt: skip
def test_what_a_move_does_to_the_balance(delta: dict[str, int], words: str) -> None:
    assert delta_text(delta) == words.replace("« ", "«\u00a0").replace(" »", "\u00a0»")


def test_the_groups_catalogues_hold_no_developer_words() -> None:
    found = []
    for name in ("ui_groups.po", "groups.po"):
        for msgstr in parse_po((CATALOGUES / name).read_text(encoding="utf-8")).values():
            for text in msgstr if isinstance(msgstr, list) else [msgstr]:
                if JARGON.search(re.sub(r"\{[^{}]*\}", "", text)):  # placeholders aside
                    found.append(f"{name}: {text}")
    assert found == []


def _report(holding: set[str]) -> BalanceReport:
    """A balance where the rules named hold (as good as possible) and the others do not."""
    return BalanceReport(**{
        rule: RuleBalance(1, 1 if rule in holding else 0)
        for rule in ("sizes", "types", "organisations", "genders", "constraints", "met_again")
    })  # fmt: skip


@pytest.mark.parametrize(
    ("delta", "holding", "words"),
    [
        # One more person in four groups of twelve: one group has 13, which nobody can avoid.
        ({"sizes": 1}, {"sizes"}, "Le reste de l’équilibre ne change pas."),
        ({"sizes": 1, "types": 1}, {"sizes", "types"},
         "Équilibre : types de participants moins bien répartis (inévitable)."),
        ({"types": 1}, set(), "Équilibre : types de participants moins bien répartis."),
        ({"sizes": 1}, set(), "Équilibre : tailles des groupes plus inégales."),
        ({"sizes": 1, "genders": -1}, {"sizes"}, "Équilibre : femmes et hommes mieux répartis."),
        ({}, set(), "L’équilibre ne change pas."),
    ],
)  # fmt: skip
def test_what_one_more_person_does_to_the_balance(
    delta: dict[str, int], holding: set[str], words: str
) -> None:
    from facilitator.ui.groups.labels import arrival_effects

    assert arrival_effects(delta, _report(holding)) == words.replace(" :", "\u00a0:")
