"""A programme pasted from Word or Excel becomes timed items, and says what it could not read."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from facilitator.core.pasted_programme import (
    DEFAULT_MINUTES,
    PastedItem,
    Problem,
    guess_kind,
    parse_programme,
)


def t(text: str) -> dt.time:
    return dt.time.fromisoformat(text)


def summary(items: tuple[PastedItem, ...]) -> list[tuple[str, str, str, str, str]]:
    return [
        (f"{i.start:%H:%M}", f"{i.end:%H:%M}" if i.end else "", i.title, i.speakers, i.kind)
        for i in items
    ]


def test_a_table_copied_from_word() -> None:
    pasted = (
        "Horaire\tActivité\tResponsable\n"
        "08:30 – 09:00\tAccueil et installation des participants\tProtocole\n"
        "09:00 – 09:30\tAllocution d’ouverture\tM. le Gouverneur de Thiès\n"
        "09:30 – 10:30\tPanel : la migration circulaire\tOIM, ANSD\n"
        "10:30 – 10:45\tPause-café\t\n"
    )
    programme = parse_programme(pasted)
    assert summary(programme.items) == [
        ("08:30", "09:00", "Accueil et installation des participants", "Protocole", "accueil"),
        ("09:00", "09:30", "Allocution d’ouverture", "M. le Gouverneur de Thiès", "ouverture"),
        ("09:30", "10:30", "Panel : la migration circulaire", "OIM, ANSD", "session"),
        ("10:30", "10:45", "Pause-café", "", "pause"),
    ]
    assert programme.skipped == ((1, "Horaire Activité Responsable"),)
    assert programme.refused == ()
    assert [item.line for item in programme.items] == [2, 3, 4, 5]


def test_lines_typed_in_word_with_every_way_of_writing_the_hours() -> None:
    pasted = """
        08:30 – 09:00 ⇥ Accueil et installation des participants
        9h00-9h30 Allocution d’ouverture
        De 9h30 à 10h : Présentation des objectifs
        10 h 00 - 10 h 30 : Pause-café
        10.30 – 12.30   Travaux de groupe
        12H30-14H00 Déjeuner
        14h - 15h Restitution des groupes
        15:00 — 15:30 Cérémonie de clôture
    """.replace("⇥", "\t")
    items = parse_programme(pasted).items
    assert [(f"{i.start:%H:%M}", f"{i.end:%H:%M}") for i in items] == [
        ("08:30", "09:00"), ("09:00", "09:30"), ("09:30", "10:00"), ("10:00", "10:30"),
        ("10:30", "12:30"), ("12:30", "14:00"), ("14:00", "15:00"), ("15:00", "15:30"),
    ]  # fmt: skip
    assert [i.title for i in items] == [
        "Accueil et installation des participants",
        "Allocution d’ouverture",
        "Présentation des objectifs",
        "Pause-café",
        "Travaux de groupe",
        "Déjeuner",
        "Restitution des groupes",
        "Cérémonie de clôture",
    ]
    assert [i.kind for i in items] == [
        "accueil", "ouverture", "session", "pause", "travaux_de_groupe", "repas",
        "restitution", "cloture",
    ]  # fmt: skip


def test_excel_rows_with_two_time_columns_and_a_cell_on_two_lines() -> None:
    pasted = (
        "Début\tFin\tActivité\tIntervenants\r\n"
        "08:30:00\t09:00:00\tAccueil\tProtocole\r\n"
        '09:00\t09:30\tAllocution d’ouverture\t"M. le Ministre\r\nM. le Gouverneur"\r\n'
        "09:30\t10:00\tPrésentation\t\r\n"
    )
    programme = parse_programme(pasted)
    assert summary(programme.items) == [
        ("08:30", "09:00", "Accueil", "Protocole", "accueil"),
        ("09:00", "09:30", "Allocution d’ouverture", "M. le Ministre / M. le Gouverneur",
         "ouverture"),
        ("09:30", "10:00", "Présentation", "", "session"),
    ]  # fmt: skip
    assert programme.refused == ()


def test_start_times_only_end_when_the_next_item_starts() -> None:
    items = parse_programme("08:30 Accueil\n09:00 Ouverture\n09:30 Panel").items
    assert [(f"{i.start:%H:%M}", f"{i.end:%H:%M}", i.end_guessed) for i in items] == [
        ("08:30", "09:00", True),
        ("09:00", "09:30", True),
        ("09:30", "10:00", True),  # the last one: DEFAULT_MINUTES
    ]
    assert DEFAULT_MINUTES == 30


def test_headings_are_passed_over_and_lines_under_an_item_say_who_speaks() -> None:
    pasted = (
        "PROGRAMME DE L’ATELIER\n"
        "Jour 1 — mardi 25 mars 2025\n"
        "08:30 - 09:00 Accueil\n"
        "   • M. Diop, protocole\n"
        "   • Mme Sarr\n"
        "MATINÉE\n"
        "09:00 - 10:00 Panel de haut niveau\n"
        "Modération : Awa Ndiaye\n"
    )
    programme = parse_programme(pasted)
    assert summary(programme.items) == [
        ("08:30", "09:00", "Accueil", "M. Diop, protocole, Mme Sarr", "accueil"),
        ("09:00", "10:00", "Panel de haut niveau", "Modération : Awa Ndiaye", "session"),
    ]
    assert [line for line, _text in programme.skipped] == [1, 2, 6]


def test_lines_that_cannot_be_items_are_refused_with_a_reason() -> None:
    pasted = (
        "08:30 - 09:00 Accueil\n"
        "10:00 – 09:30 Débat\n"  # the end before the start
        "11:00 – 11:30\n"  # no title
        "14:00 - 15:00 Déjeuner\n"
        "08:30 - 09:00 Accueil du jour 2\n"  # going back: another day below
    )
    programme = parse_programme(pasted)
    assert [i.title for i in programme.items] == ["Accueil", "Déjeuner"]
    assert [(r.line, r.problem) for r in programme.refused] == [
        (2, Problem.END_NOT_AFTER_START),
        (3, Problem.NO_TITLE),
        (5, Problem.GOES_BACK),
    ]


def test_overlapping_items_are_kept_and_pointed_out() -> None:
    programme = parse_programme("09:00-10:00 Panel\n09:45-10:30 Débat\n10:30-11:00 Pause")
    assert len(programme.items) == 3
    assert programme.overlaps == (2,)


def test_text_without_times_adds_nothing() -> None:
    pasted = "1. Introduction\n2025 : bilan de l’année\nLes 3 axes du programme\n"
    programme = parse_programme(pasted)
    assert programme.items == () and programme.refused == ()
    assert len(programme.skipped) == 3


def test_kinds_are_agenda_kinds() -> None:
    from facilitator.store.agenda import KIND_NAMES

    titles = ["Pause déjeuner", "Cocktail de clôture", "Accueil", "Atelier 1", "Allocution"]
    assert {guess_kind(title) for title in titles} <= set(KIND_NAMES)
    assert guess_kind("Pause déjeuner") == "pause"
    assert guess_kind("Discussion générale") == "session"


@given(st.text(alphabet=st.sampled_from("0123456789:h.-–\t à\nABCdeé "), max_size=120))
def test_any_paste_gives_items_that_end_after_they_start(text: str) -> None:
    programme = parse_programme(text)
    for item in programme.items:
        assert item.end is not None and item.minutes > 0
        assert item.title.strip()
    starts = [item.start for item in programme.items]
    assert starts == sorted(starts)
