"""The headless command line against real peers: `tcp-lab serve` and `tcp-lab connect`
talking to ncat and socat, JSON lines, error sentences and exit codes, stopping cleanly.

Each command runs as a subprocess (`python -m gui.launcher ...`, what `tcp-lab` runs).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess

import pytest

from netcore.config import Behaviour
from netcore.events import EventKind as K
from tests.netcore.helpers import (
    WAIT_SECONDS,
    CommandLine,
    connect_to,
    free_port,
    is_listening,
    is_subsequence,
    recv_exactly,
    recv_until_closed,
    tcp_lab,
    wait_until,
)

LINES = b"hello\nworld\n"
SIGINT_IGNORED = signal.getsignal(signal.SIGINT) is signal.SIG_IGN


def need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"{tool} is not installed, so TCP Lab cannot be checked against it")
    return path


def assert_stopped_cleanly(serve: CommandLine, signum: int = signal.SIGTERM) -> list[str]:
    """Stop `tcp-lab serve`: exit code 0, and its last lines report the close and the stop."""
    assert serve.interrupt(signum) == 0, serve.lines("stderr")
    serve.finish()
    lines = serve.lines()
    assert "close(): the listening socket is closed" in lines[-2]
    assert lines[-1].endswith("the server stopped")
    assert not any("Traceback" in line for line in serve.lines("stderr")), serve.lines("stderr")
    return lines


def run_connect(port: int, data: bytes, *options: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(tcp_lab("connect", "127.0.0.1", str(port), *options), input=data,
                          capture_output=True, timeout=WAIT_SECONDS * 2)


# ---- tcp-lab serve with other programs as clients ----


def test_serve_echoes_what_ncat_sends():
    ncat = need("ncat")
    with CommandLine(tcp_lab("serve", "--port", "0")) as serve:
        port = serve.bound_port()
        result = subprocess.run([ncat, "127.0.0.1", str(port)], input=LINES,
                                capture_output=True, timeout=WAIT_SECONDS * 2)
        assert result.returncode == 0, result.stderr
        assert result.stdout == LINES
        serve.wait_for_line(lambda line: "the client closed its sending side" in line)
        lines = assert_stopped_cleanly(serve)
    assert any("recv() returned" in line and '"hello\\n' in line for line in lines)
    assert any("thread conn-1" in line for line in lines)


def test_serve_upper_answers_socat():
    socat = need("socat")
    with CommandLine(tcp_lab("serve", "--port", "0", "--model", "iterative",
                             "--behaviour", "upper")) as serve:
        port = serve.bound_port()
        result = subprocess.run([socat, "-t", "5", "-", f"TCP:127.0.0.1:{port}"], input=LINES,
                                capture_output=True, timeout=WAIT_SECONDS * 2)
        assert result.returncode == 0, result.stderr
        assert result.stdout == LINES.upper()
        serve.wait_for_line(lambda line: "closed (the client closed the connection)" in line)
        assert_stopped_cleanly(serve)


@pytest.mark.skipif(SIGINT_IGNORED, reason="SIGINT is ignored here, and so in the subprocess")
@pytest.mark.parametrize("model", ["iterative", "thread", "process"])
def test_ctrl_c_stops_serve_with_a_client_connected(model):
    with CommandLine(tcp_lab("serve", "--port", "0", "--model", model)) as serve:
        port = serve.bound_port()
        with connect_to(("127.0.0.1", port)) as client:
            client.sendall(b"x")
            assert recv_exactly(client, 1) == b"x"
            assert_stopped_cleanly(serve, signal.SIGINT)
            assert recv_until_closed(client) == b"", "the client is closed, not left hanging"
        assert any("closed (the server stopped)" in line for line in serve.lines())


def test_ctrl_c_in_a_terminal_stops_process_children_quietly():
    """A terminal's Ctrl+C reaches the whole process group, children included."""
    if SIGINT_IGNORED:
        pytest.skip("SIGINT is ignored here, and so in the subprocess")
    argv = tcp_lab("serve", "--port", "0", "--model", "process")
    with CommandLine(argv, new_session=True) as serve:
        port = serve.bound_port()
        with connect_to(("127.0.0.1", port)) as client:
            client.sendall(b"x")
            assert recv_exactly(client, 1) == b"x"
            serve.wait_for_line(lambda line: "child process" in line and "serves" in line)
            assert_stopped_cleanly(serve, signal.SIGINT)
            assert recv_until_closed(client) == b""


def test_json_lines_tell_the_whole_story():
    with CommandLine(tcp_lab("serve", "--port", "0", "--json")) as serve:
        bound = json.loads(serve.wait_for_line(lambda line: '"kind": "bound"' in line))
        port = int(bound["detail"].rsplit(":", 1)[1])
        serve.wait_for_line(lambda line: '"kind": "listening"' in line)
        with connect_to(("127.0.0.1", port)) as client:
            client.sendall(b"ping\n")
            assert recv_exactly(client, 5) == b"ping\n"
            local = client.getsockname()[1]
        serve.wait_for_line(lambda line: '"kind": "worker_ended"' in line)
        assert serve.interrupt(signal.SIGTERM) == 0
        serve.finish()
        records = [json.loads(line) for line in serve.lines()]  # every line is JSON

    kinds = [r["kind"] for r in records]
    assert is_subsequence(["socket_created", "bound", "listening", "accept_waiting",
                           "accepted", "recv_waiting", "received", "sent", "peer_closed",
                           "closed", "stopped"], kinds)
    assert kinds[-2:] == ["closed", "stopped"]
    accepted = next(r for r in records if r["kind"] == "accepted")
    assert accepted["conn"] == 1 and accepted["peer"] == f"127.0.0.1:{local}"
    received = next(r for r in records if r["kind"] == "received")
    assert received["worker"] == "thread conn-1"
    assert (received["bytes"], received["data"], received["hex"]) == (5, "ping\\n",
                                                                       "70 69 6e 67 0a")
    assert {"time", "kind", "conn", "worker", "peer", "detail", "bytes", "data",
            "hex"} <= set(records[0])


def test_serve_on_a_port_in_use_says_so_and_exits_1():
    with socket.socket() as other_program:
        other_program.bind(("127.0.0.1", 0))
        other_program.listen()
        port = other_program.getsockname()[1]
        result = subprocess.run(tcp_lab("serve", "--port", str(port)), capture_output=True,
                                text=True, timeout=WAIT_SECONDS * 2)
    assert result.returncode == 1
    assert result.stderr.startswith(f"Port {port} is already in use on 127.0.0.1")


def serve_on_a_terminal(*arguments: str) -> tuple[subprocess.CompletedProcess, str]:
    """`tcp-lab serve` with its stdout a terminal: the result, and what the screen shows."""
    screen, terminal = os.openpty()
    try:
        result = subprocess.run(tcp_lab("serve", *arguments), stdout=terminal,
                                stderr=subprocess.PIPE, text=True, timeout=WAIT_SECONDS * 2)
        os.close(terminal)
        terminal = -1
        shown = b""
        for _ in range(100):  # bounded: the output is a few lines, then end of file
            try:
                chunk = os.read(screen, 65536)
            except OSError:  # EIO: the terminal's other end is closed and read out
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(screen)
        if terminal >= 0:
            os.close(terminal)
    return result, shown.decode() + result.stderr


def test_serve_on_a_port_in_use_says_it_once_on_a_terminal():
    # On a terminal stdout and stderr are one screen: the bind() line says it already.
    with socket.socket() as other_program:
        other_program.bind(("127.0.0.1", 0))
        other_program.listen()
        port = other_program.getsockname()[1]
        result, shown = serve_on_a_terminal("--port", str(port))
    assert result.returncode == 1
    assert result.stderr == ""
    assert shown.count(f"Port {port} is already in use") == 1


def test_serve_on_a_host_that_is_not_an_address_says_so_on_a_terminal():
    # No socket call was made, so no event line said it: stderr must.
    result, shown = serve_on_a_terminal("--host", "no-such-host.invalid")
    assert result.returncode == 1
    assert "no-such-host.invalid" in result.stderr
    assert shown.count("no-such-host.invalid") == 1


# ---- tcp-lab connect to other programs as servers ----


@pytest.fixture
def peer_server():
    """peer_server(argv, port) starts a listening tool and waits until it listens."""
    started: list[CommandLine] = []

    def start(argv: list[str], port: int, typed_input: bool = False) -> CommandLine:
        tool = CommandLine(argv, typed_input=typed_input)
        started.append(tool)
        assert wait_until(lambda: is_listening(port) or tool.process.poll() is not None)
        assert tool.process.poll() is None, f"{argv[0]} did not start: {tool.lines('stderr')}"
        return tool

    yield start
    for tool in started:
        tool.__exit__(None, None, None)


def test_connect_converses_with_an_ncat_server(peer_server):
    """Both ways at once: what ncat's user types reaches our connect's output, and lines
    typed into connect reach ncat; end of input half-closes and ncat's end ends connect."""
    ncat = need("ncat")
    port = free_port()
    ncat_server = peer_server([ncat, "-l", "127.0.0.1", str(port)], port, typed_input=True)
    with CommandLine(tcp_lab("connect", "127.0.0.1", str(port)), typed_input=True) as ours:
        ncat_server.type(b"hello from ncat\n")
        ours.wait_for_line(lambda line: line == "hello from ncat")
        ours.type(LINES)
        ncat_server.wait_for_line(lambda line: line == "world")
        ours.end_input()
        assert ours.finish() == 0, ours.lines("stderr")
        assert ours.lines() == ["hello from ncat"]
    assert ncat_server.finish() == 0
    assert ncat_server.lines() == ["hello", "world"]


def test_connect_talks_to_a_socat_echo_server(peer_server):
    socat = need("socat")
    port = free_port()
    socat_server = peer_server(
        [socat, f"TCP-LISTEN:{port},bind=127.0.0.1,reuseaddr", "EXEC:/bin/cat"], port)
    result = run_connect(port, "你好\n".encode() + LINES, "--verbose")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "你好\n".encode() + LINES
    stderr = result.stderr.decode()
    assert "connect() returned: connected to 127.0.0.1:" in stderr
    assert "shutdown(SHUT_WR)" in stderr, "end of input half-closes, then replies still come"
    assert "the server closed the connection" in stderr
    assert socat_server.finish() == 0  # socat served one connection and ended


def test_connect_to_a_closed_port_says_refused_and_exits_1():
    with socket.socket() as bound_not_listening:
        bound_not_listening.bind(("127.0.0.1", 0))
        port = bound_not_listening.getsockname()[1]
        result = run_connect(port, b"")
    assert result.returncode == 1
    assert result.stdout == b""
    assert result.stderr.decode().startswith(
        f"Connection refused: nothing is listening on 127.0.0.1:{port}.")


def test_connect_rejects_an_impossible_port():
    result = run_connect(70000, b"")
    assert result.returncode == 2
    assert "Port 70000 is not possible" in result.stderr.decode()


@pytest.mark.parametrize("signum", [
    pytest.param(signal.SIGINT, marks=pytest.mark.skipif(
        SIGINT_IGNORED, reason="SIGINT is ignored here, and so in the subprocess")),
    signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_ctrl_c_or_sigterm_closes_connect_with_a_fin(start_server, signum):
    running = start_server()
    with CommandLine(tcp_lab("connect", "--verbose", "127.0.0.1", str(running.port)),
                     typed_input=True) as ours:
        ours.wait_for_line(lambda line: "connect() returned" in line, name="stderr")
        running.recorder.wait_for(K.RECV_WAITING, conn=1)
        code = ours.interrupt(signum)
        ours.finish()
        assert code == 0, ours.lines("stderr")
        assert ours.lines("stderr")[-1].endswith(
            "close(): the socket is closed (you closed the connection)")
        assert not any("Traceback" in line for line in ours.lines("stderr"))
    running.recorder.wait_for(K.PEER_CLOSED, conn=1)


def test_connect_exits_when_the_server_closes_even_while_input_is_open(start_server):
    """Nobody has typed anything yet: the server's close still ends connect, cleanly."""
    running = start_server(behaviour=Behaviour.MANUAL)
    with CommandLine(tcp_lab("connect", "127.0.0.1", str(running.port)),
                     typed_input=True) as ours:
        running.recorder.wait_for(K.RECV_WAITING, conn=1)
        running.server.send_to(1, b"bye\n")
        ours.wait_for_line(lambda line: line == "bye")
        running.server.disconnect(1)
        code = ours.finish()
        assert code == 0, ours.lines("stderr")
        assert ours.lines() == ["bye"]
        assert ours.lines("stderr") == []
