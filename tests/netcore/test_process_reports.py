"""What a process-per-client child tells its parent: batches of events, a preview of the
data (the parent relays a chat's messages whole), and always the exact byte counts."""

from __future__ import annotations

import json
import sys
import threading
import multiprocessing
import signal

from netcore.child import ReportToParent, event_from_tuple
from netcore.config import DEFAULT_CHILD_EVENT_DATA_BYTES, ServerModel
from netcore.events import Event, EventKind as K, make_event
from tests.netcore.helpers import (WAIT_SECONDS, CommandLine, connect_to, recv_exactly,
                                   tcp_lab)

MESSAGE = bytes(range(256)) * 8  # 2,048 bytes, more than a preview


def read_reports(receiving_end, until: K) -> list[Event]:
    """The events the child sent, batch by batch, up to and including an `until` event."""
    events: list[Event] = []
    for _ in range(100):  # bounded: a few batches are expected
        assert receiving_end.poll(WAIT_SECONDS), f"no {until} arrived; got {events}"
        batch = receiving_end.recv()
        assert isinstance(batch, list), "events cross the pipe in batches"
        events += [event_from_tuple(values) for values in batch]
        if events[-1].kind is until:
            return events
    raise AssertionError(f"no {until} arrived; got {events}")


def test_a_child_sends_a_preview_of_the_data_and_every_size_exactly() -> None:
    receiving_end, sending_end = multiprocessing.Pipe()
    report = ReportToParent(sending_end, data_bytes=512, relayed_whole=False)
    try:
        for _ in range(10):
            report(make_event(K.RECEIVED, 1, "pid 1", "recv()", data=MESSAGE))
            report(make_event(K.SENT, 1, "pid 1", "send()", data=MESSAGE))
        report(make_event(K.CLOSED, 1, "pid 1", "close()"))  # sent at once, with the rest
        events = read_reports(receiving_end, until=K.CLOSED)
    finally:
        report.close()
        receiving_end.close()
        sending_end.close()
    assert [e.kind for e in events] == [K.RECEIVED, K.SENT] * 10 + [K.CLOSED]
    data_events = events[:-1]
    assert {e.data for e in data_events} == {MESSAGE[:512]}
    assert sum(e.size for e in data_events) == 20 * len(MESSAGE)


def test_a_chat_child_sends_received_messages_whole_for_the_parent_to_relay() -> None:
    receiving_end, sending_end = multiprocessing.Pipe()
    report = ReportToParent(sending_end, data_bytes=512, relayed_whole=True)
    try:
        report(make_event(K.RECEIVED, 1, "pid 1", "recv()", data=MESSAGE))
        report(make_event(K.SENT, 1, "pid 1", "send()", data=MESSAGE))
        report.close()  # sends what waits
        events = read_reports(receiving_end, until=K.SENT)
    finally:
        report.close()
        receiving_end.close()
        sending_end.close()
    assert events[0].data == MESSAGE, "the parent relays it to the other clients"
    assert events[1].data == MESSAGE[:512] and events[1].size == len(MESSAGE)


def test_the_process_model_counts_every_byte_of_a_large_echo(start_server, open_client) -> None:
    running = start_server(model=ServerModel.PROCESS)
    client = open_client(running.address)
    big = MESSAGE * 50  # 100 KiB: many recv() calls
    client.sendall(big)
    assert recv_exactly(client, len(big)) == big
    client.close()
    running.recorder.wait_for(K.CLOSED, conn=1)
    received = running.recorder.of(K.RECEIVED, conn=1)
    sent = running.recorder.of(K.SENT, conn=1)
    assert sum(e.size for e in received) == sum(e.size for e in sent) == len(big)
    assert all(len(e.data) <= DEFAULT_CHILD_EVENT_DATA_BYTES for e in received + sent)
    assert all(big.startswith(e.data, offset) for e, offset in
               zip(received, _offsets(received))), "each preview is the start of its recv()"


def _offsets(events: list[Event]) -> list[int]:
    offsets, at = [], 0
    for event in events:
        offsets.append(at)
        at += event.size
    return offsets


def test_serve_json_prints_every_byte_the_process_model_received() -> None:
    with CommandLine(tcp_lab("serve", "--port", "0", "--model", "process", "--json")) as serve:
        bound = json.loads(serve.wait_for_line(lambda line: '"kind": "bound"' in line))
        port = int(bound["detail"].rsplit(":", 1)[1])
        serve.wait_for_line(lambda line: '"kind": "listening"' in line)
        text = b"x" * 3000
        with connect_to(("127.0.0.1", port)) as client:
            client.sendall(text)
            assert recv_exactly(client, len(text)) == text
        serve.wait_for_line(lambda line: '"kind": "worker_ended"' in line)
        assert serve.interrupt(signal.SIGTERM) == 0
        serve.finish()
        records = [json.loads(line) for line in serve.lines()]
    received = [r for r in records if r["kind"] == "received"]
    assert "".join(r["data"] for r in received) == "x" * 3000
    assert sum(r["bytes"] for r in received) == 3000


def test_events_from_several_threads_of_a_child_arrive_once_each_and_in_order() -> None:
    """The serving loop, the parent's sends and the flusher all send batches, each under
    the lock that keeps their order: each thread's events reach the parent in the order
    reported, none lost or doubled."""
    threads, per_thread = 4, 2_000
    receiving_end, sending_end = multiprocessing.Pipe()
    report = ReportToParent(sending_end, data_bytes=16, relayed_whole=False)
    received: list[Event] = []

    def read() -> None:
        closed = 0
        while closed < threads and receiving_end.poll(WAIT_SECONDS):
            for values in receiving_end.recv():
                received.append(event_from_tuple(values))
                closed += received[-1].kind is K.CLOSED

    def send(worker: str) -> None:
        for number in range(per_thread):
            report(make_event(K.SENT, 1, worker, "send()", data=b"x")._replace(size=number))
        report(make_event(K.CLOSED, 1, worker, "close()"))

    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads interrupted often, mid-batch
    reader = threading.Thread(target=read)
    senders = [threading.Thread(target=send, args=(f"thread {n}",)) for n in range(threads)]
    try:
        reader.start()
        for sender in senders:
            sender.start()
        for thread in senders + [reader]:
            thread.join(WAIT_SECONDS * 4)
    finally:
        sys.setswitchinterval(before)
        report.close()
        receiving_end.close()
        sending_end.close()
    assert not any(thread.is_alive() for thread in senders + [reader])
    for n in range(threads):
        own = [e for e in received if e.worker == f"thread {n}"]
        assert [e.size for e in own[:-1]] == list(range(per_thread))
        assert own[-1].kind is K.CLOSED
