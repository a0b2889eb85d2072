"""`tcp-lab --install-desktop-entry`: TCP Lab in the desktop's application menu (Linux).

Writes a freedesktop.org `.desktop` entry for the user (no root needed) and copies the
app's icon where desktops look for it:

    $XDG_DATA_HOME/applications/tcp-lab.desktop        (~/.local/share/... by default)
    $XDG_DATA_HOME/icons/hicolor/scalable/apps/tcp-lab.svg

The entry starts the very `tcp-lab` (or Python) that ran this command, by its full path,
so it works from a virtual environment that is not on PATH. `--uninstall-desktop-entry`
takes both away. No Qt here: it runs without a screen.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from importlib import resources
from pathlib import Path

from netcore.i18n import translate

ENTRY_NAME = "tcp-lab.desktop"
ICON_NAME = "tcp-lab"  # the icon's name in the theme: tcp-lab.svg
ICON_FILE = "tcp-lab.svg"


def data_home() -> Path:
    """$XDG_DATA_HOME, or ~/.local/share, as the XDG base directory specification says."""
    chosen = os.environ.get("XDG_DATA_HOME", "")
    return Path(chosen) if os.path.isabs(chosen) else Path.home() / ".local" / "share"


def entry_path() -> Path:
    return data_home() / "applications" / ENTRY_NAME


def icon_path() -> Path:
    return data_home() / "icons" / "hicolor" / "scalable" / "apps" / ICON_FILE


def launch_command() -> str:
    """How the entry starts the app: this tcp-lab script, else this Python with -m gui."""
    script = Path(sys.argv[0]).resolve() if sys.argv and sys.argv[0] else None
    if script is not None and script.name == "tcp-lab" and os.access(script, os.X_OK):
        return shlex.quote(str(script))
    return shlex.join([sys.executable, "-m", "gui"])


def entry_text(command: str) -> str:
    # Exec's own quoting rules are the shell's for a path with spaces; a % in a path must
    # be doubled (the spec's field codes).
    return "\n".join([
        "[Desktop Entry]",
        "Type=Application",
        "Version=1.4",
        "Name=TCP Lab",
        "GenericName=TCP client/server lab",
        "GenericName[zh_CN]=TCP 客户端/服务器实验",
        "Comment=See TCP client/server programming happen: socket, bind, listen, accept, "
        "connect, send, recv, close, live",
        "Comment[zh_CN]=亲眼看到 TCP 客户端/服务器编程：socket、bind、listen、accept、connect、"
        "send、recv、close，实时呈现",
        f"Exec={command.replace('%', '%%')}",
        f"Icon={ICON_NAME}",
        "Terminal=false",
        "Categories=Education;ComputerScience;",  # one main category: listed once
        "Keywords=TCP;socket;network;server;client;teaching;网络;套接字;",
        "StartupNotify=true",
        "",
    ])


def install() -> tuple[Path, Path]:
    """Write the entry and the icon; returns their paths. Raises OSError."""
    entry, icon = entry_path(), icon_path()
    entry.parent.mkdir(parents=True, exist_ok=True)
    icon.parent.mkdir(parents=True, exist_ok=True)
    with resources.as_file(resources.files("resources").joinpath(ICON_FILE)) as shipped:
        shutil.copyfile(shipped, icon)
    entry.write_text(entry_text(launch_command()), encoding="utf-8")
    entry.chmod(0o755)  # some desktops run only entries marked executable
    return entry, icon


def uninstall() -> list[Path]:
    """Take away what install() wrote; returns what was there."""
    removed = []
    for path in (entry_path(), icon_path()):
        if path.exists():
            path.unlink()
            removed.append(path)
    return removed


def run(command: str) -> int:
    """`--install-desktop-entry` or `--uninstall-desktop-entry`; prints what it did."""
    try:
        if command == "--install-desktop-entry":
            entry, icon = install()
            print(translate("desktop_entry", "TCP Lab is in your application menu now: {entry} "
                            "(icon: {icon}).").format(entry=entry, icon=icon))
        else:
            removed = uninstall()
            print(translate("desktop_entry", "Removed {paths}.").format(
                paths=", ".join(map(str, removed))) if removed else
                translate("desktop_entry", "There was no TCP Lab menu entry to remove."))
    except OSError as exc:
        print(translate("desktop_entry", "Could not write the menu entry: {reason}.").format(
            reason=exc.strerror or exc), file=sys.stderr)
        return 1
    return 0
