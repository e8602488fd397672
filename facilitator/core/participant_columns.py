"""Understanding participant lists: which column means what, and turning rows into participants."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from facilitator.core.tabular import Table, TableError, read_table
from facilitator.core.text import APOSTROPHES, fold
from facilitator.i18n import N_, _

FIELDS: tuple[str, ...] = (
    "first_name",
    "last_name",
    "full_name",
    "organisation",
    "function",
    "category",
    "gender",
    "email",
    "phone",
    "notes",
)

FIELD_LABELS: dict[str, str] = {
    "first_name": N_("First name"),
    "last_name": N_("Last name"),
    "full_name": N_("Full name"),
    "organisation": N_("Organisation"),
    "function": N_("Function"),
    "category": N_("Participant type"),
    "gender": N_("Gender"),
    "email": N_("E-mail"),
    "phone": N_("Phone"),
    "notes": N_("Notes"),
}

NAME_FIELDS = frozenset({"first_name", "last_name", "full_name"})

# ----------------------------------------------------------------------------- header vocabulary

_STOPWORDS = frozenset(
    {"s", "de", "du", "des", "d", "la", "le", "les", "l", "et", "ou", "of", "the", "and", "or",
     "en", "a", "au", "aux", "votre", "your"}
)  # fmt: skip
# Headers longer than this are sentences (a title row), not column names.
_MAX_HEADER_WORDS = 6
_IGNORED_WORDS = frozenset({"signature", "emargement", "visa", "paraphe"})
_IGNORED_HEADERS = frozenset(
    {(), ("n",), ("no",), ("nr",), ("num",), ("ordre",), ("n", "ordre"), ("no", "ordre"),
     ("numero", "ordre"), ("date",), ("heure",), ("jour",)}
)  # fmt: skip
_EMAIL_WORDS = frozenset({"email", "mail", "courriel", "mel"})
_PHONE_WORDS = frozenset(
    {"telephone", "tel", "phone", "mobile", "portable", "whatsapp", "cellulaire", "cell",
     "gsm", "contact", "telephonique", "cellphone", "fixe"}
)  # fmt: skip
_GENDER_WORDS = frozenset({"sexe", "genre", "gender", "sex", "civilite", "civility"})
_GENDER_LETTERS = frozenset({"h", "f", "m"})
_CATEGORY_WORDS = frozenset(
    {"categorie", "category", "type", "profil", "profile", "groupe", "college",
     "stakeholder", "statut", "acteur", "cible"}
)  # fmt: skip
_ORGANISATION_WORDS = frozenset(
    {"structure", "organisation", "organization", "institution", "organisme", "entite",
     "service", "ministere", "company", "affiliation", "entreprise", "societe", "employeur",
     "employer", "agence", "administration", "etablissement", "direction"}
)  # fmt: skip
_FUNCTION_WORDS = frozenset(
    {"fonction", "poste", "titre", "title", "position", "role", "job", "occupation",
     "profession", "qualite", "grade"}
)  # fmt: skip
_NOT_PEOPLE_WORDS = frozenset({"budgetaire", "budget", "montant", "cout", "amount"})
_NOTES_WORDS = frozenset({"observation", "remarque", "commentaire", "note", "comment", "remark"})
_FIRST_WORDS = frozenset({"prenom", "first", "given", "forename", "firstname"})
_LAST_WORDS = frozenset({"surname", "famille", "last", "family", "lastname", "patronyme"})
_FULL_WORDS = frozenset({"complet", "full", "fullname", "identite", "participant"})
_NAME_WORDS = frozenset({"nom", "name"})


def _plain(word: str) -> str:
    # Plural and "(s)" forms of one header word must match alike: Prénoms, PRENOM(S), Remarques.
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _header_words(header: str) -> tuple[str, ...]:
    # An apostrophe separates words in headers ("Type d'acteur"), unlike in names.
    spaced = re.sub(f"[{APOSTROPHES}]", " ", header)
    words = (_plain(word) for word in fold(spaced).split())
    return tuple(word for word in words if word not in _STOPWORDS)


def _ignored_by_design(header: str) -> bool:
    """Columns organisers add for paper use (N°, signature): never participant data."""
    words = _header_words(header)
    return bool(header.strip()) and (words in _IGNORED_HEADERS or bool(_IGNORED_WORDS & set(words)))


def _guess_name(words: set[str]) -> str | None:
    if words & _FIRST_WORDS:
        return "full_name" if "nom" in words or words & _LAST_WORDS else "first_name"
    if words & _LAST_WORDS:
        return "last_name"
    if words & _FULL_WORDS and words <= _FULL_WORDS | _NAME_WORDS:
        return "full_name"
    if words == {"nom"}:
        return "last_name"
    if words == {"name"}:
        return "full_name"
    return None


def guess_field(header: str) -> str | None:
    """The participant field a column header most likely means (None: unknown or ignored)."""
    words = _header_words(header)
    present = set(words)
    if _ignored_by_design(header) or len(words) > _MAX_HEADER_WORDS or present & _NOT_PEOPLE_WORDS:
        return None
    if present & _EMAIL_WORDS or {"adresse", "electronique"} <= present:
        return "email"
    if present & _PHONE_WORDS or words == ("numero",):
        return "phone"
    if present & _GENDER_WORDS or (len(words) == 2 and present <= _GENDER_LETTERS):
        return "gender"
    if present & _CATEGORY_WORDS:
        return "category"
    if present & _ORGANISATION_WORDS:
        return "organisation"
    if present & _FUNCTION_WORDS:
        return "function"
    if present & _NOTES_WORDS:
        return "notes"
    return _guess_name(present)


def guess_mapping(headers: Sequence[str]) -> list[str | None]:
    """One field per column, each field used once (notes excepted; the first column wins).

    A lone "Nom" column in a list without any first-name or full-name column holds whole names
    in practice, so it is mapped to full_name.
    """
    mapping: list[str | None] = []
    for header in headers:
        field = guess_field(header)
        mapping.append(None if field in mapping and field != "notes" else field)
    if "first_name" not in mapping and "full_name" not in mapping and "last_name" in mapping:
        index = mapping.index("last_name")
        if _header_words(headers[index]) == ("nom",):
            mapping[index] = "full_name"
    return mapping


def header_score(cells: Sequence[str]) -> int:
    """How much a row looks like a participant list's header: its number of distinct fields."""
    return len({guess_field(cell) for cell in cells} - {None})


def is_participant_list(mapping: Sequence[str | None]) -> bool:
    """Whether a column mapping has somewhere to take a participant's name from."""
    return any(field in NAME_FIELDS for field in mapping)


def holds_other_data(headers: Sequence[str]) -> bool:
    """Whether a file's columns say it holds something else than people (a budget's amounts).

    A file whose name column was simply not recognised is not refused: the user says which
    column holds the names. One with amounts and no name column is not a participant list.
    """
    mapping = guess_mapping(headers)
    return not is_participant_list(mapping) and any(
        _NOT_PEOPLE_WORDS & set(_header_words(header)) for header in headers
    )


# ----------------------------------------------------------------------------- values

_FEMALE = frozenset(
    {"f", "femme", "female", "feminin", "fem", "w", "woman", "mme", "madame", "mlle", "melle",
     "mademoiselle", "fille", "girl", "mrs", "ms"}
)  # fmt: skip
_MALE = frozenset(
    {"m", "h", "homme", "male", "masculin", "masc", "man", "mr", "monsieur", "garcon", "boy"}
)

_CIVILITY = re.compile(
    r"\s*(s\.?\s?e\.?\s?mme|s\.?\s?e\.?\s?m|s\.?\s?e|mme|mlle|melle|mrs|mr|ms|m|monsieur|madame"
    r"|mademoiselle|miss|dr|docteur|pr|prof|professeur|me|hon|honorable)(?:\.|\s|$)\s*",
    re.IGNORECASE,
)
_CIVILITY_GENDER = {
    "semme": "F", "mme": "F", "mlle": "F", "melle": "F", "mrs": "F", "ms": "F", "madame": "F",
    "mademoiselle": "F", "miss": "F", "sem": "M", "m": "M", "mr": "M", "monsieur": "M",
}  # fmt: skip
_PARTICLES = frozenset(
    {"de", "da", "das", "do", "dos", "du", "des", "del", "della", "di", "van", "von", "der",
     "den", "ter", "le", "la", "ben", "bin", "bint", "ould", "ibn", "abu", "el", "al"}
)  # fmt: skip


def normalise_gender(value: str) -> str | None:
    """Normalise a gender as written ("Femme", "H", "Mme"...) to "F" or "M"; None if unknown."""
    words = fold(value).split()
    if not words:
        return None
    for candidate in (" ".join(words), words[0]):
        if candidate in _FEMALE:
            return "F"
        if candidate in _MALE:
            return "M"
    return None


def _strip_civilities(value: str) -> tuple[str, str | None]:
    """The name without its leading civilities (Mme, Dr, S.E.…), and the gender they imply."""
    name, gender = " ".join(value.split()), None
    while match := _CIVILITY.match(name):
        rest = name[match.end() :]
        if not rest:
            break
        key = re.sub(r"[\s.]", "", match.group(1)).lower()
        gender = gender or _CIVILITY_GENDER.get(key)
        name = rest
    return name, gender


def civility_gender(value: str) -> str | None:
    """The gender implied by a name's civility prefix (Mme → "F", M. → "M"), if any."""
    return _strip_civilities(value)[1]


def _all_capitals(word: str) -> bool:
    letters = [char for char in word if char.isalpha()]
    return len(letters) >= 2 and all(char.isupper() for char in letters)


def _with_particles(words: list[str], start: int) -> int:
    """Move a last name's start back over the particles before it, keeping one first name."""
    while start > 1 and words[start - 1].lower() in _PARTICLES:
        start -= 1
    return start


def split_full_name(value: str) -> tuple[str, str]:
    """Split "NDIAYE Awa", "Mamadou Lamine DIOP" or "Maria dos Santos" into (first, last)."""
    name, _gender = _strip_civilities(value)
    if name.count(",") == 1:
        # "NDIAYE, Awa": the comma is the list's own way of putting the last name first.
        last, first = (part.strip() for part in name.split(","))
        if first and last:
            return first, last
    words = name.replace(",", " ").split()
    if len(words) <= 1:
        return "", " ".join(words)
    capitals = [index for index, word in enumerate(words) if _all_capitals(word)]
    if capitals and len(capitals) < len(words):
        first_cap, last_cap = capitals[0], capitals[-1]
        contiguous = last_cap - first_cap + 1 == len(capitals)
        if contiguous and first_cap == 0:
            return " ".join(words[last_cap + 1 :]), " ".join(words[: last_cap + 1])
        if contiguous and last_cap == len(words) - 1:
            start = _with_particles(words, first_cap)
            return " ".join(words[:start]), " ".join(words[start:])
    start = _with_particles(words, len(words) - 1)
    return " ".join(words[:start]), " ".join(words[start:])


_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def _split_email(value: str) -> tuple[str, list[str]]:
    """The first valid address of a cell, and notes for what else it held."""
    candidates = [
        part.strip("<>()[]\"'.").removeprefix("mailto:") for part in re.split(r"[\s;,/]+", value)
    ]
    valid = [part for part in candidates if _EMAIL.fullmatch(part)]
    if not valid:
        return "", [_("invalid e-mail: {value}").format(value=value)]
    return valid[0], [_("other e-mail: {value}").format(value=other) for other in valid[1:]]


# ----------------------------------------------------------------------------- rows


@dataclass(frozen=True)
class ParticipantRow:
    """One participant read from a list, with the file line it came from."""

    line: int
    first_name: str
    last_name: str
    organisation: str
    function: str
    category: str
    gender: str | None
    email: str
    phone: str
    notes: str


@dataclass(frozen=True)
class SkippedRow:
    """A row of the list that gave no participant, and why (translated)."""

    line: int
    reason: str


@dataclass(frozen=True)
class ParsedList:
    """The participants of a list and the rows that were skipped."""

    rows: tuple[ParticipantRow, ...]
    skipped: tuple[SkippedRow, ...]


_PROGRESS_STEP = 500  # rows between two progress reports


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _joined(values: dict[str, list[str]], field: str) -> str:
    return _one_line(" ".join(values[field]))


def parse_participants(
    table: Table,
    mapping: Sequence[str | None],
    progress: Callable[[int, int], None] | None = None,
) -> ParsedList:
    """Turn a table's rows into participants, given the field of each column.

    `progress(done, total)` is told every few hundred rows, for a long list's progress bar.

    Nothing typed is lost: an e-mail cell without a valid address, extra addresses, an unknown
    gender value and the cells of unmapped columns go into notes ("Header: value", "; "-joined).
    A row with no name is skipped with its line; a row whose only cells are paper columns
    (N°, signature) is dropped silently, since blank numbered forms are common.
    """
    fields = (list(mapping) + [None] * len(table.headers))[: len(table.headers)]
    unknown = [field for field in fields if field is not None and field not in FIELDS]
    if unknown:
        raise ValueError(f"unknown participant fields: {unknown}")
    if not is_participant_list(fields):
        columns = ", ".join(header for header in table.headers if header) or _("none")
        raise TableError(
            _(
                "This file does not look like a participant list: no column for the name was "
                "found. Columns seen: {columns}."
            ).format(columns=columns)
        )
    paper = [field is None and (not header or _ignored_by_design(header))
             for field, header in zip(fields, table.headers, strict=True)]  # fmt: skip
    rows: list[ParticipantRow] = []
    skipped: list[SkippedRow] = []
    total = len(table.rows)
    for index, row in enumerate(table.rows):
        if progress is not None and index % _PROGRESS_STEP == 0:
            progress(index, total)
        if not any(cell for cell, is_paper in zip(row.cells, paper, strict=True) if not is_paper):
            continue
        values, notes = _sort_cells(zip(fields, table.headers, row.cells, paper, strict=True))
        participant = _participant(row.line, values, notes)
        if participant is None:
            skipped.append(SkippedRow(row.line, _("no name in this row")))
        else:
            rows.append(participant)
    if progress is not None:
        progress(total, total)
    return ParsedList(rows=tuple(rows), skipped=tuple(skipped))


def _sort_cells(
    cells: Iterable[tuple[str | None, str, str, bool]],
) -> tuple[dict[str, list[str]], list[str]]:
    """Each field's values in one row, and the notes made of what no field takes."""
    values: dict[str, list[str]] = {field: [] for field in FIELDS}
    notes: list[str] = []
    for field, header, cell, is_paper in cells:
        if not cell or is_paper:
            continue
        if field is None or (field == "gender" and normalise_gender(cell) is None):
            notes.append(f"{header}: {_one_line(cell)}")
        elif field == "notes":
            notes.append(_one_line(cell))
        else:
            values[field].append(cell)
    return values, notes


def _participant(
    line: int, values: dict[str, list[str]], notes: list[str]
) -> ParticipantRow | None:
    """The participant of one row's sorted values; None when the row holds no name."""
    first, last, full = (_joined(values, key) for key in ("first_name", "last_name", "full_name"))
    if full and not (first and last):
        split_first, split_last = split_full_name(full)
        first, last = first or split_first, last or split_last
    if not first and not last:
        return None
    genders = [normalise_gender(cell) for cell in values["gender"]]
    email = ""
    for cell in values["email"]:
        found, email_notes = _split_email(cell)
        if found and not email:
            email = found
        elif found:
            email_notes.insert(0, _("other e-mail: {value}").format(value=found))
        notes.extend(email_notes)
    return ParticipantRow(
        line=line,
        first_name=first,
        last_name=last,
        organisation=_joined(values, "organisation"),
        function=_joined(values, "function"),
        category=_joined(values, "category"),
        gender=genders[0] if genders else civility_gender(full or first),
        email=email,
        phone=" / ".join(cell.strip() for cell in values["phone"]),
        notes="; ".join(notes),
    )


def load_participant_file(path: Path) -> tuple[Table, list[str | None]]:
    """Read a participant list and guess its columns (for the import wizard and the CLI)."""
    table = read_table(path, header_detector=header_score)
    return table, guess_mapping(table.headers)
