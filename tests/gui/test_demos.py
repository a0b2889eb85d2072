"""Each guided demo runs headless to its end, with real sockets, and says what happened;
End demo closes what it opened."""

from __future__ import annotations

import os
import re
import sys
import threading

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QRegion
from pytestqt.qtbot import QtBot

from gui.colours import FINISHED, colour
from gui.demos.catalog import DEMOS, demo_named
from gui.demos.full_backlog import BACKLOG
from gui.kernel_model import OWNER, STATE
from gui.main_window import MainWindow
from gui.refresh_throttle import on_screen
from tests.gui.conftest import (SIGNAL_TIMEOUT_MS, open_connected_client, received_text,
                                start_server)

DEMO_TIMEOUT_MS = 30_000
NARRATION_LINES = 6  # a step's paragraph, some of the one before it


def run_demo(qtbot: QtBot, window: MainWindow, key: str) -> str:
    pane = window.docks.demo_pane
    pane.runner.reading_ms = 0
    with qtbot.waitSignal(pane.runner.finished, timeout=DEMO_TIMEOUT_MS) as ended:
        pane.run(demo_named(key))
    assert ended.args == [True, ""], pane.runner.narration
    return "\n".join(pane.runner.narration)


def narration_lines_seen(window: MainWindow) -> float:
    """How many lines of the narration are seen: on screen, and not under the demo's
    client windows."""
    narration = window.docks.demo_pane.narration
    viewport = narration.viewport()
    seen = QRegion(QRect(viewport.mapToGlobal(QPoint(0, 0)), viewport.size()))
    for client in window.client_windows:
        seen -= QRegion(client.frameGeometry())
    if not on_screen(narration):
        return 0.0
    height = max((rect.height() for rect in seen), default=0)  # its tallest clear band
    return height / narration.fontMetrics().lineSpacing()


def end_demo(qtbot: QtBot, window: MainWindow) -> None:
    window.docks.demo_pane.end_button.click()
    assert window.client_windows == [], "the demo's client windows are closed"
    assert not window.server.running, "the demo's server is stopped"


def test_one_at_a_time(qtbot: QtBot, main_window: MainWindow) -> None:
    # The user's own windows take Client 1 and 2: the narration names the demo's windows.
    own = [main_window.open_client_window(), main_window.open_client_window()]
    said = run_demo(qtbot, main_window, "one-at-a-time")
    first, second = main_window.client_windows[2:]
    assert (first.name, second.name) == ("Client 3", "Client 4")
    assert "Client 3 connects and says hello." in said
    assert "the kernel's view: ESTABLISHED, not accepted" in said
    assert re.search(r"The listen queue holds 1 \(room for \d+\)", said)
    unread = re.search(r"The (\d+) bytes reached the server's kernel", said)
    assert unread and int(unread.group(1)) == len("hello from Client 4\n")
    assert received_text(second) == b"hello from Client 4\n"
    assert "Client 4 gets its answer only now" in said
    assert "Client 1" not in said and "Client 2" not in said
    for window in own:
        window.close()
    end_demo(qtbot, main_window)


def test_a_thread_per_client(qtbot: QtBot, main_window: MainWindow) -> None:
    seen: dict[str, object] = {}

    def look_at_the_system(text: str) -> None:
        """Runs as the sentence is said: the system's own list of this process's threads."""
        if "(/proc/self/task)" in text:
            seen["tasks"] = {int(task) for task in os.listdir("/proc/self/task")}
            seen["workers"] = {thread.native_id for thread in threading.enumerate()
                               if thread.name.startswith("thread conn-")}

    main_window.docks.demo_pane.runner.narrated.connect(look_at_the_system)
    said = run_demo(qtbot, main_window, "thread-per-client")
    assert "Each has its own thread: thread conn-1, thread conn-2." in said
    assert "Both are answered" in said
    if sys.platform.startswith("linux"):
        counted = re.search(r"The system counts (\d+) threads in TCP Lab's process now "
                            r"\(/proc/self/task\): (\d+) named conn-N, one for each client",
                            said)
        assert counted and int(counted.group(1)) == len(seen["tasks"])
        assert int(counted.group(2)) == 2  # the two clients' (the rest are the app's own)
        # The two connections' threads are real threads of the system, among those counted.
        assert len(seen["workers"]) == 2 and seen["workers"] <= seen["tasks"]
    end_demo(qtbot, main_window)


def test_the_run_button_runs_the_chosen_demo_to_its_end(qtbot: QtBot,
                                                        main_window: MainWindow) -> None:
    pane = main_window.docks.demo_pane
    pane.runner.reading_ms = 0
    main_window.docks.demo_dock.raise_()
    titles = [pane.demo_list.item(row).text() for row in range(pane.demo_list.count())]
    pane.demo_list.setCurrentRow(titles.index("Half-close and reset"))
    with qtbot.waitSignal(pane.runner.finished, timeout=DEMO_TIMEOUT_MS) as ended:
        qtbot.mouseClick(pane.run_button, Qt.MouseButton.LeftButton)
    assert ended.args == [True, ""], pane.runner.narration
    shown = pane.narration.toPlainText()
    assert shown.startswith("Half-close and reset\n")
    assert "The server's recv() failed: “The other side reset the connection" in shown
    assert pane.progress_label.text() == "Done. Look around, then click End demo to clean up."
    end_demo(qtbot, main_window)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads the process list")
def test_a_process_per_client(qtbot: QtBot, main_window: MainWindow) -> None:
    said = run_demo(qtbot, main_window, "process-per-client")
    children = re.findall(r"pid (\d+) \((\w+), whose parent is pid (\d+)\)", said)
    assert len(children) == 2, said
    assert all(int(parent) == os.getpid() for _pid, _name, parent in children)
    workers = {row.worker for row in main_window.server.connections._rows}
    assert workers == {f"pid {pid}" for pid, _name, _parent in children}
    end_demo(qtbot, main_window)


def test_who_waits_in_time_wait(qtbot: QtBot, main_window: MainWindow) -> None:
    said = run_demo(qtbot, main_window, "time-wait")
    assert re.search(r"Client \d+'s side is in TIME_WAIT \(\d+ s left\)", said)
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
    # Its four windows are the app's doing: the keyboard stays with the demo's buttons
    # (on the offscreen platform every window is activated anyway: what is asked is seen).
    demo_windows = [c for c in main_window.client_windows if not c.remembered]
    assert len(demo_windows) == 4 and all(
        c.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating) for c in demo_windows)
    end_demo(qtbot, main_window)
    assert main_window.recv_size == 65536, "the demo's tiny recv() does not outlive it"


def shown_backlog_states(window: MainWindow) -> dict[str, int]:
    """The kernel's view of the demo's port as the table shows it: rows per state text."""
    model = window.kernel_pane.model
    port = window.server.address[1]
    shown: dict[str, int] = {}
    for row, sock in enumerate(model.sockets()):
        if port in (sock.local[1], sock.remote[1] if sock.remote else None):
            side = "server " if sock.local[1] == port else "client "
            text = side + str(model.index(row, STATE).data())
            shown[text] = shown.get(text, 0) + 1
    return shown


def said_count(pattern: str, said: str) -> int:
    found = re.search(pattern, said)
    assert found, (pattern, said)
    return int(found.group(1))


def said_waiting(said: str) -> int:
    """The clients the narration says are left in SYN_SENT (it says nothing of none)."""
    return (said_count(r"Still in SYN_SENT: (\d+) of the 5 clients", said)
            if "Still in SYN_SENT" in said else 0)


def test_a_full_backlog(qtbot: QtBot, main_window: MainWindow) -> None:
    said = run_demo(qtbot, main_window, "backlog")
    shown = shown_backlog_states(main_window)
    queued = said_count(r"(\d+) of the 5 clients finished the handshake on both sides", said)
    waiting = said_waiting(said)
    half_open = (said_count(r"(\d+) of the 5 clients also got the server's SYN\+ACK", said)
                 if "clients also got" in said else 0)
    # The narration's counts are the kernel's, as its table shows them.
    assert queued == shown.get("server ESTABLISHED, not accepted", 0), (said, shown)
    assert waiting == shown.get("client SYN_SENT", 0), (said, shown)
    assert queued + half_open == shown.get("client ESTABLISHED", 0), (said, shown)
    # Linux queues backlog + 1 finished handshakes (more only in a race); the rest wait.
    assert queued >= BACKLOG + 1 and queued + half_open + waiting == 5
    assert f"in the queue, whose backlog is {BACKLOG}" in said
    states = sorted(c.controller.state.name for c in main_window.client_windows)
    assert states == ["CONNECTED"] * (queued + half_open) + ["CONNECTING"] * waiting
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


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="TIME_WAIT comes from Linux")
def test_a_demos_kernel_view_greys_the_sockets_from_before_it(qtbot: QtBot,
                                                              main_window: MainWindow) -> None:
    """A lesson given after another: the earlier one's TIME_WAIT is still in the kernel,
    greyed at the end of the table, and the demo's own sockets come first."""
    start_server(qtbot, main_window)
    earlier = open_connected_client(qtbot, main_window)
    earlier_port = earlier.controller.local_port
    earlier.disconnect_button.click()  # the client closes first: its side keeps TIME_WAIT
    model = main_window.kernel_pane.model

    def earlier_time_wait() -> list[int]:
        return [row for row, sock in enumerate(model.sockets())
                if sock.local[1] == earlier_port and sock.state == "TIME_WAIT"]

    qtbot.waitUntil(lambda: bool(earlier_time_wait()), timeout=SIGNAL_TIMEOUT_MS)
    earlier.close()
    main_window.stop_server()

    said = run_demo(qtbot, main_window, "backlog")
    queued = said_count(r"(\d+) of the 5 clients finished the handshake on both sides", said)
    (row,) = earlier_time_wait()
    demo_port = main_window.server.address[1]
    demo_rows = [r for r, sock in enumerate(model.sockets())
                 if demo_port in (sock.local[1], sock.remote[1] if sock.remote else None)]
    handshakes_in_progress = shown_backlog_states(main_window).get("server SYN_RECV", 0)
    assert len(demo_rows) == 1 + 5 + queued + handshakes_in_progress, \
        "the listener, 5 clients, and the server's side of each finished handshake"
    assert max(demo_rows) < row, "the demo's sockets come first"
    assert model.index(row, OWNER).data().startswith("from before this demo: ")
    assert model.index(row, STATE).data(Qt.ItemDataRole.ForegroundRole) == colour(FINISHED)
    summary = main_window.kernel_pane.summary_label.text()
    assert "from before this demo, greyed at the end of the table" in summary
    assert "TIME_WAIT" not in summary, "the summary speaks of the demo's own sockets"
    assert "TIME_WAIT" not in main_window.kernel_pane.diagram.describe()

    end_demo(qtbot, main_window)
    qtbot.waitUntil(lambda: not model.index(0, OWNER).data().startswith("from before"),
                    timeout=SIGNAL_TIMEOUT_MS)
    assert not any(str(model.index(r, OWNER).data()).startswith("from before")
                   for r in range(model.rowCount())), "no demo: nothing is from before"


def test_a_demo_says_it_stops_the_users_server_and_end_demo_starts_it_again(
        qtbot: QtBot, main_window: MainWindow) -> None:
    port = start_server(qtbot, main_window)
    said = run_demo(qtbot, main_window, "half-close-and-reset")
    assert said.startswith(f"Your server on port {port} is stopped for this demo")
    assert main_window.server.address[1] != port  # the demo's own server ran meanwhile
    with qtbot.waitSignal(main_window.server.listening, timeout=SIGNAL_TIMEOUT_MS):
        main_window.docks.demo_pane.end_button.click()
    assert main_window.server.running and main_window.server.address[1] == port
    assert main_window.client_windows == []


def test_a_demos_client_windows_leave_the_narration_in_view(qtbot: QtBot,
                                                            main_window: MainWindow) -> None:
    main_window.resize(1100, 940)  # as on a desktop's screen, larger than this test's
    said = run_demo(qtbot, main_window, "backlog")
    windows = main_window.client_windows
    assert len(windows) == 5
    assert narration_lines_seen(main_window) >= NARRATION_LINES
    assert all(not w.remembered for w in windows)
    # The two whose SYN goes unanswered are named in the kernel's view by their windows.
    model = main_window.kernel_pane.model
    names = {w.name for w in windows}

    def connecting_owners() -> list[str]:
        return [str(model.index(r, OWNER).data()) for r in range(model.rowCount())
                if str(model.index(r, STATE).data()).startswith("SYN_SENT")]

    waiting = said_waiting(said)
    qtbot.waitUntil(lambda: len(connecting_owners()) == waiting, timeout=SIGNAL_TIMEOUT_MS)
    assert all(owner.endswith(", in connect()") and owner.split(",")[0] in names
               for owner in connecting_owners()), connecting_owners()
    end_demo(qtbot, main_window)


def test_closing_the_app_after_a_demo_does_not_start_the_users_server_again(
        qtbot: QtBot, main_window: MainWindow) -> None:
    start_server(qtbot, main_window)
    run_demo(qtbot, main_window, "half-close-and-reset")  # stays on screen, not ended
    main_window.close()
    assert not main_window.server.running
    assert main_window.client_windows == []


def test_a_second_demo_keeps_the_users_server_stopped_and_starts_it_at_its_end(
        qtbot: QtBot, main_window: MainWindow) -> None:
    port = start_server(qtbot, main_window)
    run_demo(qtbot, main_window, "half-close-and-reset")
    said = run_demo(qtbot, main_window, "time-wait")  # without End demo in between
    assert said.startswith(f"Your server on port {port} is stopped for this demo")
    with qtbot.waitSignal(main_window.server.listening, timeout=SIGNAL_TIMEOUT_MS):
        main_window.docks.demo_pane.end_button.click()
    assert main_window.server.address[1] == port
    # Started by the person, and again at the end: not in between the two demos too.
    from netcore.events import EventKind
    listens = [row for row in main_window.server.log.rows
               if row.kind is EventKind.LISTENING and f":{port}" in row.detail]
    assert len(listens) == 2, [row.detail for row in listens]
