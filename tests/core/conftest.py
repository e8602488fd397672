"""Core tests read English messages, so their expectations do not depend on the catalogues."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from facilitator.i18n import current_language, set_language


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Messages in English, whatever the machine's language; restored afterwards."""
    previous = current_language()
    set_language("en")
    yield
    set_language(previous)
