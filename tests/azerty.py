"""CONTRACT.md's AZERTY transposition, written here independently of the code under test."""

from __future__ import annotations

# What a US-QWERTY scanner's keystrokes become on a French AZERTY machine.
CONTRACT_TABLE = {
    "a": "q",
    "q": "a",
    "z": "w",
    "w": "z",
    "m": ",",
    "A": "Q",
    "Q": "A",
    "Z": "W",
    "W": "Z",
    "M": "?",
    "-": ")",
    ".": ":",
    "/": "!",
    "_": "°",
    **dict(zip("1234567890", "&é\"'(-è_çà", strict=True)),
}
BACK = {typed: meant for meant, typed in CONTRACT_TABLE.items()}


def azerty(text: str) -> str:
    """What a US-QWERTY scanner's keystrokes give on a French AZERTY machine (CONTRACT.md)."""
    return "".join(CONTRACT_TABLE.get(char, char) for char in text)


def unazerty(text: str) -> str:
    """The text a scanner meant, from what an AZERTY machine received."""
    return "".join(BACK.get(char, char) for char in text)
