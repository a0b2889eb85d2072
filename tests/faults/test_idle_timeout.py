"""The idle timeout: a client that connects and goes quiet is closed by the server with a
sentence saying why, in every model, so it cannot hold a worker for ever. It is set in the
window, and 0 turns it off."""

from __future__ import annotations

import pytest

from gui.main_window import MainWindow
from netcore.config import DEFAULT_IDLE_SECONDS, ServerConfig, ServerModel
from netcore.events import EventKind as K
from tests.netcore.helpers import recv_exactly, recv_until_closed

pytestmark = pytest.mark.faults

IDLE_SECONDS = 0.5


@pytest.mark.parametrize("model", list(ServerModel), ids=lambda m: m.value)
def test_a_quiet_client_is_closed_after_the_idle_timeout(model, start_server, open_client):
    running = start_server(model=model, idle_seconds=IDLE_SECONDS)
    client = open_client(running.address)
    client.sendall(b"hello, then nothing\n")  # activity first: the clock starts again
    assert recv_exactly(client, 20) == b"hello, then nothing\n"

    told = running.recorder.wait_for(K.ERROR, conn=1)
    assert told.detail.startswith(f"Connection 1 sent nothing and was sent nothing for "
                                  f"{IDLE_SECONDS:g} seconds")
    closed = running.recorder.wait_for(K.CLOSED, conn=1)
    assert "idle" in closed.detail
    assert recv_until_closed(client) == b"", "the client sees the server close"


def test_the_idle_timeout_is_on_by_default_and_set_in_the_window(main_window: MainWindow) -> None:
    assert ServerConfig().idle_seconds == DEFAULT_IDLE_SECONDS > 0
    assert main_window.server_config().idle_seconds == DEFAULT_IDLE_SECONDS
    main_window.idle_spin.setValue(30)
    assert main_window.server_config().idle_seconds == 30
    main_window.idle_spin.setValue(0)
    assert main_window.idle_spin.text() == "never"
    assert main_window.server_config().idle_seconds == 0

