"""Messages on a stream: the server finds whole messages by a framing, in every model, and
answers each whole message, however the bytes were split on the way."""

from __future__ import annotations

import struct

import pytest
from hypothesis import given, settings, strategies as st

from netcore.config import Behaviour, ServerModel
from netcore.events import EventKind
from netcore.framing import Deframer, Framing
from tests.netcore.helpers import recv_exactly, wait_until


def prefixed(message: bytes) -> bytes:
    return struct.pack("!I", len(message)) + message


def test_lines_are_found_across_any_split() -> None:
    deframer = Deframer(Framing.LINES, limit=1000)
    assert deframer.feed(b"one\ntw") == [b"one"]
    assert deframer.pending == 2
    assert deframer.feed(b"o\nthree\n") == [b"two", b"three"]
    assert deframer.pending == 0
    assert deframer.wrap(b"x") == b"x\n"


@given(st.lists(st.binary(max_size=40), max_size=12), st.data())
@settings(max_examples=60, deadline=None)
def test_length_prefixed_messages_come_back_whole_however_the_stream_is_cut(
        messages: list[bytes], data: st.DataObject) -> None:
    stream = b"".join(prefixed(m) for m in messages)
    cuts = sorted(data.draw(st.lists(st.integers(0, len(stream)), max_size=8)))
    deframer = Deframer(Framing.LENGTH, limit=1 << 20)
    found: list[bytes] = []
    for start, end in zip([0, *cuts], [*cuts, len(stream)]):
        found += deframer.feed(stream[start:end])
    assert found == messages and deframer.pending == 0


def test_a_line_that_never_ends_is_not_kept_for_ever() -> None:
    deframer = Deframer(Framing.LINES, limit=10)
    assert deframer.feed(b"x" * 12) == [b"x" * 12]
    assert deframer.oversized == 1 and deframer.pending == 0


@pytest.mark.parametrize("model", list(ServerModel), ids=lambda m: m.value)
def test_the_server_answers_whole_lines_however_they_were_sent(model, start_server,
                                                               open_client) -> None:
    running = start_server(model=model, behaviour=Behaviour.UPPER, framing=Framing.LINES)
    client = open_client(running.address)
    client.sendall(b"one\ntw")
    assert recv_exactly(client, 4) == b"ONE\n", "a whole line is answered at once"
    client.sendall(b"o\nthree\n")
    assert recv_exactly(client, 10) == b"TWO\nTHREE\n"
    # A process-model child's events reach the parent through a pipe, after the replies.
    assert wait_until(lambda: len(running.recorder.of(EventKind.MESSAGE)) == 3)
    messages = [e.data for e in running.recorder.of(EventKind.MESSAGE)]
    assert messages == [b"one", b"two", b"three"]


@pytest.mark.parametrize("model", [ServerModel.THREAD, ServerModel.SELECT],
                         ids=lambda m: m.value)
def test_a_length_prefix_is_kept_intact_by_the_reply(model, start_server, open_client) -> None:
    """UPPER must not touch the prefix: a length of 0x61 is the letter 'a'."""
    running = start_server(model=model, behaviour=Behaviour.UPPER, framing=Framing.LENGTH)
    client = open_client(running.address)
    message = b"b" * 0x61
    client.sendall(prefixed(message)[:3])
    client.sendall(prefixed(message)[3:])
    assert recv_exactly(client, 4 + len(message)) == prefixed(message.upper())
