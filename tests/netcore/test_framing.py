"""Messages on a stream: the server finds whole messages by a framing, in every model, and
answers each whole message, however the bytes were split on the way."""

from __future__ import annotations

import struct

import pytest
from hypothesis import given, settings, strategies as st

from netcore.config import Behaviour, ServerModel
from netcore.events import EventKind
from netcore.framing import Deframer, Framing, FramingError
from tests.netcore.helpers import recv_exactly, recv_until_closed, wait_until


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


def test_a_length_prefix_past_the_limit_is_refused_not_waited_for() -> None:
    deframer = Deframer(Framing.LENGTH, limit=1000)
    with pytest.raises(FramingError, match="1,751,477,356 bytes long"):
        deframer.feed(b"hello\n")  # "hell" read as a length


@pytest.mark.parametrize("model", [ServerModel.THREAD, ServerModel.SELECT],
                         ids=lambda m: m.value)
def test_a_client_that_sends_no_length_prefix_is_told_and_closed(model, start_server,
                                                                 open_client) -> None:
    running = start_server(model=model, framing=Framing.LENGTH)
    client = open_client(running.address)
    client.sendall(b"hello\n")
    error = running.recorder.wait_for(EventKind.ERROR, conn=1)
    assert "probably not sending a length before each message" in error.detail
    running.recorder.wait_for(EventKind.CLOSED, conn=1)
    assert recv_until_closed(client) == b""


@pytest.mark.parametrize("model", list(ServerModel), ids=lambda m: m.value)
def test_a_chat_relays_whole_lines_never_half_of_one(model, start_server, open_client) -> None:
    """Half a line from one client, then a whole one from another: the listener gets the
    whole line first, then the first one once it is whole (not "halxyz\\nf\\n")."""
    if model is ServerModel.ITERATIVE:
        pytest.skip("an iterative server serves one client at a time: no chat")
    running = start_server(model=model, behaviour=Behaviour.CHAT, framing=Framing.LINES)
    first, second, listener = (open_client(running.address) for _ in range(3))
    # Every client is accepted before anyone talks (else it misses the relay).
    for conn in (1, 2, 3):
        running.recorder.wait_for(EventKind.ACCEPTED, conn=conn)
    first.sendall(b"hal")
    running.recorder.wait_for(EventKind.RECEIVED, conn=1)
    second.sendall(b"xyz\n")
    # Relayed to the listener (conn 3) before the first line is finished: its MESSAGE is
    # reported before the relay, which could otherwise lose the race to "f\n"'s.
    running.recorder.wait_for(EventKind.SENT, conn=3)
    first.sendall(b"f\n")
    assert recv_exactly(listener, 9) == b"xyz\nhalf\n"
