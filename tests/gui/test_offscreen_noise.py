"""Programs that run the app offscreen on purpose (the benchmarks, the screenshots) print
Qt's messages, but not the offscreen platform's noise that buried them."""

from __future__ import annotations

import pytest

from PySide6.QtCore import QMessageLogContext, QtMsgType

from gui.offscreen_noise import quiet_offscreen_noise


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
