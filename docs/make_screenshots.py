"""Make the README's screenshots from a real, live session of the app.

    python docs/make_screenshots.py        (from the repo root, with the project installed)

It starts the server (thread per client, echo) on a free port, opens three client windows,
connects each, sends a message from each, waits until the server's connections table
shows the bytes, then saves:

    docs/main-window.png     the main window: 3 connections and the server's log
    docs/client-window.png   one client window and its log
    docs/select-model.png    the main window again, with the one-thread select/epoll server
    docs/call-flow.png       the call-flow diagram of the same session: each worker on its call
    docs/conversation.png    the conversation chart of the same session: handshakes and echoes
    docs/demo-*.png          each guided demo at its end, narration and diagrams
    docs/kernel-view.png     the kernel's view of an iterative server: a client served, one
                             waiting unaccepted in the listen queue, one in TIME_WAIT
    docs/*-zh_CN.png         the main window, a client window and the first demo in Chinese
                             (Debian: fonts-wqy-microhei gives the Chinese glyphs)

The main window opens on a screen of 1920 x 1040 pixels (a 1920 x 1080 projector's, less
a task bar) and lays itself out for it as it does for a person; the docks pictured on
their own are floated and enlarged, their diagram fitted to them (Fit to pane), as a
teacher would on a projector.

The app's remembered settings are neither read nor written: the session uses a settings
file of its own (TCP_LAB_SETTINGS_FILE), so every picture shows the app's defaults.

Every wait is on a condition with a deadline, never a fixed sleep: a screenshot is only
taken of a session that really happened. The script exits 0 on success and 1 (saying
what it was waiting for) if a step does not happen in time.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

# The app of this checkout, not another one installed in the environment (a worktree's
# pictures are of its own code).
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
# Before anything imports Qt: no screen is needed, and the pictures do not depend on one:
# Qt's offscreen platform is given a screen of its own, a 1920 x 1080 projector's less a
# task bar: a class sees the demos there, and the main window's first layout is made for
# the screen it opens on (gui/first_layout.py; tests/gui/test_first_layout.py checks a
# 1366 x 768 laptop's too).
SCREEN_SIZE = (1920, 1040)
SETTINGS_FOLDER = tempfile.mkdtemp(prefix="tcp-lab-screenshots-")
from gui.offscreen import offscreen_screen  # noqa: E402  (QtCore only: no platform yet)

os.environ["QT_QPA_PLATFORM"] = offscreen_screen(Path(SETTINGS_FOLDER), *SCREEN_SIZE,
                                                 name="projector")
os.environ["TCP_LAB_SETTINGS_FILE"] = os.path.join(SETTINGS_FOLDER, "settings.ini")

from PySide6.QtCore import QEventLoop  # noqa: E402
from PySide6.QtWidgets import QApplication, QDockWidget, QWidget  # noqa: E402

from gui.client_window import ClientWindow  # noqa: E402
from gui.connections_model import WATCHED  # noqa: E402
from gui.diagram_view import DiagramView  # noqa: E402
from gui.demos.catalog import DEMOS, Demo  # noqa: E402
from gui.garbage import GuiThreadGarbageCollector  # noqa: E402
from gui.settings import forget_everything  # noqa: E402
from gui.language import CHINESE, ENGLISH, install_language  # noqa: E402
from gui.main_window import MainWindow  # noqa: E402
from gui.offscreen import quiet_the_offscreen_platform  # noqa: E402
from gui.repaint_limiter import show_everything_held  # noqa: E402
from netcore.client import ClientState  # noqa: E402
from netcore.config import Behaviour, ServerModel  # noqa: E402

DOCS = Path(__file__).resolve().parent
MAIN_WINDOW_PNG = DOCS / "main-window.png"
CLIENT_WINDOW_PNG = DOCS / "client-window.png"
SELECT_MODEL_PNG = DOCS / "select-model.png"
KERNEL_VIEW_PNG = DOCS / "kernel-view.png"
CALL_FLOW_PNG = DOCS / "call-flow.png"
CONVERSATION_PNG = DOCS / "conversation.png"
CLIENT_COUNT = 3
STEP_TIMEOUT_SECONDS = 10.0  # each step takes milliseconds; this only bounds a broken one
SETTLE_MS = 150  # let the event bridge's last batch (every 30 ms) reach the views
FLOATING_SIZE = (1100, 760)  # a dock on its own, as enlarged for a projector
MESSAGES = (
    "Hello from client 1!",
    "Is anybody there? (client 2)",
    "client 3 says hi",
)
CHINESE_PICTURES = (DOCS / "main-window-zh_CN.png", DOCS / "client-window-zh_CN.png")
CHINESE_MESSAGES = ("你好，我是客户端 1！", "有人在吗？（客户端 2）", "客户端 3 来打个招呼")


class StepTimedOut(Exception):
    """A step of the session did not happen within STEP_TIMEOUT_SECONDS."""


def wait_until(condition: Callable[[], bool], what: str,
               timeout: float = STEP_TIMEOUT_SECONDS) -> None:
    """Run the Qt event loop until `condition()` is true; raise StepTimedOut at the deadline."""
    loop = QEventLoop()
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise StepTimedOut(f"timed out after {timeout:g} s waiting for: {what}")
        loop.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)


def settle(ms: int = SETTLE_MS) -> None:
    """Process events for `ms` so the last event batch is painted (a bounded pause)."""
    loop = QEventLoop()
    deadline = time.monotonic() + ms / 1000
    while time.monotonic() < deadline:
        loop.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)


def show_floating(dock: QDockWidget, view: DiagramView | None = None) -> None:
    """The dock on its own, large, as on a projector; its diagram fitted to it (the Fit
    to pane button) if it has one."""
    dock.setFloating(True)
    dock.resize(*FLOATING_SIZE)
    dock.show()
    dock.raise_()
    settle(400)  # laid out; a picture refreshes at most four times a second
    if view is not None:
        view.zoom_to_fit()
        settle(400)


def save(widget: QWidget, path: Path) -> None:
    show_everything_held()  # a table whose repaint is held back would come out blank
    if not widget.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    print(f"wrote {path}")


def start_server(window: MainWindow, model: ServerModel) -> None:
    window.port_spin.setValue(0)  # any free port: the screenshot never clashes with a server
    window.model_combo.setCurrentIndex(window.model_combo.findData(model))
    window.behaviour_combo.setCurrentIndex(window.behaviour_combo.findData(Behaviour.ECHO))
    window.start_button.click()
    if not window.server.running:
        raise StepTimedOut(f"the server did not start: {window.error_label.text()}")
    waits_in = "select()" if model is ServerModel.SELECT else "accept()"
    wait_until(lambda: waits_in in window.server.state_text, f"the server to wait in {waits_in}")


def connect_clients(window: MainWindow) -> list[ClientWindow]:
    clients = [window.open_client_window() for _ in range(CLIENT_COUNT)]
    for client in clients:
        client.connect_to_server()
        wait_until(lambda c=client: c.controller.state is ClientState.CONNECTED,
                   f"{client.name} to connect")
    connections = window.server.connections
    wait_until(lambda: len(connections.open_ids()) == CLIENT_COUNT,
               f"the server to list {CLIENT_COUNT} open connections")
    return clients


def send_messages(window: MainWindow, clients: list[ClientWindow],
                  messages: Sequence[str]) -> None:
    for client, text in zip(clients, messages):
        client.message.edit.setText(text)
        client.message.send_button.click()
    connections = window.server.connections

    def all_echoed() -> bool:
        rows = [connections.row(conn_id) for conn_id in connections.open_ids()]
        server_done = len(rows) == CLIENT_COUNT and all(
            row is not None and row.bytes_in > 0 and row.bytes_out == row.bytes_in
            for row in rows)
        clients_done = all(c.controller.bytes_in == c.controller.bytes_out > 0 for c in clients)
        return server_done and clients_done

    wait_until(all_echoed, "every message to reach the server and be echoed back")
    # The echo's own recv() wait is the last step of each connection: wait for it, so the
    # table says "waiting in recv()" as a live server would between messages. (The select
    # model's loop waits for all of them at once: its rows say so.)
    last_state = WATCHED if window.server.server.config.model is ServerModel.SELECT \
        else "waiting in recv()"
    wait_until(lambda: all(connections.row(i) is not None
                           and connections.row(i).state == last_state
                           for i in connections.open_ids()),
               f"every connection to reach \"{last_state}\"")
    settle()


def main() -> int:
    try:
        return 0 if all_sessions() else 1
    finally:
        shutil.rmtree(SETTINGS_FOLDER, ignore_errors=True)


def all_sessions() -> bool:
    quiet_the_offscreen_platform()
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("TCP Lab")
    GuiThreadGarbageCollector(app)  # as the app does: each session's window is freed here
    for model, pictures in ((ServerModel.THREAD, (MAIN_WINDOW_PNG, CLIENT_WINDOW_PNG,
                                                  CALL_FLOW_PNG)),
                            (ServerModel.SELECT, (SELECT_MODEL_PNG,))):
        if not session(model, pictures):
            return False
    if not kernel_view_session() or not demo_sessions():
        return False
    try:
        install_language(CHINESE)
        return (session(ServerModel.THREAD, CHINESE_PICTURES, CHINESE_MESSAGES)
                and demo_sessions(DEMOS[:1], "-zh_CN"))
    finally:
        install_language(ENGLISH)


def demo_sessions(demos: Sequence[Demo] = DEMOS, suffix: str = "") -> bool:
    """Each guided demo, run to its end: the window as the class sees it then."""
    forget_everything()  # each session starts from the defaults, not from the one before
    window = MainWindow()  # at its first size, laid out for the screen
    window.show()
    pane = window.docks.demo_pane
    pane.runner.reading_ms = 0
    ended: list[tuple[bool, str]] = []
    pane.runner.finished.connect(lambda completed, problem: ended.append((completed, problem)))
    try:
        for demo in demos:
            ended.clear()
            pane.demo_list.setCurrentRow(DEMOS.index(demo))
            pane.run_chosen()
            wait_until(lambda: bool(ended), f"the demo {demo.title!r} to end", timeout=40)
            if not ended[0][0]:
                raise StepTimedOut(f"the demo {demo.title!r} stopped: {ended[0][1]}")
            settle(500)  # the kernel's view and the conversation catch up
            save(window, DOCS / f"demo-{demo.key}{suffix}.png")
            pane.end()
            settle()
    except StepTimedOut as exc:
        print(f"make_screenshots: {exc}", file=sys.stderr)
        return False
    finally:
        window.close()
        settle()
    return True


def kernel_view_session() -> bool:
    """The kernel's view of an iterative server: one client served, one waiting unaccepted
    in the listen queue, and one that left first, in TIME_WAIT."""
    forget_everything()
    window = MainWindow()
    window.show()
    try:
        start_server(window, ServerModel.ITERATIVE)
        clients = [window.open_client_window() for _ in range(3)]
        first, served, waiting = clients
        first.connect_to_server()
        wait_until(lambda: first.controller.state is ClientState.CONNECTED, "client 1 to connect")
        first.controller.close()  # it closes first: its side keeps TIME_WAIT
        served.connect_to_server()
        waiting.connect_to_server()
        model = window.kernel_pane.model

        def shows_it_all() -> bool:
            sockets = model.sockets()
            return (any(s.not_accepted for s in sockets)
                    and any(s.state == "TIME_WAIT" for s in sockets)
                    and any(owner.startswith("server, connection 2") for owner in model.owners())
                    and "Client 3" in model.owners())

        wait_until(shows_it_all, "the kernel's view to show ESTABLISHED-not-accepted and TIME_WAIT")
        # On its own, large, as on a projector, with Fit to pane pressed: its table above
        # and the whole state machine below.
        show_floating(window.kernel_dock, window.kernel_pane.view)
        save(window.kernel_dock, KERNEL_VIEW_PNG)
    except StepTimedOut as exc:
        print(f"make_screenshots: {exc}", file=sys.stderr)
        return False
    finally:
        window.close()
        settle()
    return True


def session(model: ServerModel, pictures: tuple[Path, ...],
            messages: Sequence[str] = MESSAGES) -> bool:
    """Serve three clients in `model`, save the main window (and a client window)."""
    forget_everything()
    window = MainWindow()
    window.show()
    try:
        start_server(window, model)
        clients = connect_clients(window)
        send_messages(window, clients, messages)
        window.raise_()
        save(window, pictures[0])
        if len(pictures) > 1:
            save(clients[0], pictures[1])
        if len(pictures) > 2:
            show_floating(window.docks.call_flow_dock, window.call_flow_pane.view)
            save(window.docks.call_flow_dock, pictures[2])
            show_floating(window.docks.conversation_dock)
            save(window.docks.conversation_dock, CONVERSATION_PNG)
    except StepTimedOut as exc:
        print(f"make_screenshots: {exc}", file=sys.stderr)
        return False
    finally:
        window.close()  # closes the client windows and stops the server, each wait bounded
        settle()
    if window.server.running:
        print("make_screenshots: the server did not stop", file=sys.stderr)
        return False
    return True


if __name__ == "__main__":
    sys.exit(main())
