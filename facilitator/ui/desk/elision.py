"""French elision before a name: « Badge d’Awa MBAYE », « l’arrivée d’Ousmane BADJI ».

A catalogue writes « Badge de {name} » once; the name filled in decides. Names beginning with
H or Y keep « de » (« de Habib », « de Yacine »): whether they elide depends on the name.
"""

from __future__ import annotations

import re
import unicodedata

from facilitator.i18n import current_language

_VOWELS = frozenset("aeiouAEIOU")
_BEFORE_NAME = re.compile(r"\b([Dd]e|[Qq]ue) \{name\}")


def begins_with_vowel(name: str) -> bool:
    """The name's first letter is a vowel, accented or not (« Aïssatou », « Élise »)."""
    first = unicodedata.normalize("NFD", name.lstrip()[:1])[:1]
    return first in _VOWELS


def with_name(template: str, name: str, **values: object) -> str:
    """A translated `template` filled in, « de {name} » written « d’{name} » before a vowel."""
    if current_language() == "fr" and begins_with_vowel(name):
        template = _BEFORE_NAME.sub(lambda m: m.group(1)[:-1] + "’{name}", template)
    return template.format(name=name, **values)
