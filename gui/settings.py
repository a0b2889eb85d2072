"""What TCP Lab remembers between runs, with QSettings.

The file is an INI file in the user's settings folder (on Linux
`~/.config/tcp-lab/settings.ini`, or under $XDG_CONFIG_HOME). It holds the server form
(address, port, model, behaviour, framing, backlog and limits), the text size, the main
window's size, place and docks, and each client window's size and place, and its
address when the user aimed it somewhere else than the server.

TCP_LAB_SETTINGS_FILE=path puts them in that file instead: the tests and benchmarks use
one of their own, so they neither read a person's settings nor write over them.

A value the app cannot use (a file edited by hand, or written by another version) is
ignored and the default stays: a settings file never stops the app from starting.
"""

from __future__ import annotations

import os
from enum import Enum
from typing import TypeVar

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QComboBox, QSpinBox, QWidget

ORGANIZATION = "tcp-lab"  # the folder
APPLICATION = "settings"  # settings.ini in it
MAX_HOST_CHARACTERS = 255  # the longest host name DNS allows
SETTINGS_FILE_VARIABLE = "TCP_LAB_SETTINGS_FILE"

EnumType = TypeVar("EnumType", bound=Enum)
NumberType = TypeVar("NumberType", int, float)


def open_settings() -> QSettings:
    """The app's settings file (the same on every platform: an INI file)."""
    chosen = os.environ.get(SETTINGS_FILE_VARIABLE)
    if chosen:
        return QSettings(chosen, QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                     ORGANIZATION, APPLICATION)


def forget_everything() -> None:
    """Reset settings: the next start, and every window opened from now, uses defaults."""
    settings = open_settings()
    settings.clear()
    settings.sync()


# ---- reading values that may be anything ----

def read_text(settings: QSettings, key: str) -> str | None:
    value = settings.value(key)
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value if 0 < len(value) <= MAX_HOST_CHARACTERS else None


def read_int(settings: QSettings, key: str, lowest: int, highest: int) -> int | None:
    return _read_number(settings, key, int, lowest, highest)


def read_float(settings: QSettings, key: str, lowest: float, highest: float) -> float | None:
    return _read_number(settings, key, float, lowest, highest)


def _read_number(settings: QSettings, key: str, kind: type[NumberType], lowest: NumberType,
                 highest: NumberType) -> NumberType | None:
    """The number at `key` if it is one, and within range; else None."""
    try:
        number = kind(str(settings.value(key)))
    except ValueError:
        return None
    return number if lowest <= number <= highest else None


def read_choice(settings: QSettings, key: str, kind: type[EnumType]) -> EnumType | None:
    try:
        return kind(settings.value(key))
    except (ValueError, TypeError):  # TypeError: a list ("a, b" in the file) is unhashable
        return None


# ---- fields ----

def save_spin(settings: QSettings, key: str, spin: QSpinBox) -> None:
    settings.setValue(key, spin.value())


def restore_spin(settings: QSettings, key: str, spin: QSpinBox) -> None:
    value = read_int(settings, key, spin.minimum(), spin.maximum())
    if value is not None:
        spin.setValue(value)


def save_choice(settings: QSettings, key: str, combo: QComboBox) -> None:
    choice = combo.currentData()
    if isinstance(choice, Enum):
        settings.setValue(key, choice.value)


def restore_choice(settings: QSettings, key: str, combo: QComboBox, kind: type[Enum]) -> None:
    choice = read_choice(settings, key, kind)
    if choice is not None and combo.findData(choice) >= 0:
        combo.setCurrentIndex(combo.findData(choice))


# ---- windows ----

def save_geometry(settings: QSettings, key: str, window: QWidget) -> None:
    settings.setValue(key, window.saveGeometry())


def restore_geometry(settings: QSettings, key: str, window: QWidget) -> bool:
    """The window's remembered size and place; False (nothing changed) if there is none.
    Qt moves a window remembered on a screen that is gone onto one that is there."""
    value = settings.value(key)
    return isinstance(value, QByteArray) and window.restoreGeometry(value)
