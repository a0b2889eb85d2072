"""The faults tests drive netcore's servers and clients with the same fixtures as
tests/netcore."""

from tests.netcore.conftest import open_client, start_server

__all__ = ["open_client", "start_server"]  # fixtures: pytest finds them by name here
