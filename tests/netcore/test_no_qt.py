"""netcore never loads Qt: not when imported and used, and not in a process-model child.

Each check runs in a fresh interpreter, since this test process may have Qt loaded by
pytest-qt.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from netcore.config import ServerModel
from tests.netcore.helpers import (
    WAIT_SECONDS,
    CommandLine,
    connect_to,
    recv_exactly,
    tcp_lab,
    worker_pid,
)

QT_PREFIXES = ("PySide6", "PyQt", "shiboken")

# Imports every netcore module, runs a server in each model and a client against it, then
# prints the Qt modules that got loaded (there must be none).
USE_ALL_OF_NETCORE = r"""
import importlib, json, pkgutil, sys, threading
import netcore
names = sorted(m.name for m in pkgutil.walk_packages(netcore.__path__, "netcore."))
for name in names:
    importlib.import_module(name)
from netcore.client import Client
from netcore.config import ServerConfig, ServerModel
from netcore.events import EventKind
from netcore.server import Server

replies = []
for model in ServerModel:
    events = []
    server = Server(ServerConfig(model=model), events.append)
    host, port = server.open()
    serving = threading.Thread(target=server.serve_forever)
    serving.start()
    got = threading.Event()
    def sink(event):
        if event.kind is EventKind.RECEIVED:
            replies.append(event.data)
            got.set()
        elif event.kind is EventKind.CONNECTED:
            client.send(b"hi " + model.value.encode())
    client = Client(sink)
    running = threading.Thread(target=client.run, args=(host, port, 5.0))
    running.start()
    got.wait(10)
    client.close()
    running.join(10)
    server.stop()
    serving.join(10)
qt = sorted(m for m in sys.modules if m.startswith(("PySide6", "PyQt", "shiboken")))
print(json.dumps({"modules": names, "replies": [r.decode() for r in replies], "qt": qt}))
"""

CHILD_IMPORTS = r"""
import json, sys
import netcore.child, netcore.process_model
print(json.dumps(sorted(m for m in sys.modules
                        if m.startswith(("PySide6", "PyQt", "shiboken", "gui")))))
"""


def qt_libraries_mapped(pid: int) -> list[str]:
    """Qt or PySide6 shared libraries in a running process's memory (Linux /proc maps)."""
    with open(f"/proc/{pid}/maps") as maps:
        paths = {line.split()[-1] for line in maps if "/" in line}
    return sorted(p for p in paths
                  if any(mark in Path(p).name for mark in ("Qt6", "QtCore", "pyside6", "shiboken6"))
                  or "/PySide6/" in p)


def run_python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, cwd=Path(__file__).resolve().parents[2])


def test_using_every_netcore_module_loads_no_qt():
    result = run_python(USE_ALL_OF_NETCORE)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert "netcore.server" in report["modules"] and "netcore.child" in report["modules"]
    assert report["replies"] == [f"hi {model.value}" for model in ServerModel]
    assert report["qt"] == []


def test_the_process_model_child_imports_no_qt_and_no_gui():
    result = run_python(CHILD_IMPORTS)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


def test_qt_detection_sees_qt_where_it_is_loaded():
    """The maps check below can fail: it finds Qt in this test process when Qt is loaded."""
    if "PySide6.QtCore" not in sys.modules:
        pytest.skip("Qt is not loaded in this test process, so there is nothing to find")
    assert qt_libraries_mapped(os.getpid())


@pytest.mark.parametrize("entry", ["module", "console-script"])
def test_children_of_the_command_line_server_load_no_qt(entry):
    """`tcp-lab serve --model process`: children are spawned and re-import the entry point;
    neither the server nor its children may load Qt."""
    if entry == "module":
        argv = tcp_lab("serve", "--port", "0", "--model", "process", "--json")
    else:
        script = Path(sys.executable).with_name("tcp-lab")
        if not script.exists():
            pytest.skip(f"no console script at {script} (project not installed)")
        argv = [str(script), "serve", "--port", "0", "--model", "process", "--json"]
    with CommandLine(argv) as serve:
        bound = json.loads(serve.wait_for_line(lambda line: '"kind": "bound"' in line))
        port = int(bound["detail"].rsplit(":", 1)[1])
        serve.wait_for_line(lambda line: '"kind": "listening"' in line)
        with connect_to(("127.0.0.1", port)) as client:
            client.sendall(b"still served?")
            assert recv_exactly(client, 13) == b"still served?"
            started = json.loads(serve.wait_for_line(
                lambda line: '"kind": "worker_started"' in line))
            child = worker_pid(started["worker"])
            assert child != serve.process.pid
            assert qt_libraries_mapped(child) == []
            assert qt_libraries_mapped(serve.process.pid) == []
            client.shutdown(socket.SHUT_WR)
            assert recv_exactly(client, 1, timeout=WAIT_SECONDS) == b""
        assert serve.interrupt(signal.SIGTERM) == 0
