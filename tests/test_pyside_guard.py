"""PySide6 6.12.0 on Python 3.11 leaks references to None until the process aborts (DESIGN.md)."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.version import Version

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def _pyside_requirements() -> list[Requirement]:
    data = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))
    reqs = [Requirement(text) for text in data["project"]["dependencies"]]
    return [r for r in reqs if r.name.lower().startswith("pyside6")]


def _allowed(python: str, pyside: str) -> bool:
    env = {"python_version": python, "python_full_version": python + ".0"}
    applicable = [r for r in _pyside_requirements() if r.marker is None or r.marker.evaluate(env)]
    assert applicable, f"no PySide6 requirement applies to Python {python}"
    return all(r.specifier.contains(Version(pyside), prereleases=True) for r in applicable)


def test_the_broken_combination_is_excluded() -> None:
    assert not _allowed("3.11", "6.12.0")


def test_good_combinations_stay_allowed() -> None:
    assert _allowed("3.11", "6.11.3")
    assert _allowed("3.12", "6.12.0")
    assert _allowed("3.13", "6.12.0")


def test_qt_calls_do_not_leak_references_to_none(qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLabel

    label = QLabel()
    for _ in range(200):  # warm up caches that legitimately keep a reference
        label.setText("x")
    before = sys.getrefcount(None)
    for i in range(5000):
        label.setText(str(i))  # returns nothing: the call that leaked
        label.update()
    after = sys.getrefcount(None)
    assert abs(after - before) < 100, f"None refcount moved by {after - before}"
