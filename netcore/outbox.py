"""A thread that runs send jobs in order, so a window or a reader never blocks on a slow peer."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable

Job = Callable[[], None]


class Outbox:
    """Runs queued jobs one at a time on its own named thread until stopped."""

    def __init__(self, name: str) -> None:
        self._jobs: queue.SimpleQueue[Job | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._started = False

    @property
    def name(self) -> str:
        return self._thread.name

    def start(self) -> None:
        self._started = True
        self._thread.start()

    def put(self, job: Job) -> None:
        self._jobs.put(job)

    def close(self) -> None:
        """Finish the jobs already queued, then end the thread; does not wait."""
        if self._started:
            self._jobs.put(None)

    def join(self, timeout: float) -> None:
        if self._started:
            self._thread.join(timeout)

    def is_alive(self) -> bool:
        return self._thread.is_alive()

    def stop(self, timeout: float) -> None:
        """close(), then wait at most `timeout` for the thread to end.

        Callers shut their sockets down first, so a job blocked in sendall() fails at once.
        """
        self.close()
        self.join(timeout)

    def _run(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                return
            try:
                job()
            except Exception:  # a bug in one job must not silently end every later one
                import traceback  # only here: every process-model child imports this module
                traceback.print_exc()
