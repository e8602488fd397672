"""`pip install .` ships what the app needs, and the README's commands are the ones CI runs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # Built from a copy: setuptools writes build/ and *.egg-info beside the sources.
    source = tmp_path_factory.mktemp("source") / "facilitator"
    shutil.copytree(
        ROOT,
        source,
        ignore=shutil.ignore_patterns(".git", ".venv", "build", "*.egg-info", "__pycache__"),
    )
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=240,
        cwd=source,
        env={**os.environ, "PIP_NO_INPUT": "1"},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    (found,) = out.glob("facilitator-*.whl")
    return found


def test_the_wheel_holds_every_module_migration_and_resource(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for path in (ROOT / "facilitator").rglob("*.py"):
        assert path.relative_to(ROOT).as_posix() in names, f"{path} missing from the wheel"
    for path in (ROOT / "db").rglob("*"):
        if path.is_file() and "__pycache__" not in path.parts:
            assert f"facilitator/_db/{path.relative_to(ROOT / 'db').as_posix()}" in names, path
    for path in (ROOT / "resources").rglob("*"):
        if path.is_file():
            wanted = f"facilitator/_resources/{path.relative_to(ROOT / 'resources').as_posix()}"
            assert wanted in names, path
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "facilitator = facilitator.cli:main" in text


def test_the_installed_package_runs_without_the_source_tree(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site), "FACILITATOR_DB": str(tmp_path / "e.sqlite3")}

    def run(*args: str) -> str:
        result = subprocess.run(
            [sys.executable, "-m", "facilitator", *args],
            capture_output=True,
            text=True,
            cwd=elsewhere,
            env=env,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    probe = subprocess.run(
        [sys.executable, "-c", "import facilitator; print(facilitator.__file__)"],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=env,
        timeout=60,
    )
    assert probe.stdout.strip().startswith(str(site)), "the test must not use the source tree"
    assert "Atelier de démonstration ajouté" in run("init", "--demo")
    workshops = json.loads(run("workshops", "--json"))
    assert len(workshops) == 2


def _commands_of(readme: str) -> list[str]:
    blocks = readme.split("```")
    return [block.split("\n", 1)[1].strip() for block in blocks[1::2]]


def test_readme_starts_with_the_two_commands_and_ci_runs_the_second() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = _commands_of(readme)
    assert len(commands) >= 2
    first, second = commands[0], commands[1]
    assert first.endswith("facilitator demo") and "libxcb-cursor0" in first
    assert "pytest" in second
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert second in ci.splitlines(), "CI must run the README's test command word for word"
    head = readme.split("```")[0]
    assert head.count("\n") < 6, "the two commands come first"
