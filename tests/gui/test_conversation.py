"""The conversation chart's model: lanes and arrows from both sides' events."""

from __future__ import annotations

from gui.conversation import DATA, HANDSHAKE, RESET, TEARDOWN, Arrow, Conversation
from netcore.errors import explain_connect_error, explain_os_error
from netcore.events import Event, EventKind, make_event
from netcore.i18n import install_translator

PORT = 9000
CLIENT_PORT = 50001


def server_event(kind: EventKind, conn: int | None = 1, worker: str = "thread conn-1",
                 data: bytes = b"", peer: str = "", detail: str = "") -> Event:
    return make_event(kind, conn, worker, detail=detail, data=data, peer=peer)


def client_event(kind: EventKind, data: bytes = b"", detail: str = "") -> Event:
    return make_event(kind, 1, "client 1", data=data, detail=detail)


def connected_pair() -> Conversation:
    """Client 1 (a window of the app) connected to the app's thread-per-client server."""
    chat = Conversation()
    chat.note_server_port(PORT)
    chat.apply_server([server_event(EventKind.LISTENING, None, "accept loop"),
                       server_event(EventKind.ACCEPT_WAITING, None, "accept loop")])
    chat.apply_client("Client 1", CLIENT_PORT, PORT, [client_event(EventKind.CONNECTED)])
    chat.apply_server([server_event(EventKind.ACCEPTED, 1, "accept loop",
                                    peer=f"127.0.0.1:{CLIENT_PORT}"),
                       server_event(EventKind.WORKER_STARTED)])
    return chat


def titles(chat: Conversation, arrow: Arrow) -> tuple[str, str | None]:
    to = chat.lanes[arrow.to_lane].title if arrow.to_lane is not None else None
    return chat.lanes[arrow.from_lane].title, to


def of_kind(chat: Conversation, kind: str) -> list[Arrow]:
    return [a for a in chat.arrows if a.kind == kind]


def test_the_handshake_is_drawn_as_the_kernels_work_inferred() -> None:
    chat = connected_pair()
    handshake = of_kind(chat, HANDSHAKE)
    assert [a.label.split()[0] for a in handshake] == ["SYN", "SYN+ACK", "ACK"]
    assert all(a.inferred for a in handshake)
    assert [titles(chat, a) for a in handshake] == [("Client 1", "accept loop"),
                                                    ("accept loop", "Client 1"),
                                                    ("Client 1", "accept loop")]


def test_a_message_arrives_at_the_recv_that_read_its_last_byte() -> None:
    chat = connected_pair()
    chat.apply_client("Client 1", CLIENT_PORT, PORT, [client_event(EventKind.SENT, b"0123456789")])
    message = of_kind(chat, DATA)[0]
    assert message.to_row is None and message.label == "10 B", "sent, not read yet"
    # TCP is a stream: the server reads it in two pieces.
    chat.apply_server([server_event(EventKind.RECEIVED, data=b"01234")])
    assert message.to_row is None
    chat.apply_server([server_event(EventKind.RECEIVED, data=b"56789")])
    assert message.to_row is not None and titles(chat, message) == ("Client 1", "thread conn-1")
    assert message.to_row > message.from_row and not message.inferred


def test_two_sends_read_by_one_recv_arrive_together() -> None:
    chat = connected_pair()
    chat.apply_client("Client 1", CLIENT_PORT, PORT, [client_event(EventKind.SENT, b"a"),
                                                      client_event(EventKind.SENT, b"b")])
    chat.apply_server([server_event(EventKind.RECEIVED, data=b"ab")])
    first, second = of_kind(chat, DATA)
    assert first.to_row == second.to_row is not None


def test_a_reply_goes_from_the_worker_to_the_client() -> None:
    chat = connected_pair()
    chat.apply_server([server_event(EventKind.SENT, data=b"hi\n")])
    chat.apply_client("Client 1", CLIENT_PORT, PORT, [client_event(EventKind.RECEIVED, b"hi\n")])
    reply = of_kind(chat, DATA)[0]
    assert titles(chat, reply) == ("thread conn-1", "Client 1") and reply.data == b"hi\n"


def test_closing_from_the_client_draws_the_four_way_teardown() -> None:
    chat = connected_pair()
    chat.apply_client("Client 1", CLIENT_PORT, PORT, [client_event(EventKind.CLOSED)])
    chat.apply_server([server_event(EventKind.PEER_CLOSED), server_event(EventKind.CLOSED)])
    teardown = of_kind(chat, TEARDOWN)
    assert [a.label.split()[0] for a in teardown] == ["FIN", "ACK", "FIN", "ACK"]
    assert [titles(chat, a) for a in teardown] == [
        ("Client 1", "thread conn-1"), ("thread conn-1", "Client 1"),
        ("thread conn-1", "Client 1"), ("Client 1", "thread conn-1")]
    assert all(a.inferred and a.to_row is not None for a in teardown)


def test_the_servers_fin_waits_for_a_half_closed_client_to_read_it() -> None:
    chat = connected_pair()
    chat.apply_client("Client 1", CLIENT_PORT, PORT, [client_event(EventKind.HALF_CLOSED)])
    chat.apply_server([server_event(EventKind.PEER_CLOSED), server_event(EventKind.CLOSED)])
    servers_fin = [a for a in of_kind(chat, TEARDOWN) if a.label.startswith("FIN")][-1]
    assert servers_fin.to_row is None, "the client still reads: its recv() has not returned 0"
    chat.apply_client("Client 1", CLIENT_PORT, PORT, [client_event(EventKind.PEER_CLOSED)])
    assert servers_fin.to_row is not None


RESET_SEEN = explain_os_error(ConnectionResetError(), f"127.0.0.1:{PORT}")  # as recv() says it


def test_an_abort_is_a_reset_and_no_fin_follows() -> None:
    chat = connected_pair()
    chat.apply_client("Client 1", CLIENT_PORT, PORT, [client_event(EventKind.ABORTED)])
    chat.apply_server([server_event(EventKind.ERROR, detail=RESET_SEEN),
                       server_event(EventKind.CLOSED)])
    (reset,) = of_kind(chat, RESET)
    assert titles(chat, reset) == ("Client 1", "thread conn-1") and not reset.inferred
    assert of_kind(chat, TEARDOWN) == []


def test_a_reset_from_the_servers_side_goes_from_its_worker_to_the_client() -> None:
    """The server's side reset it (a child killed, a close() with data unread): the
    client's recv() fails, and the RST is drawn from the worker that had the connection."""
    chat = connected_pair()
    chat.apply_server([server_event(EventKind.RECV_WAITING)])
    chat.apply_client("Client 1", CLIENT_PORT, PORT,
                      [client_event(EventKind.ERROR, detail=RESET_SEEN),
                       client_event(EventKind.CLOSED)])
    (reset,) = of_kind(chat, RESET)
    assert titles(chat, reset) == ("thread conn-1", "Client 1")
    assert "from the server's side" in reset.label
    assert of_kind(chat, TEARDOWN) == [], "the client's close() after a reset sends no FIN"


def test_a_connection_never_accepted_is_reset_by_the_listening_side() -> None:
    """An iterative server stops with a second client still in its listen queue: the
    server's kernel resets that connection, which no worker ever had."""
    chat = connected_pair()
    chat.apply_client("Client 2", CLIENT_PORT + 1, PORT, [client_event(EventKind.CONNECTED)])
    chat.apply_client("Client 2", CLIENT_PORT + 1, PORT,
                      [client_event(EventKind.ERROR, detail=RESET_SEEN)])
    (reset,) = of_kind(chat, RESET)
    assert titles(chat, reset) == ("accept loop", "Client 2")
    assert "no accept() took this connection" in reset.label


def test_a_queued_connections_reset_drawn_after_the_listener_closed_is_still_its() -> None:
    """The listening socket's close reaches the chart before the client's reset (events
    race to the window): the RST still comes from the worker whose queue held it."""
    chat = connected_pair()
    chat.apply_client("Client 2", CLIENT_PORT + 1, PORT, [client_event(EventKind.CONNECTED)])
    chat.apply_server([server_event(EventKind.CLOSED, None, "accept loop"),
                       server_event(EventKind.STOPPED, None, "accept loop")])
    chat.apply_client("Client 2", CLIENT_PORT + 1, PORT,
                      [client_event(EventKind.ERROR, detail=RESET_SEEN)])
    (reset,) = of_kind(chat, RESET)
    assert titles(chat, reset) == ("accept loop", "Client 2")


def test_a_refused_connect_is_a_syn_answered_by_rst() -> None:
    chat = Conversation()
    chat.note_server_port(PORT)  # the app's server listened there, and has stopped
    refused = explain_connect_error(ConnectionRefusedError(), "127.0.0.1", PORT, 10.0)
    chat.apply_client("Client 1", None, PORT, [client_event(EventKind.CONNECTING),
                                               client_event(EventKind.ERROR, detail=refused)])
    syn, rst = chat.arrows
    assert (syn.kind, syn.short, syn.inferred) == (HANDSHAKE, "SYN", True)
    assert rst.kind == RESET and "nothing listens on that port" in rst.label
    assert titles(chat, rst) == (titles(chat, syn)[1], "Client 1")


def test_a_reset_is_told_apart_in_the_language_in_use() -> None:
    """Events carry sentences in the window's language, not errnos."""
    chinese = {"The other side reset the connection ({where}): it aborted instead of "
               "closing normally (a TCP RST arrived). Any data still in flight is lost.":
               "对方重置了连接（{where}）：它中止了连接，而没有正常关闭（收到了 TCP RST）。"}
    install_translator(lambda context, text: chinese.get(text, text))
    try:
        sentence = explain_os_error(ConnectionResetError(), f"127.0.0.1:{CLIENT_PORT}")
        chat = connected_pair()
        chat.apply_server([server_event(EventKind.ERROR, detail=sentence)])
    finally:
        install_translator(None)
    assert sentence.startswith("对方重置了连接")
    (reset,) = of_kind(chat, RESET)
    assert titles(chat, reset) == ("Client 1", "thread conn-1")


def test_a_client_outside_the_app_gets_a_lane_of_its_own() -> None:
    chat = Conversation()
    chat.note_server_port(PORT)
    chat.apply_server([server_event(EventKind.ACCEPTED, 1, "accept loop", peer="127.0.0.1:5555"),
                       server_event(EventKind.RECEIVED, data=b"from ncat\n")])
    assert "127.0.0.1:5555 (not in the app)" in [lane.title for lane in chat.lanes]
    handshake = of_kind(chat, HANDSHAKE)
    assert len(handshake) == 3 and "before accept() returned" in handshake[0].label
    (message,) = of_kind(chat, DATA)
    assert titles(chat, message) == ("127.0.0.1:5555 (not in the app)", "thread conn-1")


def test_a_window_talking_to_a_server_outside_the_app() -> None:
    chat = Conversation()
    chat.apply_client("Client 1", CLIENT_PORT, 7777, [client_event(EventKind.CONNECTED),
                                                      client_event(EventKind.SENT, b"x")])
    (message,) = of_kind(chat, DATA)
    assert titles(chat, message) == ("Client 1", "server of Client 1 (not in the app)")
    assert message.to_row is not None, "nobody in the app will read it: drawn as sent"


def test_the_servers_accept_may_reach_the_window_before_the_clients_connect() -> None:
    chat = Conversation()
    chat.note_server_port(PORT)
    chat.client_with_port = lambda port: "Client 1" if port == CLIENT_PORT else None
    chat.apply_server([server_event(EventKind.ACCEPTED, 1, "accept loop",
                                    peer=f"127.0.0.1:{CLIENT_PORT}")])
    chat.apply_client("Client 1", CLIENT_PORT, PORT, [client_event(EventKind.CONNECTED),
                                                      client_event(EventKind.SENT, b"x")])
    chat.apply_server([server_event(EventKind.RECEIVED, data=b"x")])
    (message,) = of_kind(chat, DATA)
    assert titles(chat, message) == ("Client 1", "thread conn-1")
    assert all("not in the app" not in lane.title for lane in chat.lanes)


def test_thousands_of_connections_from_outside_keep_the_chart_bounded() -> None:
    """A load tool's churn: lanes stop growing past MAX_LANES, and the state of ended
    connections is let go."""
    from gui.conversation import MAX_ARROWS, MAX_LANES

    chat = Conversation()
    chat.note_server_port(PORT)
    for conn in range(1, 3001):
        worker = f"thread conn-{conn}"
        chat.apply_server([
            server_event(EventKind.ACCEPTED, conn, "accept loop", peer=f"127.0.0.1:{20000 + conn}"),
            server_event(EventKind.RECEIVED, conn, worker, data=b"x"),
            server_event(EventKind.SENT, conn, worker, data=b"x"),
            server_event(EventKind.PEER_CLOSED, conn, worker),
            server_event(EventKind.CLOSED, conn, worker)])
        chat.take_changes()
    assert len(chat.lanes) <= MAX_LANES + 2  # one overflow lane a side
    assert sorted(lane.title for lane in chat.lanes[-2:]) == [
        "all other clients (Clear to follow new ones)",
        "all other server workers (Clear to follow new ones)"]
    assert len(chat.arrows) <= MAX_ARROWS
    assert len(chat._pair_of_conn) == len(chat._worker_of_conn) == len(chat._streams) == 0


def test_clear_between_the_servers_accept_and_the_clients_connected_leaves_both_out() -> None:
    # The server's accept() was drawn; the client window's CONNECTED was still on its way
    # when the chart was cleared: neither side of that connection is drawn after.
    chat = Conversation()
    chat.note_server_port(PORT)
    chat.client_with_port = lambda port: "Client 1" if port == CLIENT_PORT else None
    chat.apply_server([server_event(EventKind.LISTENING, None, "accept loop"),
                       server_event(EventKind.ACCEPTED, 1, "accept loop",
                                    peer=f"127.0.0.1:{CLIENT_PORT}")])
    chat.clear()
    chat.apply_client("Client 1", CLIENT_PORT, PORT, [client_event(EventKind.CONNECTED),
                                                      client_event(EventKind.SENT, b"hi")])
    chat.apply_server([server_event(EventKind.RECEIVED, data=b"hi")])
    assert chat.arrows == []
    # Its next connection is drawn again.
    chat.apply_client("Client 1", None, PORT, [client_event(EventKind.CONNECTING)])
    chat.apply_client("Client 1", CLIENT_PORT + 1, PORT, [client_event(EventKind.CONNECTED)])
    assert len(of_kind(chat, HANDSHAKE)) == 3
    assert not [lane.title for lane in chat.lanes if "not in the app" in lane.title]


def test_a_second_clear_still_leaves_out_what_the_first_one_did() -> None:
    chat = connected_pair()
    chat.clear()
    chat.clear()  # (it forgot the first Clear's: conn 1 then came from a stranger's lane)
    assert chat.left_out()
    chat.apply_server([server_event(EventKind.RECEIVED, data=b"still talking")])
    chat.apply_client("Client 1", CLIENT_PORT, PORT, [client_event(EventKind.SENT, b"more")])
    assert chat.arrows == [] and chat.lanes == []


def test_after_the_server_stops_a_refused_connect_is_no_accept_loop_s() -> None:
    """The listener's name is kept through a Clear, but not past its server: nothing
    accepts once it stopped."""
    chat = connected_pair()
    chat.apply_server([server_event(EventKind.CLOSED, None, "accept loop"),
                       server_event(EventKind.STOPPED, None, "accept loop")])
    chat.clear()
    refused = explain_connect_error(ConnectionRefusedError(), "127.0.0.1", PORT, 10.0)
    chat.apply_client("Client 1", None, PORT, [client_event(EventKind.CONNECTING),
                                               client_event(EventKind.ERROR, detail=refused)])
    syn, _rst = chat.arrows
    assert titles(chat, syn) == ("Client 1", "server")  # (it was "accept loop")
