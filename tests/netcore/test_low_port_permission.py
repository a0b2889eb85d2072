"""Ports below 1024 are refused to ordinary users: the sentence says so, for real.

As root (CI, this machine) the server is started in a child process that has lost the
right to bind low ports (`setpriv` drops CAP_NET_BIND_SERVICE), like any ordinary user.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

OPEN_PORT_80 = (
    "from netcore.server import Server\n"
    "from netcore.config import ServerConfig\n"
    "from netcore.errors import NetError\n"
    "try:\n"
    "    Server(ServerConfig(port=80), lambda event: None).open()\n"
    "    print('opened')\n"
    "except NetError as exc:\n"
    "    print(exc.sentence)\n"
)


def _unprivileged_port_start() -> int:
    try:
        with open("/proc/sys/net/ipv4/ip_unprivileged_port_start") as setting:
            return int(setting.read())
    except OSError:
        return 1024


def _as_ordinary_user() -> list[str]:
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv (util-linux) to drop the right to bind")
    return [setpriv, "--bounding-set=-net_bind_service"]


@pytest.mark.skipif(_unprivileged_port_start() <= 80,
                    reason="this system lets every user listen on port 80")
def test_port_below_1024_as_ordinary_user_gets_the_permission_sentence() -> None:
    command = [*_as_ordinary_user(), sys.executable, "-c", OPEN_PORT_80]
    result = subprocess.run(command, capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(
        "Permission denied: ports below 1024 (you chose 80) need administrator rights"), result.stdout
