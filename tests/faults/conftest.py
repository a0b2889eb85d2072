"""The faults tests drive netcore's servers and clients, and the app's windows, with the
same fixtures as tests/netcore and tests/gui."""

from tests.gui.conftest import main_window, no_qthread_left_running
from tests.netcore.conftest import open_client, start_server

# Fixtures: pytest finds them by name in this module.
__all__ = ["main_window", "no_qthread_left_running", "open_client", "start_server"]
