"""The language of `tcp-lab serve` and `tcp-lab connect`, which run without Qt: the one
chosen in the window's Language menu, else the system's (LC_ALL, LC_MESSAGES, LANG), as
the window does (gui/language.py). Their sentences come from the shipped .ts file."""

from __future__ import annotations

import configparser
import os
from pathlib import Path

from netcore.i18n import install_sentences
from resources.translations import shipped_sentences

CHINESE = "zh_CN"
KNOWN = ("en", CHINESE)


def settings_path() -> Path:
    """Where QSettings keeps the window's settings (gui/settings.py)."""
    chosen = os.environ.get("TCP_LAB_SETTINGS_FILE")
    if chosen:
        return Path(chosen)
    config = os.environ.get("XDG_CONFIG_HOME", "")
    base = Path(config) if os.path.isabs(config) else Path.home() / ".config"
    return base / "tcp-lab" / "settings.ini"


def chosen_language() -> str:
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(settings_path(), encoding="utf-8")
        value = parser.get("view", "language", fallback="")
    except (configparser.Error, UnicodeDecodeError):
        return ""  # a file the window would ignore too
    return value if value in KNOWN else ""


def system_language() -> str:
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            return CHINESE if value.startswith("zh") else "en"
    return "en"


def install_headless_language() -> str:
    """Before the command builds any sentence; returns the language used."""
    language = chosen_language() or system_language()
    if language == CHINESE:
        install_sentences(shipped_sentences(CHINESE))
    return language
