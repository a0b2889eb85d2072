"""The standalone bundle (bundle/build.py, PyInstaller) builds, starts, and serves an echo
round trip headless, with a child process per client: the frozen program starts itself
again for each child. Skipped where PyInstaller is not installed (the README's test
command installs it)."""

from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.netcore.helpers import CommandLine, connect_to, recv_exactly

pytestmark = [
    pytest.mark.skipif(importlib.util.find_spec("PyInstaller") is None,
                       reason="PyInstaller is not installed"),
    pytest.mark.skipif(not sys.platform.startswith("linux"),
                       reason="the bundle is built and tried on Linux"),
    pytest.mark.timeout(300),
]
REPOSITORY = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def program(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sys.path.insert(0, str(REPOSITORY / "bundle"))
    try:
        from build import build  # bundle/build.py
    finally:
        sys.path.remove(str(REPOSITORY / "bundle"))
    folder = tmp_path_factory.mktemp("bundle")
    built = build(folder / "dist", folder / "work")
    assert built.exists() and os.access(built, os.X_OK)
    return built


def test_the_bundle_serves_an_echo_round_trip_with_a_child_per_client(program: Path) -> None:
    with CommandLine([str(program), "serve", "--port", "0", "--model", "process"],
                     new_session=True) as serve:
        port = serve.bound_port()
        with connect_to(("127.0.0.1", port)) as client:
            client.sendall(b"hello from outside\n")
            assert recv_exactly(client, 19) == b"hello from outside\n"
        serve.wait_for_line(lambda line: "child process" in line and "exits" in line)
        assert serve.interrupt(signal.SIGTERM) == 0, serve.lines("stderr")


def test_the_bundle_opens_its_window(program: Path, tmp_path: Path) -> None:
    picture = tmp_path / "window.png"
    result = subprocess.run([str(program), "--screenshot", str(picture)], capture_output=True,
                            text=True, timeout=60,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr
    assert picture.stat().st_size > 10_000
