"""The `tcp-lab` command. Kept free of Qt imports at the top.

Child processes of the process-per-client server are spawned and re-import the main
script; keeping this module light means they never load Qt.
"""

from __future__ import annotations

import sys

HEADLESS_COMMANDS = ("serve", "connect")
DESKTOP_ENTRY_OPTIONS = ("--install-desktop-entry", "--uninstall-desktop-entry")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] in DESKTOP_ENTRY_OPTIONS:
        from gui.desktop_entry import run
        return run(args[0])
    if args and (args[0] in HEADLESS_COMMANDS or args[0] in ("-h", "--help")):
        from gui.headless_language import install_headless_language
        install_headless_language()  # before any sentence is made, the parser's too
        from netcore.cli import build_parser, run_command
        if args[0] in HEADLESS_COMMANDS:
            return run_command(args)
        build_parser().print_help()
        return 0
    from gui.app import run_app
    return run_app(args)


if __name__ == "__main__":
    sys.exit(main())
