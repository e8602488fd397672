"""Recognising participant-list columns and turning rows into participants."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from facilitator.core.participant_columns import (
    FIELD_LABELS,
    FIELDS,
    ParticipantRow,
    SkippedRow,
    civility_gender,
    guess_field,
    guess_mapping,
    header_score,
    is_participant_list,
    load_participant_file,
    normalise_gender,
    parse_participants,
    split_full_name,
)
from facilitator.core.tabular import Table, TableError, TableRow
from facilitator.core.text import fold
from facilitator.i18n import parse_po, set_language

REPO = Path(__file__).resolve().parents[2]


HEADERS = {
    "last_name": ["Nom", "NOM", "Nom de famille", "Last name", "Surname", "Family name", "NOMS"],
    "first_name": ["Prénom", "PRENOM(S)", "Prénoms", "First name", "Given name", "prenom"],
    "full_name": [
        "Nom complet", "Nom et prénom(s)", "Prénom et nom", "Prénom(s) et Nom", "Full name",
        "Name", "Participant", "Nom & Prénom", "NOM ET PRENOMS", "Nom du participant",
    ],
    "organisation": [
        "Structure", "Organisation", "Organization", "Institution", "Organisme", "Entité",
        "Service", "Ministère/Institution", "Company", "Affiliation", "Nom de la structure",
        "STRUCTURE D'ORIGINE",
    ],
    "function": ["Fonction", "Poste", "Titre", "Job title", "Position", "Role", "Title"],
    "category": [
        "Catégorie", "Type d'acteur", "Type", "Category", "Profil", "Groupe d'acteurs",
        "Collège", "Stakeholder type", "Type de structure",
    ],
    "gender": ["Sexe", "Genre", "Gender", "Sex", "H/F", "F/M", "Sexe (H/F)", "Civilité"],
    "email": [
        "E-mail", "Email", "Mail", "Courriel", "Adresse e-mail", "Email address",
        "Adresse électronique", "E-MAIL ",
    ],
    "phone": [
        "Téléphone", "Tel", "Tél.", "Contact", "Phone", "Mobile", "Portable", "Numéro",
        "N° de téléphone", "WhatsApp", "Tel/WhatsApp", "TELEPHONE",
    ],
    "notes": ["Observations", "Remarques", "Commentaires", "Notes", "Comments"],
}  # fmt: skip


@pytest.mark.parametrize(
    ("header", "field"),
    [(header, field) for field, headers in HEADERS.items() for header in headers],
)
def test_guess_field_recognises_real_headers(header: str, field: str) -> None:
    assert guess_field(header) == field


@pytest.mark.parametrize(
    "header",
    ["N°", "No", "Nº", "#", "Signature", "Emargement", "Émargement jour 1", "Date", "", "   ",
     "Poste budgétaire", "Montant", "Ville", "LISTE DES PARTICIPANTS",
     "Atelier de validation du plan stratégique de la structure nationale, Saly"],
)  # fmt: skip
def test_guess_field_leaves_other_headers_unmapped(header: str) -> None:
    assert guess_field(header) is None


def test_field_labels_cover_every_field() -> None:
    assert set(FIELD_LABELS) == set(FIELDS)
    assert FIELD_LABELS["category"] == "Participant type"


def test_guess_mapping_uses_each_field_once_except_notes() -> None:
    headers = ["N°", "Nom", "Prénom", "Tel", "Portable", "Remarques", "Observations", "Ville"]
    assert guess_mapping(headers) == [
        None, "last_name", "first_name", "phone", None, "notes", "notes", None,
    ]  # fmt: skip


def test_lone_nom_column_holds_whole_names() -> None:
    assert guess_mapping(["N°", "Nom", "Structure"]) == [None, "full_name", "organisation"]
    assert guess_mapping(["Nom", "Prénom"]) == ["last_name", "first_name"]
    assert guess_mapping(["Nom de famille", "Structure"]) == ["last_name", "organisation"]


def test_header_score_counts_distinct_fields() -> None:
    assert header_score(["N°", "NOM", "PRENOM(S)", "STRUCTURE", "Tel", "Portable"]) == 4
    assert header_score(["LISTE DES PARTICIPANTS", "", ""]) == 0
    assert header_score(["Awa", "NDIAYE", "771234567"]) == 0


def test_is_participant_list() -> None:
    assert is_participant_list([None, "full_name"])
    assert is_participant_list(["last_name"])
    assert is_participant_list(["first_name", "email"])
    assert not is_participant_list(["organisation", "phone", None])
    assert not is_participant_list([])


@pytest.mark.parametrize(
    ("value", "gender"),
    [("F", "F"), ("f", "F"), ("Femme", "F"), ("Female", "F"), ("Féminin", "F"), ("W", "F"),
     ("Woman", "F"), ("Mme", "F"), ("Madame", "F"), (" f. ", "F"), ("M", "M"), ("H", "M"),
     ("Homme", "M"), ("Male", "M"), ("Masculin", "M"), ("Man", "M"), ("Mr", "M"), ("M.", "M"),
     ("Monsieur", "M"), ("", None), ("  ", None), ("?", None), ("X", None), ("Autre", None)],
)  # fmt: skip
def test_normalise_gender(value: str, gender: str | None) -> None:
    assert normalise_gender(value) == gender


@pytest.mark.parametrize(
    ("full", "first", "last"),
    [
        ("NDIAYE Awa", "Awa", "NDIAYE"),
        ("Mamadou Lamine DIOP", "Mamadou Lamine", "DIOP"),
        ("Ndèye Fatou N'DIAYE", "Ndèye Fatou", "N'DIAYE"),
        ("Maria dos Santos", "Maria", "dos Santos"),
        ("Maria dos SANTOS", "Maria", "dos SANTOS"),
        ("Awa Ndiaye", "Awa", "Ndiaye"),
        ("Jean-Pierre de la Fontaine", "Jean-Pierre", "de la Fontaine"),
        ("Ludwig van Beethoven", "Ludwig", "van Beethoven"),
        ("Mohamed Lemine ould Ahmed", "Mohamed Lemine", "ould Ahmed"),
        ("El Hadji Malick SY", "El Hadji Malick", "SY"),
        ("El Hadji Diop", "El Hadji", "Diop"),
        ("DE SOUZA Maria", "Maria", "DE SOUZA"),
        ("AWA NDIAYE", "AWA", "NDIAYE"),
        ("NDIAYE, Awa", "Awa", "NDIAYE"),
        ("Mme Awa NDIAYE", "Awa", "NDIAYE"),
        ("M. Ousmane SOW", "Ousmane", "SOW"),
        ("Dr Aïssatou Bâ", "Aïssatou", "Bâ"),
        ("Pr. Souleymane  Bachir   DIAGNE", "Souleymane Bachir", "DIAGNE"),
        ("S.E. M. Macky SALL", "Macky", "SALL"),
        ("Hon. Awa Guèye", "Awa", "Guèye"),
        ("Mlle Coumba Sarr", "Coumba", "Sarr"),
        ("Me Ndiaye", "", "Ndiaye"),
        ("Mamadou", "", "Mamadou"),
        ("  ", "", ""),
        ("A. DIOP", "A.", "DIOP"),
    ],
)
def test_split_full_name(full: str, first: str, last: str) -> None:
    assert split_full_name(full) == (first, last)


@given(st.text())
def test_split_full_name_only_keeps_words_of_the_name(full: str) -> None:
    first, last = split_full_name(full)
    assert set(fold(f"{first} {last}").split()) <= set(fold(full).split())
    assert first == first.strip() and last == last.strip()
    assert last or not first


@pytest.mark.parametrize(
    ("full", "gender"),
    [("Mme Awa NDIAYE", "F"), ("Mlle Coumba Sarr", "F"), ("Madame Diop", "F"),
     ("M. Ousmane SOW", "M"), ("Mr Diallo", "M"), ("Monsieur Ba", "M"), ("S.E.M. Macky SALL", "M"),
     ("Dr Aïssatou Bâ", None), ("Mamadou Diop", None), ("Mme", None), ("", None)],
)  # fmt: skip
def test_civility_gender(full: str, gender: str | None) -> None:
    assert civility_gender(full) == gender


# ---------------------------------------------------------------------------------- whole files


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_windows_1252_list_end_to_end(tmp_path: Path) -> None:
    text = (
        "ATELIER NATIONAL DE VALIDATION - LISTE DE PRESENCE;;;;;;;;;\r\n"
        ";;;;;;;;;\r\n"
        "N°;NOM;PRENOM(S);STRUCTURE;FONCTION;SEXE;TELEPHONE;E-MAIL;Ville;Signature\r\n"
        "1;CISSÉ;Ndèye Fatou;Ministère de la Santé;Chargée de programme;F;77 123 45 67;"
        " ndeye@sante.gouv.sn ;Dakar;\r\n"
        '2;N\'DIAYE;Cheikh  Oumar;"ONG Jàppo; antenne de Thiès";Coordonnateur;H;+221 76 000 11 22;'
        "cheikh@;Thiès;signé\r\n"
        "3;;;DGID;;;;;;\r\n"
        "\r\n"
        "4;;;;;;;;;\r\n"
        "5;Fall;Awa;;;Femme;;awa@x.sn, awa.fall@y.org;;\r\n"
    )
    table, mapping = load_participant_file(write(tmp_path / "liste.csv", text, "cp1252"))
    assert table.header_line == 3
    assert mapping == [
        None, "last_name", "first_name", "organisation", "function", "gender", "phone", "email",
        None, None,
    ]  # fmt: skip
    parsed = parse_participants(table, mapping)
    assert parsed.rows == (
        ParticipantRow(
            line=4, first_name="Ndèye Fatou", last_name="CISSÉ",
            organisation="Ministère de la Santé", function="Chargée de programme", category="",
            gender="F", email="ndeye@sante.gouv.sn", phone="77 123 45 67", notes="Ville: Dakar",
        ),
        ParticipantRow(
            line=5, first_name="Cheikh Oumar", last_name="N'DIAYE",
            organisation="ONG Jàppo; antenne de Thiès", function="Coordonnateur", category="",
            gender="M", email="", phone="+221 76 000 11 22",
            notes="Ville: Thiès; invalid e-mail: cheikh@",
        ),
        ParticipantRow(
            line=9, first_name="Awa", last_name="Fall", organisation="", function="",
            category="", gender="F", email="awa@x.sn", phone="",
            notes="other e-mail: awa.fall@y.org",
        ),
    )  # fmt: skip
    # Line 6 has an organisation but no name; line 8 only has its number (a blank form row).
    assert parsed.skipped == (SkippedRow(line=6, reason="no name in this row"),)


def test_skipped_rows_count_physical_lines_from_a_first_line_header(tmp_path: Path) -> None:
    text = 'Prénom,Nom,Structure\n\nAwa,Ndiaye,Enda\n,,ANSD\n\n\n""," ",CSE\nIbou,,\n'
    parsed = parse_participants(*load_participant_file(write(tmp_path / "l.csv", text)))
    assert [(row.line, row.first_name, row.last_name) for row in parsed.rows] == [
        (3, "Awa", "Ndiaye"),
        (8, "Ibou", ""),
    ]
    assert [skipped.line for skipped in parsed.skipped] == [4, 7]


def test_single_full_name_column(tmp_path: Path) -> None:
    text = (
        "LISTE DES PARTICIPANTS\n\n"
        "Nom complet\nMme Awa NDIAYE\nMamadou Lamine DIOP\nMaria dos Santos\n"
    )
    table, mapping = load_participant_file(write(tmp_path / "noms.csv", text))
    assert (table.header_line, mapping) == (3, ["full_name"])
    parsed = parse_participants(table, mapping)
    assert [(r.first_name, r.last_name, r.gender) for r in parsed.rows] == [
        ("Awa", "NDIAYE", "F"),
        ("Mamadou Lamine", "DIOP", None),
        ("Maria", "dos Santos", None),
    ]


def test_xlsx_list_with_numeric_phones_and_title(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Participants"
    for row in [
        ["Liste des participants - Saly, mars 2025"],
        [],
        ["N°", "Prénom et nom", "Organisation", "Catégorie", "Contact", "Observations"],
        [1, "Adja THIAM", "ANSD", "État", 771234567, "végétarienne"],
        [2, "Pape MBAYE", "Enda", "Société civile", 221761112233.0, None],
        [3, None, "CNCR", None, None, "remplaçant à confirmer"],
    ]:
        sheet.append(row)
    workbook.save(tmp_path / "liste.xlsx")
    table, mapping = load_participant_file(tmp_path / "liste.xlsx")
    assert table.sheet == "Participants"
    assert mapping == [None, "full_name", "organisation", "category", "phone", "notes"]
    parsed = parse_participants(table, mapping)
    assert [(r.line, r.first_name, r.last_name, r.phone, r.notes) for r in parsed.rows] == [
        (4, "Adja", "THIAM", "771234567", "végétarienne"),
        (5, "Pape", "MBAYE", "221761112233", ""),
    ]
    assert parsed.skipped == (SkippedRow(6, "no name in this row"),)


def test_budget_table_is_not_a_participant_list(tmp_path: Path) -> None:
    text = "Poste budgétaire;Montant\nRestauration;450000\nLocation salle;300000\n"
    table, mapping = load_participant_file(write(tmp_path / "budget.csv", text))
    with pytest.raises(TableError) as caught:
        parse_participants(table, mapping)
    message = str(caught.value)
    assert "does not look like a participant list" in message
    assert "Poste budgétaire, Montant" in message


def test_not_a_participant_list_message_is_french_by_default() -> None:
    set_language("fr")
    table = Table(("Montant",), 1, (), "utf-8", ";", None)
    with pytest.raises(TableError, match="ne ressemble pas à une liste de participants"):
        parse_participants(table, [None])


def make_table(headers: tuple[str, ...], *rows: tuple[str, ...]) -> Table:
    return Table(
        headers=headers,
        header_line=1,
        rows=tuple(TableRow(index + 2, row) for index, row in enumerate(rows)),
        encoding="utf-8",
        delimiter=";",
        sheet=None,
    )


def test_first_and_last_columns_win_over_full_name_but_fill_gaps() -> None:
    table = make_table(
        ("Prénom", "Nom", "Nom complet"),
        ("Awa", "Ndiaye", "Awa Ndiaye épouse Fall"),
        ("", "SOW", "Ousmane SOW"),
        ("", "", "Mme Binta KA"),
    )
    parsed = parse_participants(table, ["first_name", "last_name", "full_name"])
    assert [(r.first_name, r.last_name, r.gender) for r in parsed.rows] == [
        ("Awa", "Ndiaye", None),
        ("Ousmane", "SOW", None),
        ("Binta", "KA", "F"),
    ]


def test_unknown_gender_values_are_kept_in_notes() -> None:
    table = make_table(("Nom complet", "Sexe"), ("M. Ali DIA", "?"), ("Awa FALL", "F"))
    parsed = parse_participants(table, ["full_name", "gender"])
    assert [(r.gender, r.notes) for r in parsed.rows] == [("M", "Sexe: ?"), ("F", "")]


def test_mapping_shorter_than_headers_and_unknown_fields() -> None:
    table = make_table(("Nom complet", "Ville"), ("Awa FALL", "Louga"))
    assert parse_participants(table, ["full_name"]).rows[0].notes == "Ville: Louga"
    with pytest.raises(ValueError, match="unknown participant fields"):
        parse_participants(table, ["full_name", "town"])


# ---------------------------------------------------------------------------------- messages


def test_every_core_message_has_a_french_translation() -> None:
    catalogue = parse_po((REPO / "resources/translations/fr/core.po").read_text(encoding="utf-8"))
    msgids: list[str] = []
    for name in ("text", "tabular", "participant_columns"):
        tree = ast.parse((REPO / "facilitator/core" / f"{name}.py").read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in {"_", "N_"}
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                msgids.append(node.args[0].value)
    assert len(msgids) > 20
    for msgid in msgids:
        french = catalogue.get(msgid)
        assert isinstance(french, str), msgid
        assert set(re.findall(r"{\w*}", french)) == set(re.findall(r"{\w*}", msgid)), msgid
