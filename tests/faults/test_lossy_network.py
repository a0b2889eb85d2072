"""A real network, not only loopback: two network namespaces joined by a veth pair, the
headless server in one, a client in the other, and one packet in ten dropped at random
on the server's side. Every byte still arrives, in order, and the kernel's count of
retransmitted segments (TCP_INFO) is above zero: the notes' "出错重传", retransmission on
error, seen happening, in the app's kernel view too.

Needs root on Linux, with `ip` (iproute2) and `nft` (nftables): this kernel has no
netem, but an nftables rule `numgen random mod 10 0 drop` loses packets just as well.
Everything it makes (namespaces, and with them the veth pair and the rule) is removed
at the end.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator

import pytest

from tests.netcore.helpers import WAIT_SECONDS, CommandLine, tcp_lab

pytestmark = [
    pytest.mark.faults,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="network namespaces are Linux's"),
    pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() != 0,
                       reason="making network namespaces needs root"),
    pytest.mark.skipif(shutil.which("ip") is None or shutil.which("nft") is None,
                       reason="needs `ip` (iproute2) and `nft` (nftables)"),
]

SERVER_ADDRESS = "10.231.0.1"  # private addresses, inside the test's own namespaces only
CLIENT_ADDRESS = "10.231.0.2"
PORT = 9000
STREAM_BYTES = 4 * 1024 * 1024
TRANSFER_TIMEOUT_SECONDS = 60  # with a tenth of the packets lost, TCP slows down a lot

# Runs in the client's namespace: connect, send the stream while reading the echo, check
# every byte in order, and report the kernel's retransmission count for the socket.
CLIENT = r"""
import json, socket, struct, sys, threading
size = int(sys.argv[2])
data = bytes(i % 251 for i in range(size))  # a pattern where a lost or swapped byte shows
sock = socket.create_connection((sys.argv[1], 9000), timeout=float(sys.argv[3]))
sender = threading.Thread(target=sock.sendall, args=(data,))
sender.start()
got = bytearray()
while len(got) < size:
    chunk = sock.recv(65536)
    if not chunk:
        break
    got += chunk
sender.join()
info = sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 256)
total_retrans = struct.unpack_from("I", info, 100)[0]  # struct tcp_info's tcpi_total_retrans
# The app's kernel view, read for this connection as the window reads it.
from netcore.kernel_view import read_kernel_view
view = read_kernel_view([(sock.getsockname()[1], 9000)])
sock.close()
print(json.dumps({"exact": bytes(got) == data, "received": len(got),
                  "total_retrans": total_retrans, "view_source": view.source,
                  "view_retransmissions": [s.retransmissions for s in view.sockets],
                  "view_sentence": view.sockets[0].sentence if view.sockets else ""}))
"""


def run(*argv: str) -> None:
    subprocess.run(argv, check=True, capture_output=True, timeout=WAIT_SECONDS)


@pytest.fixture
def two_hosts() -> Iterator[tuple[str, str]]:
    """(server namespace, client namespace), joined by a veth pair; removed afterwards."""
    tag = uuid.uuid4().hex[:6]
    server_ns, client_ns = f"tcplab-s-{tag}", f"tcplab-c-{tag}"
    server_if, client_if = f"tls{tag}", f"tlc{tag}"
    run("ip", "netns", "add", server_ns)
    try:
        run("ip", "netns", "add", client_ns)
        run("ip", "link", "add", server_if, "type", "veth", "peer", "name", client_if)
        run("ip", "link", "set", server_if, "netns", server_ns)
        run("ip", "link", "set", client_if, "netns", client_ns)
        for ns, interface, address in ((server_ns, server_if, SERVER_ADDRESS),
                                       (client_ns, client_if, CLIENT_ADDRESS)):
            run("ip", "-n", ns, "addr", "add", f"{address}/24", "dev", interface)
            run("ip", "-n", ns, "link", "set", interface, "up")
            run("ip", "-n", ns, "link", "set", "lo", "up")
        yield server_ns, client_ns
    finally:
        # Deleting a namespace deletes its end of the veth pair, and so the pair.
        for ns in (server_ns, client_ns):
            subprocess.run(["ip", "netns", "delete", ns], capture_output=True,
                           timeout=WAIT_SECONDS)


def drop_one_packet_in_ten(namespace: str) -> None:
    rules = ("table inet tcplab_loss {\n"
             "  chain input { type filter hook input priority 0; policy accept;\n"
             "    meta l4proto tcp numgen random mod 10 0 drop\n"
             "  }\n"
             "}\n")
    subprocess.run(["ip", "netns", "exec", namespace, "nft", "-f", "-"], input=rules.encode(),
                   check=True, capture_output=True, timeout=WAIT_SECONDS)


def test_every_byte_arrives_in_order_over_a_lossy_link_and_the_kernel_retransmits(
        two_hosts: tuple[str, str]) -> None:
    server_ns, client_ns = two_hosts
    serve_argv = ["ip", "netns", "exec", server_ns, *tcp_lab(
        "serve", "--host", SERVER_ADDRESS, "--port", str(PORT), "--json")]
    with CommandLine(serve_argv) as serve:
        serve.wait_for_line(lambda line: '"kind": "listening"' in line)
        drop_one_packet_in_ten(server_ns)
        client = subprocess.run(
            ["ip", "netns", "exec", client_ns, sys.executable, "-c", CLIENT, SERVER_ADDRESS,
             str(STREAM_BYTES), str(TRANSFER_TIMEOUT_SECONDS)],
            capture_output=True, timeout=TRANSFER_TIMEOUT_SECONDS * 2)
        assert client.returncode == 0, client.stderr.decode()
        report = json.loads(client.stdout)
        serve.interrupt()
        serve.finish()
    assert report["received"] == STREAM_BYTES and report["exact"], "every byte, in order"
    assert report["total_retrans"] > 0, "lost segments were sent again"
    # The kernel's view shows the same count: "出错重传", seen in the app.
    assert report["view_source"] == "netlink (sock_diag)"
    assert len(report["view_retransmissions"]) == 1
    assert report["view_retransmissions"][0] >= report["total_retrans"]
