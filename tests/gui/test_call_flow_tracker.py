"""Where each worker is in the socket calls, worked out from the events alone."""

from __future__ import annotations

from gui.call_flow_tracker import CallFlowTracker, Marker
from netcore.events import EventKind, make_event


def server(tracker: CallFlowTracker, kind: EventKind, worker: str, conn: int | None = None,
           peer: str = "") -> None:
    tracker.apply_server([make_event(kind, conn, worker, peer=peer)])


def marker(tracker: CallFlowTracker, worker: str) -> Marker:
    return next(m for m in tracker.markers() if m.worker == worker)


def test_the_accept_loop_walks_socket_bind_listen_and_blocks_in_accept() -> None:
    tracker = CallFlowTracker()
    for kind, step in ((EventKind.SOCKET_CREATED, "socket()"), (EventKind.BOUND, "bind()"),
                       (EventKind.LISTENING, "listen()")):
        server(tracker, kind, "accept loop")
        assert marker(tracker, "accept loop").step == step
        assert not marker(tracker, "accept loop").waiting
    server(tracker, EventKind.ACCEPT_WAITING, "accept loop")
    loop = marker(tracker, "accept loop")
    assert loop.step == "accept()" and loop.waiting.startswith("accept(): no client yet")
    server(tracker, EventKind.ACCEPTED, "accept loop", conn=1, peer="127.0.0.1:50001")
    assert loop.step == "accept()" and not loop.waiting and loop.conn is None


def test_a_connection_thread_moves_through_recv_process_send_and_close_then_goes() -> None:
    tracker = CallFlowTracker()
    worker = "thread conn-3"
    steps = ((EventKind.WORKER_STARTED, "recv()", False), (EventKind.RECV_WAITING, "recv()", True),
             (EventKind.RECEIVED, "process", False), (EventKind.SEND_WAITING, "send()", True),
             (EventKind.SENT, "send()", False), (EventKind.PEER_CLOSED, "close()", False),
             (EventKind.CLOSED, "close()", False))
    for kind, step, blocked in steps:
        server(tracker, kind, worker, conn=3)
        assert (marker(tracker, worker).step, bool(marker(tracker, worker).waiting)) == (step, blocked)
        assert marker(tracker, worker).conn == 3
    server(tracker, EventKind.WORKER_ENDED, worker, conn=3)
    assert all(m.worker != worker for m in tracker.markers())


def test_the_iterative_loop_serves_the_connection_it_accepted() -> None:
    tracker = CallFlowTracker()
    server(tracker, EventKind.ACCEPTED, "main loop", conn=2, peer="127.0.0.1:50002")
    server(tracker, EventKind.RECV_WAITING, "main loop", conn=2)
    assert marker(tracker, "main loop").conn == 2
    server(tracker, EventKind.CLOSED, "main loop", conn=2)
    server(tracker, EventKind.ACCEPT_WAITING, "main loop")
    assert marker(tracker, "main loop").conn is None, "back to accepting: no connection"


def test_the_select_loop_back_in_select_wears_no_connection_s_colour() -> None:
    """It serves every connection from one thread: waiting in select() for any of them,
    its marker is no connection's (it kept the last one's, as if conn 3 waited there)."""
    tracker = CallFlowTracker()
    server(tracker, EventKind.ACCEPTED, "select loop", conn=3, peer="127.0.0.1:50003")
    server(tracker, EventKind.RECEIVED, "select loop", conn=3)
    assert marker(tracker, "select loop").conn == 3  # in process: serving conn 3 now
    server(tracker, EventKind.SELECT_WAITING, "select loop")
    loop = marker(tracker, "select loop")
    assert loop.step == "accept()" and loop.waiting.startswith("select():")
    assert loop.conn is None


def test_a_client_is_matched_to_its_server_connection_by_port() -> None:
    tracker = CallFlowTracker()
    server(tracker, EventKind.ACCEPTED, "accept loop", conn=7, peer="[::1]:50007")
    tracker.apply_client("Client 1", None, [make_event(EventKind.CONNECTING, None, "client 1")])
    client = marker(tracker, "Client 1")
    assert client.step == "connect()" and client.waiting
    assert tracker.connection_of(client) is None, "its local port is not known yet"
    tracker.apply_client("Client 1", 50007, [make_event(EventKind.CONNECTED, None, "client 1"),
                                             make_event(EventKind.RECV_WAITING, 1, "client 1")])
    assert client.step == "recv()" and client.waiting
    assert tracker.connection_of(client) == 7
    tracker.apply_client("Client 1", 50007, [make_event(EventKind.CLOSED, 1, "client 1")])
    assert client.ended and client.step == "close()"
    tracker.forget_client("Client 1")
    assert tracker.markers() == [marker(tracker, "accept loop")]


def test_stopping_the_server_clears_its_markers_and_senders_are_not_workers() -> None:
    tracker = CallFlowTracker()
    server(tracker, EventKind.SENT, "conn-1 sender", conn=1)
    assert tracker.markers() == []
    server(tracker, EventKind.RECV_WAITING, "thread conn-1", conn=1)
    server(tracker, EventKind.STOPPED, "accept loop")
    assert tracker.markers() == []
