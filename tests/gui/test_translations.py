"""English and Simplified Chinese, through Qt's own workflow (resources/translations.py):
every text the app shows has a finished Chinese translation, the shipped .qm is made from
the .ts, a translation keeps its placeholders (a missing one would raise in .format()) and
its shortcut letter, and the window speaks Chinese when that is the language chosen."""

from __future__ import annotations

import os
import re
import shutil
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QMessageBox

from gui import language
from gui.main_window import MainWindow
from gui.settings import open_settings
from resources.translations import compile_qm, qm_file, ts_file, update_ts

PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")


def messages(ts: Path) -> list[tuple[str, str, ET.Element]]:
    """(context, source, translation element) of every message of a .ts file."""
    found = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            found.append((name, message.findtext("source") or "", translation))
    return found


@pytest.fixture(scope="module")
def chinese() -> list[tuple[str, str, str]]:
    return [(context, source, translation.text or "")
            for context, source, translation in messages(ts_file(language.CHINESE))]


@pytest.fixture
def speaking_chinese() -> Iterator[None]:
    assert language.install_language(language.CHINESE)
    try:
        yield
    finally:
        language.install_language(language.ENGLISH)  # every other test reads English


def test_every_text_the_app_shows_has_a_finished_chinese_translation(tmp_path: Path) -> None:
    """Run as a developer would (python -m resources.translations) on a copy: a text
    added without a translation comes out unfinished."""
    copy = tmp_path / ts_file(language.CHINESE).name
    shutil.copy(ts_file(language.CHINESE), copy)
    update_ts(copy)
    left = [f"{context}: {source!r}" for context, source, translation in messages(copy)
            if translation.get("type") in ("unfinished", "vanished", "obsolete")
            or not (translation.text or "").strip()]
    assert not left, "untranslated (python -m resources.translations, then translate):\n" + \
        "\n".join(left)


def test_the_shipped_translation_is_compiled_from_the_ts_file(tmp_path: Path) -> None:
    compiled = tmp_path / "fresh.qm"
    compile_qm(ts_file(language.CHINESE), compiled)
    assert compiled.read_bytes() == qm_file(language.CHINESE).read_bytes(), (
        "resources/*.qm is out of date: run python -m resources.translations")


def test_translations_keep_their_placeholders_and_shortcut_letters(
        chinese: list[tuple[str, str, str]]) -> None:
    for context, source, translation in chinese:
        assert Counter(PLACEHOLDER.findall(translation)) == \
            Counter(PLACEHOLDER.findall(source)), (context, source, translation)
        shortcut = re.search(r"&(\w)", source)
        if shortcut:  # Alt+letter does not care for the letter's case
            assert f"&{shortcut.group(1)}".lower() in translation.lower(), \
                (context, source, translation)


def test_the_window_speaks_chinese(qtbot: QtBot, speaking_chinese: None,
                                   chinese: list[tuple[str, str, str]]) -> None:
    wanted = {(context, source): text for context, source, text in chinese}
    window = MainWindow()
    qtbot.addWidget(window)
    try:
        assert window.start_button.text() == wanted[("server_form", "Start Server")]
        assert window.language_menu.title() == wanted[("language", "&Language")]
        assert "服务器" in window.windowTitle()
        assert window.state_label.text() == wanted[
            ("server_controller", "Stopped. Choose a model and click Start Server.")]
    finally:
        window.close()


def test_the_system_language_is_followed_unless_one_is_chosen() -> None:
    assert language.language_to_use(language.SYSTEM, "zh_CN") == language.CHINESE
    assert language.language_to_use(language.SYSTEM, "zh_TW") == language.CHINESE
    assert language.language_to_use(language.SYSTEM, "de_DE") == language.ENGLISH
    assert language.language_to_use(language.ENGLISH, "zh_CN") == language.ENGLISH
    assert language.language_to_use(language.CHINESE, "en_US") == language.CHINESE


def test_the_language_menu_remembers_the_choice_for_the_next_start(
        qtbot: QtBot, main_window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: told.append(text))
    menu = main_window.language_menu
    assert menu.actions_by_language[language.SYSTEM].isChecked()
    menu.actions_by_language[language.CHINESE].trigger()
    assert open_settings().value(language.SETTING) == language.CHINESE
    assert told == ["TCP Lab will speak 简体中文 from its next start."]
    assert language.start_in_chosen_language() == language.CHINESE
    language.install_language(language.ENGLISH)
    assert language.chosen_language() == language.CHINESE


def test_a_process_per_client_child_reports_in_the_window_s_language(
        qtbot: QtBot, speaking_chinese: None, chinese: list[tuple[str, str, str]]) -> None:
    """A child has no Qt to translate with: it is given the window's sentences."""
    from netcore.config import ServerModel
    from netcore.events import EventKind
    from tests.gui.conftest import (SIGNAL_TIMEOUT_MS, logged, open_connected_client,
                                    received_text, send_from, start_server)
    window = MainWindow()
    qtbot.addWidget(window)
    window.port_spin.setValue(0)
    try:
        start_server(qtbot, window, ServerModel.PROCESS)
        client = open_connected_client(qtbot, window)
        send_from(client, "hi")
        qtbot.waitUntil(lambda: received_text(client) == b"hi\n", timeout=SIGNAL_TIMEOUT_MS)
        # The child's reports reach the window on their own: the echo can come first.
        log = window.server.log
        qtbot.waitUntil(lambda: bool(logged(log.rows, EventKind.WORKER_STARTED))
                        and bool(logged(log.rows, EventKind.RECEIVED)), timeout=SIGNAL_TIMEOUT_MS)
        started = logged(log.rows, EventKind.WORKER_STARTED)
        received = logged(log.rows, EventKind.RECEIVED)
        wanted = {(context, source): text for context, source, text in chinese}
        assert started and "子进程" in started[-1].detail and "serves" not in started[-1].detail
        assert received[-1].detail == wanted[("session", "recv() returned {size} bytes")] \
            .format(size=3)
    finally:
        window.close()


def test_tcp_lab_serve_speaks_the_system_s_language_or_the_one_chosen(tmp_path: Path) -> None:
    """`tcp-lab serve` runs without Qt: its sentences come from the shipped .ts."""
    from tests.netcore.helpers import CommandLine, tcp_lab
    settings = tmp_path / "settings.ini"
    for chosen, expected in (("", "为套接字绑定了地址"), ("en", "gave the socket the address")):
        settings.write_text(f"[view]\nlanguage={chosen}\n" if chosen else "")
        environment = {**os.environ, "LC_ALL": "zh_CN.UTF-8",
                       "TCP_LAB_SETTINGS_FILE": str(settings)}
        with CommandLine(tcp_lab("serve", "--port", "0"), env=environment) as serve:
            serve.wait_for_line(lambda line, words=expected: words in line)
