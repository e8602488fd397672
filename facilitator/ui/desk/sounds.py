"""The desk's three sounds: a rising chime for welcome, one tone for already, a buzz for refused.

The tones are generated once per run as small WAV files in a temp folder, then played without
blocking: QtMultimedia's QSoundEffect when the optional Qt add-ons are installed, else the
system's own player (winsound, afplay, paplay or aplay), else the plain system beep.
"""

from __future__ import annotations

import atexit
import importlib
import math
import shutil
import subprocess
import sys
import tempfile
import wave
from array import array
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QUrl
from PySide6.QtWidgets import QApplication

from facilitator.store.checkin import ALREADY, CHECKED_IN, REJECTED

KINDS = (CHECKED_IN, ALREADY, REJECTED)
RATE = 22_050

# (frequency in Hz, seconds, shape) for each note of each sound.
_NOTES: dict[str, tuple[tuple[float, float, str], ...]] = {
    CHECKED_IN: ((880.0, 0.09, "sine"), (1318.5, 0.16, "sine")),  # rising two-note
    ALREADY: ((660.0, 0.28, "sine"),),  # one mid tone
    REJECTED: ((150.0, 0.45, "square"),),  # low buzz
}

_folder: Path | None = None


def _samples(frequency: float, seconds: float, shape: str) -> array[int]:
    count = int(RATE * seconds)
    fade = int(RATE * 0.01)  # 10 ms ramps: no click at the start and end of a note
    out = array("h")
    for i in range(count):
        phase = math.sin(2 * math.pi * frequency * i / RATE)
        value = (1.0 if phase >= 0 else -1.0) * 0.35 if shape == "square" else phase * 0.6
        ramp = min(1.0, i / fade, (count - 1 - i) / fade)
        out.append(int(value * ramp * 32_000))
    return out


def write_tone(path: Path, kind: str) -> Path:
    """Write one of the three sounds as a 16-bit mono WAV file."""
    samples = array("h")
    for note in _NOTES[kind]:
        samples.extend(_samples(*note))
    if sys.byteorder == "big":
        samples.byteswap()
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(samples.tobytes())
    return path


def tone_files() -> dict[str, Path]:
    """The three WAV files, written on first use into a temp folder removed at exit."""
    global _folder
    if _folder is None:
        _folder = Path(tempfile.mkdtemp(prefix="facilitator-sounds-"))
        atexit.register(shutil.rmtree, _folder, True)
        for kind in KINDS:
            write_tone(_folder / f"{kind}.wav", kind)
    return {kind: _folder / f"{kind}.wav" for kind in KINDS}


def _system_player() -> list[str] | None:
    if sys.platform == "darwin":
        names: tuple[tuple[str, ...], ...] = (("afplay",),)
    else:
        names = (("paplay",), ("aplay", "-q"), ("pw-play",))
    for command in names:
        found = shutil.which(command[0])
        if found:
            return [found, *command[1:]]
    return None


def _sound_effect_class() -> Any:
    """QtMultimedia's QSoundEffect when the optional Qt add-ons are installed and load."""
    try:
        from PySide6.QtMultimedia import QSoundEffect
    except ImportError:
        return None
    return QSoundEffect


class SoundPlayer(QObject):
    """Plays the desk's sounds without ever blocking the screen; can be switched off."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.enabled = True
        self._effects: dict[str, Any] | None = None
        self._command: list[str] | None = None
        self._backend: str | None = None
        self._children: list[subprocess.Popen[bytes]] = []

    @property
    def backend(self) -> str:
        """Which way sounds are played: qt, winsound, command or beep."""
        if self._backend is None:
            self._choose_backend()
        assert self._backend is not None
        return self._backend

    def _choose_backend(self) -> None:
        effect_class = _sound_effect_class()
        files = tone_files()
        if effect_class is not None:
            self._effects = {}
            for kind, path in files.items():
                effect = effect_class(self)
                effect.setSource(QUrl.fromLocalFile(str(path)))
                effect.setVolume(0.9)
                self._effects[kind] = effect
            self._backend = "qt"
        elif sys.platform == "win32":
            self._backend = "winsound"
        else:
            self._command = _system_player()
            self._backend = "command" if self._command else "beep"

    def play(self, kind: str) -> None:
        """Play the sound for a scan outcome (checked_in, already or rejected)."""
        if not self.enabled or kind not in KINDS:
            return
        backend = self.backend
        path = tone_files()[kind]
        try:
            if backend == "qt" and self._effects is not None:
                self._effects[kind].play()
            elif backend == "winsound":
                winsound: Any = importlib.import_module("winsound")
                flags = winsound.SND_FILENAME | winsound.SND_ASYNC | winsound.SND_NODEFAULT
                winsound.PlaySound(str(path), flags)
            elif backend == "command" and self._command:
                self._reap()
                self._children.append(
                    subprocess.Popen(
                        [*self._command, str(path)],
                        stdin=subprocess.DEVNULL,
                        stdout=subprocess.DEVNULL,
                        stderr=subprocess.DEVNULL,
                    )
                )
            else:
                QApplication.beep()
        except OSError:
            QApplication.beep()  # the player vanished or failed to start: a beep is still a signal

    def _reap(self) -> None:
        self._children = [child for child in self._children if child.poll() is None]
