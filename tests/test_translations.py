"""French is complete: every message in the code has a French translation, same placeholders."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from facilitator.i18n import _, load_catalogue, ngettext, parse_po, set_language

PACKAGE = Path(__file__).resolve().parent.parent / "facilitator"
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def _messages() -> list[tuple[str, str | None, str]]:
    """(msgid, plural or None, where) for every _(), N_() and ngettext() call with literal text."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                continue
            args = node.args
            where = f"{path.relative_to(PACKAGE.parent)}:{node.lineno}"
            literal = [
                a.value for a in args if isinstance(a, ast.Constant) and isinstance(a.value, str)
            ]
            if node.func.id in ("_", "N_") and len(literal) == 1:
                found.append((literal[0], None, where))
            elif node.func.id == "ngettext" and len(literal) >= 2:
                found.append((literal[0], literal[1], where))
    return found


MESSAGES = _messages()
FRENCH = load_catalogue("fr")


def test_the_code_has_messages() -> None:
    assert len(MESSAGES) > 100


def _problem(msgid: str, plural: str | None, where: str) -> str | None:
    """What is wrong with the French of one message, or None."""
    translation = FRENCH.get(msgid)
    if not translation:
        return f"{where}: no French for {msgid!r}"
    forms = translation if isinstance(translation, list) else [translation]
    if plural is not None and not (isinstance(translation, list) and len(translation) == 2):
        return f"{where}: plural forms"
    wanted = sorted(set(PLACEHOLDER.findall(msgid)))
    for form in forms:
        if sorted(set(PLACEHOLDER.findall(form))) != wanted:
            return f"{where}: placeholders differ in {form!r}"
    return None


def test_every_message_has_a_french_translation() -> None:
    # One test for all ~1,200 messages, every problem listed: as many tests cost 40 s of set-up.
    problems = [p for p in (_problem(*message) for message in MESSAGES) if p is not None]
    assert not problems, "\n".join(problems)


def test_a_missing_or_mismatched_french_is_found() -> None:
    assert _problem("Workshops", None, "x") is None
    assert _problem("No such message, surely", None, "x") == (
        "x: no French for 'No such message, surely'"
    )
    assert _problem("{n} participant", None, "x") is None
    assert _problem("{n} participant", "{n} participants", "x") is None
    assert _problem("Workshops", "{n} more", "x") == "x: plural forms"


def test_po_parser_reads_plurals_multiline_and_skips_fuzzy() -> None:
    text = (
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Hello"\nmsgstr ""\n"Bon"\n"jour"\n\n'
        '#, fuzzy\nmsgid "Guess"\nmsgstr "Devine"\n\n'
        'msgid "{n} file"\nmsgid_plural "{n} files"\n'
        'msgstr[0] "{n} fichier"\nmsgstr[1] "{n} fichiers"\n'
    )
    catalogue = parse_po(text)
    assert catalogue["Hello"] == "Bonjour"
    assert "Guess" not in catalogue
    assert catalogue["{n} file"] == ["{n} fichier", "{n} fichiers"]


def test_switching_language_changes_messages() -> None:
    set_language("en")
    assert _("Workshops") == "Workshops"
    set_language("fr")
    assert _("Workshops") == "Ateliers"
    assert ngettext("{n} participant", "{n} participants", 1).format(n=1) == "1 participant"
    assert ngettext("{n} participant", "{n} participants", 2).format(n=2) == "2 participants"


def test_a_document_speaks_its_language_in_its_own_thread_only() -> None:
    """An English report written in a worker must not turn the French windows English."""
    import threading

    from facilitator.i18n import _, current_language, set_language, speaking

    set_language("fr")
    seen: dict[str, str] = {}
    inside = threading.Event()
    leave = threading.Event()

    def worker() -> None:
        with speaking("en"):
            seen["worker"] = _("Time's up")
            inside.set()
            leave.wait(5)

    thread = threading.Thread(target=worker)
    thread.start()
    assert inside.wait(5)
    try:
        assert seen["worker"] == "Time's up"
        assert _("Time's up") == "Temps écoulé" and current_language() == "fr"
    finally:
        leave.set()
        thread.join(5)
    with speaking("en"):
        assert _("Time's up") == "Time's up" and current_language() == "en"
    assert _("Time's up") == "Temps écoulé"


def test_numbers_are_grouped_as_each_language_writes_them() -> None:
    from facilitator.i18n import number

    set_language("fr")
    assert number(10_000) == "10\u202f000" and number(999) == "999"
    assert number(-1_234_567) == "-1\u202f234\u202f567"
    set_language("en")
    assert number(10_000) == "10,000"
    set_language("fr")
