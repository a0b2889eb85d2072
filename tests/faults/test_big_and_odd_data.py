"""Big and odd data: a 100 MB stream through the window's echo server, byte-exact, with
exact counts in the window (which keeps previews: see tests/gui/test_event_bridge.py); random bytes of random lengths
round-trip exactly in every model; control bytes, invalid UTF-8, ANSI escapes, HTML and a
very long line are shown literally and harmlessly."""

from __future__ import annotations

import hashlib
import os
import threading

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from pytestqt.qtbot import QtBot

from gui.log_model import DETAILS, LINE_BYTES
from gui.main_window import MainWindow
from netcore.config import ServerModel
from netcore.events import EventKind
from tests.gui.conftest import SIGNAL_TIMEOUT_MS, start_server
from tests.netcore.helpers import WAIT_SECONDS, connect_to, recv_exactly

pytestmark = pytest.mark.faults

BLOCK = os.urandom(1 << 20)
STREAM_BLOCKS = 100  # 100 MiB
STREAM_TIMEOUT_MS = 120_000  # a slow machine moves 100 MiB through Python in well under this


class EchoStream:
    """Sends STREAM_BLOCKS blocks on one thread and reads the echo on another; keeps a
    digest of each side, never the stream itself."""

    def __init__(self, port: int) -> None:
        self.sock = connect_to(("127.0.0.1", port), timeout=STREAM_TIMEOUT_MS / 1000)
        self.sent_digest = hashlib.sha256()
        self.received_digest = hashlib.sha256()
        self.received = 0
        self.error: BaseException | None = None
        self._threads = [threading.Thread(target=self._send, name="test stream sender"),
                         threading.Thread(target=self._receive, name="test stream receiver")]
        for thread in self._threads:
            thread.start()

    @property
    def total(self) -> int:
        return len(BLOCK) * STREAM_BLOCKS

    def _send(self) -> None:
        try:
            for _ in range(STREAM_BLOCKS):
                self.sock.sendall(BLOCK)
                self.sent_digest.update(BLOCK)
        except OSError as exc:
            self.error = exc

    def _receive(self) -> None:
        try:
            while self.received < self.total:
                chunk = self.sock.recv(1 << 20)
                if not chunk:
                    break
                self.received_digest.update(chunk)
                self.received += len(chunk)
        except OSError as exc:
            self.error = exc

    def close(self) -> None:
        for thread in self._threads:
            thread.join(STREAM_TIMEOUT_MS / 1000)
        self.sock.close()


@pytest.mark.parametrize("model", list(ServerModel), ids=lambda m: m.value)
def test_a_100_mb_stream_is_echoed_exactly_with_exact_counts_in_the_window(
        qtbot: QtBot, main_window: MainWindow, model: ServerModel) -> None:
    port = start_server(qtbot, main_window, model)
    stream = EchoStream(port)
    try:
        qtbot.waitUntil(lambda: stream.received >= stream.total or stream.error is not None,
                        timeout=STREAM_TIMEOUT_MS)
    finally:
        stream.close()
    assert stream.error is None
    assert stream.received == stream.total
    assert stream.received_digest.digest() == stream.sent_digest.digest(), "byte-exact"

    server = main_window.server
    qtbot.waitUntil(lambda: (row := server.connections.row(1)) is not None
                    and row.bytes_out == stream.total, timeout=SIGNAL_TIMEOUT_MS)
    row = server.connections.row(1)
    assert row.bytes_in == row.bytes_out == stream.total, "the counts are exact"


@pytest.mark.parametrize("model", list(ServerModel), ids=lambda m: m.value)
def test_random_bytes_of_random_lengths_round_trip_exactly(model, start_server) -> None:
    running = start_server(model=model)
    client = connect_to(running.address)
    try:
        @settings(max_examples=40, deadline=None, database=None,
                  suppress_health_check=[HealthCheck.function_scoped_fixture])
        @given(st.binary(min_size=1, max_size=100_000))
        def echoed_exactly(data: bytes) -> None:
            client.sendall(data)
            assert recv_exactly(client, len(data), WAIT_SECONDS) == data

        echoed_exactly()
    finally:
        client.close()


def test_odd_bytes_are_shown_literally_and_harmlessly(qtbot: QtBot,
                                                      main_window: MainWindow) -> None:
    port = start_server(qtbot, main_window, ServerModel.THREAD)
    odd = (b"NUL\x00 invalid\xff\xfe ANSI\x1b[31mred\x1b[0m <script>alert(1)</script> "
           + b"long" * 50_000 + b"\n")
    with connect_to(("127.0.0.1", port)) as client:
        client.sendall(odd)
        assert recv_exactly(client, len(odd)) == odd
    log = main_window.server.log
    qtbot.waitUntil(lambda: any(r.kind is EventKind.RECEIVED for r in log.rows),
                    timeout=SIGNAL_TIMEOUT_MS)
    first = next(i for i, r in enumerate(log.rows) if r.kind is EventKind.RECEIVED)
    shown = log.index(first, DETAILS).data()
    assert shown.startswith("NUL\\x00 invalid\\xff\\xfe ANSI\\x1b[31mred\\x1b[0m <script>")
    assert not any(ord(c) < 32 or c == "\x7f" for c in shown), "no raw control character"
    assert "more bytes)" in shown and len(shown) < LINE_BYTES * 5, "a long line is cut short"
