"""The backlog demo's narration for each way the kernel can take five quick handshakes.

The demo itself runs in test_demos.py, against whatever the kernel does that time. Two of
the outcomes are races between the CPUs that no test can force on loopback, so each of
the three readings below is one the kernel gave (five threads connecting at once to a
listener with a backlog of 2, 300 times: 265 the textbook way, 26 with a last ACK
dropped, 9 with four in the queue).
"""

from __future__ import annotations

from gui.demos.full_backlog import backlog_counts, backlog_outcome
from netcore.kernel_view import KernelSocket

PORT = 40000
LOCAL = "127.0.0.1"


def listener(in_queue: int) -> KernelSocket:
    return KernelSocket("LISTEN", (LOCAL, PORT), None, holder="pid 1", accept_queue=(in_queue, 2))


def client(port: int, state: str) -> KernelSocket:
    return KernelSocket(state, (LOCAL, port), (LOCAL, PORT), holder="pid 1")


def server_side(port: int, state: str = "ESTABLISHED") -> KernelSocket:
    return KernelSocket(state, (LOCAL, PORT), (LOCAL, port), not_accepted=state == "ESTABLISHED")


def test_the_textbook_outcome_three_queued_two_waiting() -> None:
    sockets = [listener(3), *(client(p, "ESTABLISHED") for p in (1, 2, 3)),
               client(4, "SYN_SENT"), client(5, "SYN_SENT"), *(server_side(p) for p in (1, 2, 3))]
    said = backlog_outcome(backlog_counts(sockets, PORT))
    assert said.startswith("The kernel's view: 3 of the 5 clients finished the handshake "
                           "on both sides")
    assert "3 in the queue, whose backlog is 2" in said
    assert "Still in SYN_SENT: 2 of the 5 clients" in said
    assert "clients also got" not in said and "more than that" not in said


def test_a_dropped_last_ack_leaves_a_client_connected_that_the_server_does_not_have() -> None:
    sockets = [listener(3), *(client(p, "ESTABLISHED") for p in (1, 2, 3, 4)),
               client(5, "SYN_SENT"), *(server_side(p) for p in (1, 2, 3)),
               server_side(4, "SYN_RECV")]
    counts = backlog_counts(sockets, PORT)
    assert (counts.queued, counts.half_open, counts.waiting) == (3, 1, 1)
    said = backlog_outcome(counts)
    assert "3 of the 5 clients finished the handshake on both sides" in said
    assert ("1 of the 5 clients also got the server's SYN+ACK, so their connect() returned and "
            "their windows say \"Connected\"") in said
    assert "On the server's side that handshake is still SYN_RECV" in said
    assert "Still in SYN_SENT: 1 of the 5 clients" in said


def test_a_syn_cookie_leaves_the_server_nothing_to_show() -> None:
    sockets = [listener(3), *(client(p, "ESTABLISHED") for p in (1, 2, 3, 4)),
               client(5, "SYN_SENT"), *(server_side(p) for p in (1, 2, 3))]
    said = backlog_outcome(backlog_counts(sockets, PORT))
    assert "The server's kernel keeps nothing of it: it answered with a SYN cookie" in said
    assert "sends SYN+ACK again" not in said, "a cookie keeps no state to send again"


def test_two_last_acks_at_once_put_one_more_in_the_queue() -> None:
    sockets = [listener(4), *(client(p, "ESTABLISHED") for p in (1, 2, 3, 4)),
               client(5, "SYN_SENT"), *(server_side(p) for p in (1, 2, 3, 4))]
    said = backlog_outcome(backlog_counts(sockets, PORT))
    assert "4 of the 5 clients finished the handshake on both sides" in said
    assert "4 in the queue, whose backlog is 2" in said
    assert "This time it holds 1 more than that" in said
    assert "clients also got" not in said


def test_sockets_of_other_ports_are_not_counted() -> None:
    other = KernelSocket("ESTABLISHED", (LOCAL, 7), (LOCAL, 8), holder="pid 2")
    sockets = [listener(3), other, *(client(p, "ESTABLISHED") for p in (1, 2, 3)),
               client(4, "SYN_SENT"), client(5, "SYN_SENT"), *(server_side(p) for p in (1, 2, 3))]
    assert backlog_counts(sockets, PORT).clients == 5


def test_with_none_left_in_syn_sent_the_narration_does_not_speak_of_them() -> None:
    sockets = [listener(3), *(client(p, "ESTABLISHED") for p in (1, 2, 3, 4, 5)),
               *(server_side(p) for p in (1, 2, 3)), server_side(4, "SYN_RECV"),
               server_side(5, "SYN_RECV")]
    counts = backlog_counts(sockets, PORT)
    assert (counts.clients, counts.half_open, counts.waiting) == (5, 2, 0)
    said = backlog_outcome(counts)
    assert "2 of the 5 clients also got the server's SYN+ACK" in said
    assert "SYN_SENT" not in said
