"""Programs that run the app offscreen on purpose (the benchmarks, the screenshots) lay
its windows out for a real screen's size, and print Qt's messages but not the offscreen
platform's noise that buried them."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from PySide6.QtCore import QMessageLogContext, QtMsgType

from gui.offscreen import LAPTOP_SCREEN, offscreen_on_a_laptop_screen, quiet_offscreen_noise


def test_the_platform_noise_is_dropped_and_every_other_message_printed(
        capsys: pytest.CaptureFixture[str]) -> None:
    context = QMessageLogContext()
    quiet_offscreen_noise(QtMsgType.QtWarningMsg, context,
                          "This plugin does not support propagateSizeHints()")
    quiet_offscreen_noise(QtMsgType.QtWarningMsg, context, "This plugin does not support raise()")
    quiet_offscreen_noise(QtMsgType.QtWarningMsg, context,
                          "QPainter::begin: Paint device returned engine == 0")
    assert capsys.readouterr().err.splitlines() == [
        "QPainter::begin: Paint device returned engine == 0"]


def test_a_benchmark_window_is_laid_out_for_a_laptop_screen_unless_told(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")  # as the tests and CI run it
    offscreen_on_a_laptop_screen()
    platform = os.environ["QT_QPA_PLATFORM"]
    assert platform.startswith("offscreen:configfile=")
    screen, = json.loads(Path(platform.split("=", 1)[1]).read_text())["screens"]
    assert (screen["width"], screen["height"]) == LAPTOP_SCREEN == (1366, 768)
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")  # a person who wants to watch it
    offscreen_on_a_laptop_screen()
    assert os.environ["QT_QPA_PLATFORM"] == "xcb"
