"""The layers of DESIGN.md: imports only point down, and core and store never import Qt."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "facilitator"
# Lower number = lower layer. A module may import its own layer or any lower one.
LAYERS = {
    "facilitator.i18n": 0,
    "facilitator.resources": 0,
    "facilitator.core": 1,
    "facilitator.store": 2,
    "facilitator.exports": 2,
    "facilitator.app": 3,
    "facilitator.cli": 4,
    "facilitator.commands": 4,
    "facilitator.__main__": 4,
    "facilitator.ui": 5,
}
QT_FREE = (
    "facilitator.app",
    "facilitator.core",
    "facilitator.store",
    "facilitator.exports",
    "facilitator.i18n",
    "facilitator.resources",
    "facilitator.commands",
)


def _layer(module: str) -> tuple[str, int] | None:
    if module == "facilitator":
        return module, 0  # the package itself holds nothing
    for prefix in sorted(LAYERS, key=len, reverse=True):
        if module == prefix or module.startswith(prefix + "."):
            return prefix, LAYERS[prefix]
    return None


def _modules() -> list[tuple[str, Path]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found.append((name, path))
    return found


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
            names.extend(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _wrong_imports(module: str, path: Path) -> list[str]:
    own = _layer(module)
    if own is None:
        return [f"{module} belongs to no layer: add it to LAYERS"]
    wrong = []
    for imported in _imports(path):
        if not imported.startswith("facilitator"):
            if module.startswith(QT_FREE) and imported.startswith("PySide6"):
                wrong.append(f"{module} imports Qt ({imported})")
            continue
        target = _layer(imported)
        if target is None:
            continue  # e.g. "facilitator" itself
        if target[1] > own[1]:
            wrong.append(f"{module} (layer {own[0]}) imports {imported} from above")
    return wrong


def test_imports_only_point_down() -> None:
    # One test for every module, each wrong import listed (one test each cost seconds of set-up).
    wrong = [line for module, path in _modules() for line in _wrong_imports(module, path)]
    assert not wrong, "\n".join(wrong)


def test_exports_do_not_touch_the_database() -> None:
    for module, path in _modules():
        if module.startswith("facilitator.exports"):
            for imported in _imports(path):
                assert not imported.startswith(("sqlalchemy", "facilitator.store")), (
                    module,
                    imported,
                )


def test_the_walk_sees_every_layer() -> None:
    seen = {(_layer(module) or ("?", 0))[0] for module, _path in _modules()}
    assert {"facilitator.core", "facilitator.store", "facilitator.ui", "facilitator.cli"} <= seen


def test_an_import_from_above_or_of_qt_is_caught(tmp_path: Path) -> None:
    source = tmp_path / "fake.py"
    source.write_text("from facilitator.ui.context import AppContext\nimport PySide6.QtCore\n")
    wrong = _wrong_imports("facilitator.core.fake", source)
    assert "facilitator.core.fake imports Qt (PySide6.QtCore)" in wrong
    assert any("imports facilitator.ui.context from above" in line for line in wrong)
    assert _wrong_imports("facilitator.ui.fake", source) == []
