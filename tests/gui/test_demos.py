"""Each guided demo runs headless to its end, with real sockets, and says what happened;
End demo closes what it opened."""

from __future__ import annotations

import re
import sys

import pytest
from pytestqt.qtbot import QtBot

from gui.demos.catalog import DEMOS, demo_named
from gui.main_window import MainWindow

DEMO_TIMEOUT_MS = 30_000


def run_demo(qtbot: QtBot, window: MainWindow, key: str) -> str:
    pane = window.docks.demo_pane
    pane.runner.reading_ms = 0
    with qtbot.waitSignal(pane.runner.finished, timeout=DEMO_TIMEOUT_MS) as ended:
        pane.run(demo_named(key))
    assert ended.args == [True, ""], pane.runner.narration
    return "\n".join(pane.runner.narration)


def end_demo(qtbot: QtBot, window: MainWindow) -> None:
    window.docks.demo_pane.end_button.click()
    assert window.client_windows == [], "the demo's client windows are closed"
    assert not window.server.running, "the demo's server is stopped"


def test_one_at_a_time(qtbot: QtBot, main_window: MainWindow) -> None:
    said = run_demo(qtbot, main_window, "one-at-a-time")
    assert "the kernel's view: ESTABLISHED, not accepted" in said
    assert re.search(r"The listen queue holds 1 \(room for \d+\)", said)
    unread = re.search(r"The (\d+) bytes reached the server's kernel", said)
    assert unread and int(unread.group(1)) == len("hello from client 2\n")
    assert "client 2 gets its answer only now" in said
    end_demo(qtbot, main_window)


def test_a_thread_per_client(qtbot: QtBot, main_window: MainWindow) -> None:
    said = run_demo(qtbot, main_window, "thread-per-client")
    assert "Each has its own thread: thread conn-1, thread conn-2." in said
    assert "Both are answered" in said
    end_demo(qtbot, main_window)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads the process list")
def test_a_process_per_client(qtbot: QtBot, main_window: MainWindow) -> None:
    import os
    said = run_demo(qtbot, main_window, "process-per-client")
    children = re.findall(r"pid (\d+) \((\w+), whose parent is pid (\d+)\)", said)
    assert len(children) == 2, said
    assert all(int(parent) == os.getpid() for _pid, _name, parent in children)
    workers = {row.worker for row in main_window.server.connections._rows}
    assert workers == {f"pid {pid}" for pid, _name, _parent in children}
    end_demo(qtbot, main_window)


def test_who_waits_in_time_wait(qtbot: QtBot, main_window: MainWindow) -> None:
    said = run_demo(qtbot, main_window, "time-wait")
    assert re.search(r"Client 1's side is in TIME_WAIT \(\d+ s left\)", said)
    assert "Now the server's side keeps TIME_WAIT" in said
    first_port = main_window.server.address[1]
    assert f"It listens on port {first_port} again" in said
    end_demo(qtbot, main_window)


def test_tcp_is_a_stream_not_messages(qtbot: QtBot, main_window: MainWindow) -> None:
    said = run_demo(qtbot, main_window, "stream")
    assert "3 send() calls; the server's kernel holds their 14 bytes" in said
    assert "Its first recv() returned 14 bytes: “one\\ntwo\\nthree\\n”: three send()s, 1 recv()" in said
    assert "One send() of 17 bytes, 5 recv()s of at most 4 bytes each" in said
    assert "handled one whole message: “whole again”" in said
    end_demo(qtbot, main_window)
    assert main_window.recv_size == 65536, "the demo's tiny recv() does not outlive it"


def test_a_full_backlog(qtbot: QtBot, main_window: MainWindow) -> None:
    said = run_demo(qtbot, main_window, "backlog")
    # Linux queues backlog + 1 finished handshakes; the rest wait in SYN_SENT.
    assert ("3 clients finished the handshake (3 ESTABLISHED, not accepted, on the server's "
            "side: 3 in the listen queue, whose backlog is 2" in said), said
    assert "2 clients are still in SYN_SENT" in said
    states = sorted(c.controller.state.name for c in main_window.client_windows)
    assert states == ["CONNECTED"] * 3 + ["CONNECTING"] * 2
    end_demo(qtbot, main_window)


def test_half_close_and_reset(qtbot: QtBot, main_window: MainWindow) -> None:
    said = run_demo(qtbot, main_window, "half-close-and-reset")
    assert "The reply arrived: a half-closed client still receives." in said
    assert "The server's recv() failed: “The other side reset the connection" in said
    end_demo(qtbot, main_window)


def test_every_demo_has_a_test() -> None:
    tested = {"one-at-a-time", "thread-per-client", "process-per-client", "time-wait",
              "half-close-and-reset", "backlog", "stream"}
    assert {demo.key for demo in DEMOS} == tested
