"""The kernel's view: each socket's TCP state as the operating system reports it, with
the listen queue, CLOSE_WAIT and TIME_WAIT where the sockets really are in them."""

from __future__ import annotations

import socket
import sys

import pytest

from netcore import kernel_view
from netcore.kernel_view import TIME_WAIT_SECONDS, KernelReport, KernelSocket, read_kernel_view
from tests.netcore.helpers import connect_to, tcp_states, wait_until

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="queues and timers come from Linux's sock_diag")


def listening_socket(host: str = "127.0.0.1", backlog: int = 8) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    server = socket.socket(family, socket.SOCK_STREAM)
    server.bind((host, 0))
    server.listen(backlog)
    return server


def at(report: KernelReport, local_port: int, remote_port: int | None) -> list[KernelSocket]:
    return [s for s in report.sockets if s.local[1] == local_port
            and (s.remote[1] if s.remote else None) == remote_port]


def state_of(port: int, local_port: int, remote_port: int | None) -> str | None:
    found = at(read_kernel_view([(port, 0), (0, port)]), local_port, remote_port)
    return found[0].state if found else None


@linux_only
def test_connections_waiting_for_accept_are_established_but_not_accepted() -> None:
    backlog = 2
    with listening_socket(backlog=backlog) as server:
        port = server.getsockname()[1]
        clients = [connect_to(("127.0.0.1", port)) for _ in range(backlog)]
        try:
            client_ports = [c.getsockname()[1] for c in clients]
            report = read_kernel_view([(port, 0), (0, port)])
            listening = at(report, port, None)[0]
            assert listening.state == "LISTEN" and listening.holder == "TCP Lab"
            assert listening.accept_queue == (backlog, backlog), "both wait, room for 2"
            assert "2 waiting now, room for 2" in listening.sentence
            for client_port in client_ports:
                server_side = at(report, port, client_port)[0]
                assert server_side.state == "ESTABLISHED" and server_side.not_accepted
                assert server_side.holder == "", "no program holds it before accept()"
                assert "accept()" in server_side.sentence
                client_side = at(report, client_port, port)[0]
                assert client_side.state == "ESTABLISHED" and not client_side.not_accepted
                assert client_side.holder == "TCP Lab"

            accepted, _ = server.accept()
            with accepted:
                report = read_kernel_view([(port, 0), (0, port)])
                assert at(report, port, None)[0].accept_queue == (backlog - 1, backlog)
                taken = at(report, port, accepted.getpeername()[1])[0]
                assert not taken.not_accepted and taken.holder == "TCP Lab"
        finally:
            for client in clients:
                client.close()


@pytest.mark.parametrize("host", ["127.0.0.1", "::1"])
def test_close_wait_and_time_wait_are_where_the_sockets_are(host: str) -> None:
    """The client closes first: its side goes to TIME_WAIT (once the server closes too);
    the server's side sits in CLOSE_WAIT until it calls close()."""
    with listening_socket(host) as server:
        port = server.getsockname()[1]
        client = connect_to((host, port))
        client_port = client.getsockname()[1]
        accepted, _ = server.accept()
        with accepted:
            client.close()
            assert wait_until(lambda: state_of(port, port, client_port) == "CLOSE_WAIT")
            assert wait_until(lambda: state_of(port, client_port, port) == "FIN_WAIT2")
            closed_first = at(read_kernel_view([(port, 0), (0, port)]), client_port, port)[0]
            assert closed_first.holder == "", "closed by the program, kept by the kernel"
        assert wait_until(lambda: state_of(port, client_port, port) == "TIME_WAIT")
        assert state_of(port, port, client_port) is None, "the side that closed second is gone"
        # psutil, read apart from the view, agrees.
        assert "TIME_WAIT" in tcp_states(client_port)


@linux_only
def test_time_wait_says_how_long_it_has_left() -> None:
    with listening_socket() as server:
        port = server.getsockname()[1]
        client = connect_to(("127.0.0.1", port))
        accepted, _ = server.accept()
        client_port = client.getsockname()[1]
        accepted.close()  # this time the server closes first: the server keeps TIME_WAIT
        assert wait_until(lambda: state_of(port, client_port, port) == "CLOSE_WAIT")
        client.close()
        assert wait_until(lambda: state_of(port, port, client_port) == "TIME_WAIT")
        waiting = at(read_kernel_view([(port, 0), (0, port)]), port, client_port)[0]
        assert waiting.seconds_left is not None and 0 < waiting.seconds_left <= TIME_WAIT_SECONDS
        assert waiting.sentence.endswith(f"s left of {TIME_WAIT_SECONDS} s.")
        assert "closed first" in waiting.sentence


@linux_only
def test_round_trip_time_and_retransmissions_are_read_for_connections() -> None:
    with listening_socket() as server:
        port = server.getsockname()[1]
        with connect_to(("127.0.0.1", port)) as client:
            accepted, _ = server.accept()
            with accepted:
                client.sendall(b"hello")
                assert accepted.recv(5) == b"hello"
                mine = at(read_kernel_view([(port, 0), (0, port)]), client.getsockname()[1], port)[0]
                assert mine.rtt_ms is not None and mine.rtt_ms > 0
                assert mine.retransmissions == 0, "nothing is lost on loopback"


def test_psutil_gives_the_same_states_where_netlink_is_missing() -> None:
    with listening_socket() as server:
        port = server.getsockname()[1]
        with connect_to(("127.0.0.1", port)):
            accepted, _ = server.accept()
            with accepted:
                found = kernel_view._from_psutil(frozenset([(port, 0), (0, port)]))
                assert sorted(s.state for s in found) == ["ESTABLISHED", "ESTABLISHED", "LISTEN"]


def test_nothing_is_read_for_no_ports() -> None:
    report = read_kernel_view([])
    assert report.sockets == () and report.problem == ""


def test_only_the_watched_pairs_of_ports_are_reported() -> None:
    with listening_socket() as server, listening_socket() as other:
        port, other_port = server.getsockname()[1], other.getsockname()[1]
        with connect_to(("127.0.0.1", port)) as client, \
                connect_to(("127.0.0.1", other_port)) as stranger:
            mine = (client.getsockname()[1], port)
            report = read_kernel_view([mine])
            assert [(s.local[1], s.remote[1]) for s in report.sockets] == [mine]
            assert stranger.getsockname()[1] not in {s.local[1] for s in report.sockets}


def test_the_watch_reports_until_stopped() -> None:
    import threading

    reports: list[KernelReport] = []
    got_one = threading.Event()
    with listening_socket() as server:
        port = server.getsockname()[1]

        def sink(report: KernelReport) -> None:
            reports.append(report)
            got_one.set()

        watch = kernel_view.KernelWatch(sink, interval=0.01)
        watch.watch([(port, 0)])
        thread = threading.Thread(target=watch.run)
        thread.start()
        try:
            assert got_one.wait(5)
        finally:
            watch.stop()
            thread.join(5)
    assert not thread.is_alive()
    assert reports[0].sockets[0].state == "LISTEN" and reports[0].sockets[0].local[1] == port
