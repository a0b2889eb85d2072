"""`tcp-lab --install-desktop-entry` puts TCP Lab in the desktop's application menu, with
its icon, for this user; `--uninstall-desktop-entry` takes it away (Linux, XDG)."""

from __future__ import annotations

import configparser
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from PySide6.QtGui import QIcon

from gui.app import app_icon

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="the freedesktop.org menu is Linux's (and BSD's)")


def tcp_lab(*args: str, data_home: Path) -> subprocess.CompletedProcess[str]:
    command = shutil.which("tcp-lab", path=os.path.dirname(sys.executable))
    argv = [command] if command else [sys.executable, "-m", "gui"]
    return subprocess.run([*argv, *args], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "XDG_DATA_HOME": str(data_home)})


def test_install_then_uninstall_the_menu_entry(tmp_path: Path) -> None:
    installed = tcp_lab("--install-desktop-entry", data_home=tmp_path)
    assert installed.returncode == 0, installed.stderr
    entry = tmp_path / "applications" / "tcp-lab.desktop"
    icon = tmp_path / "icons" / "hicolor" / "scalable" / "apps" / "tcp-lab.svg"
    assert str(entry) in installed.stdout
    assert not QIcon(str(icon)).isNull()

    fields = configparser.ConfigParser(interpolation=None)
    fields.optionxform = str  # keys are case-sensitive
    fields.read(entry, encoding="utf-8")
    desktop = fields["Desktop Entry"]
    assert desktop["Type"] == "Application" and desktop["Name"] == "TCP Lab"
    assert desktop["Icon"] == "tcp-lab" and "Education" in desktop["Categories"]
    program = shlex.split(desktop["Exec"])[0]
    assert os.path.isabs(program) and os.access(program, os.X_OK)  # works off PATH too
    if shutil.which("desktop-file-validate"):
        checked = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True,
                                 text=True, timeout=30)
        assert checked.returncode == 0, checked.stdout + checked.stderr

    removed = tcp_lab("--uninstall-desktop-entry", data_home=tmp_path)
    assert removed.returncode == 0 and not entry.exists() and not icon.exists()
    again = tcp_lab("--uninstall-desktop-entry", data_home=tmp_path)
    assert "no TCP Lab menu entry" in again.stdout


def test_a_menu_that_cannot_be_written_says_why(tmp_path: Path) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where a folder should be")
    result = tcp_lab("--install-desktop-entry", data_home=blocked)
    assert result.returncode == 1
    assert result.stderr.startswith("Could not write the menu entry:")
    assert "Traceback" not in result.stderr


def test_the_app_has_its_icon(qapp) -> None:  # type: ignore[no-untyped-def]
    icon = app_icon()
    assert not icon.isNull()
    assert not icon.pixmap(256, 256).isNull()  # drawn from the SVG at any size
