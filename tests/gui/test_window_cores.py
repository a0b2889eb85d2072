"""The window's own thread and the cores: on one core with the threads it hands the GIL
to, every core while its server's workers are processes (netcore/cpu.py)."""

from __future__ import annotations

import os
import sys

import pytest
from pytestqt.qtbot import QtBot

from gui.main_window import MainWindow
from netcore import cpu
from netcore.config import ServerModel
from tests.gui.conftest import SIGNAL_TIMEOUT_MS, start_server

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or len(os.sched_getaffinity(0)) < 2,
    reason="per-thread CPU affinity is Linux's, and needs two cores at least")


def test_the_window_uses_every_core_while_it_serves_a_process_per_client(
        qtbot: QtBot, main_window: MainWindow) -> None:
    """Its workers are other processes: the window's thread need not share one core with
    a hundred of them, and goes back to its core when the server stops."""
    everywhere = os.sched_getaffinity(0)
    try:
        core = cpu.keep_python_threads_on_one_core()
        assert os.sched_getaffinity(0) == {core}
        start_server(qtbot, main_window, ServerModel.PROCESS)
        assert os.sched_getaffinity(0) == everywhere
        main_window.stop_server()
        qtbot.waitUntil(lambda: not main_window.server.running, timeout=SIGNAL_TIMEOUT_MS)
        assert os.sched_getaffinity(0) == {core}
    finally:
        os.sched_setaffinity(0, everywhere)
        cpu._chosen_core = None
