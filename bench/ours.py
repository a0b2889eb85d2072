"""TCP Lab's own servers for the benchmarks: every model, with and without the window.

`ours-thread` is the thread-per-client model with its events discarded (the sockets'
own cost); `ours-thread+gui` is the same model started from the app's main window, whose
log and table take every event. Each runs in a process of its own, like the baselines.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager

import psutil

from bench.baselines import server_process
from netcore.config import ServerModel
from netcore.cpu import ALL_CORES_VARIABLE

ServerFactory = Callable[[], AbstractContextManager[tuple[str, int]]]


@contextmanager
def our_server(model: ServerModel, window: bool = False, report_path: str | None = None,
               stop_after_events: int = 0, extra_env: dict[str, str] | None = None,
               switch_tabs: bool = False) -> Iterator[tuple[str, int]]:
    command = [sys.executable, "-m", "bench.ours_server", model.value]
    if window:
        command.append("--window")
    if report_path:
        command += ["--report", report_path]
    if stop_after_events:
        command += ["--stop-after-events", str(stop_after_events)]
    if switch_tabs:
        command.append("--switch-tabs")
    with server_process(command, extra_env=extra_env) as address:
        yield address


@contextmanager
def our_server_with_pid(model: ServerModel, window: bool = False, report_path: str | None = None,
                        stop_after_events: int = 0, switch_tabs: bool = False
                        ) -> Iterator[tuple[tuple[str, int], int]]:
    """our_server(), also giving the server process's pid (to measure its memory)."""
    with our_server(model, window, report_path, stop_after_events,
                    switch_tabs=switch_tabs) as address:
        yield address, _server_pid()


def _server_pid() -> int:
    servers = [child for child in psutil.Process().children()
               if "bench.ours_server" in " ".join(child.cmdline())]
    if not servers:
        raise RuntimeError("the server process is gone")
    return max(servers, key=lambda child: child.create_time()).pid


def _factory(model: ServerModel, window: bool) -> ServerFactory:
    return lambda: our_server(model, window)


def _on_all_cores(model: ServerModel) -> ServerFactory:
    """The model with its threads free to use every core (TCP_LAB_ALL_CORES=1)."""
    return lambda: our_server(model, extra_env={ALL_CORES_VARIABLE: "1"})


SERVERS: dict[str, ServerFactory] = {}
for _model in ServerModel:
    SERVERS[f"ours-{_model.value}"] = _factory(_model, False)
    SERVERS[f"ours-{_model.value}+gui"] = _factory(_model, True)
SERVERS["ours-thread-all-cores"] = _on_all_cores(ServerModel.THREAD)
