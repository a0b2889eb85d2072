"""``python -m bench SUBCOMMAND [options]``: run one benchmark.

SUBCOMMANDS maps a name to the module whose ``main(argv) -> int`` runs it; add a line there
for a new benchmark. Modules are imported only when chosen, so one benchmark's imports
never slow down or break another.
"""

from __future__ import annotations

import atexit
import importlib
import os
import shutil
import sys
import tempfile

SUBCOMMANDS: dict[str, str] = {
    "echo": "bench.echo",  # throughput and latency of echo servers under load
    "compare": "bench.compare",  # ratios from one run: ours vs the baselines; the window's cost
    "rtt": "bench.rtt",  # the client window's round trip against a bare socket client
    "scale": "bench.scale",  # thousands of clients at once; memory per connection
    "flood": "bench.flood",  # the window's responsiveness and memory under a flood
    "startup": "bench.startup",  # launch to a painted window
    "clients": "bench.clients",  # the main window opening many client windows at once
    "child": "bench.child_start",  # what a process-per-client child costs each connection
    "idle": "bench.idle",  # CPU and wakeups of a window left alone, server running or not
}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] not in SUBCOMMANDS:
        if args and args[0] not in ("-h", "--help"):
            print(f"unknown subcommand {args[0]!r}", file=sys.stderr)
        print("usage: python -m bench SUBCOMMAND [options]  (SUBCOMMAND --help for its options)",
              file=sys.stderr)
        print("subcommands: " + ", ".join(SUBCOMMANDS), file=sys.stderr)
        return 0 if args and args[0] in ("-h", "--help") else 2
    # The windows a benchmark starts remember nothing between runs, and leave a person's
    # settings alone (gui/settings.py): every run starts from the app's defaults.
    folder = tempfile.mkdtemp(prefix="tcp-lab-bench-settings-")
    atexit.register(shutil.rmtree, folder, True)
    os.environ["TCP_LAB_SETTINGS_FILE"] = os.path.join(folder, "settings.ini")
    module = importlib.import_module(SUBCOMMANDS[args[0]])
    return int(module.main(args[1:]) or 0)


# Guarded: the spawn start method imports the main module in every client process.
if __name__ == "__main__":
    sys.exit(main())
