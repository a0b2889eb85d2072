"""Who can reach a server: only this computer (loopback), or others too, and at which
addresses. A server that other computers can reach gets a warning in the window."""

from __future__ import annotations

import ipaddress
import socket

try:
    import psutil
except ImportError:  # a netcore without the app's dependencies: less precise, still safe
    psutil = None  # type: ignore[assignment]

WILDCARDS = ("0.0.0.0", "::", "")


def only_this_computer(host: str) -> bool:
    """True if a server listening on `host` can be reached from this computer only."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False  # a name: it may well be reachable from elsewhere


def addresses_others_would_use(host: str) -> list[str]:
    """The addresses other computers would connect to: for a wildcard, every address of
    this computer but loopback (link-local ones left out: few clients can use them)."""
    if host not in WILDCARDS:
        return [host]
    want_ipv6 = host == "::"
    found: list[str] = []
    for address in _this_computers_addresses():
        try:
            parsed = ipaddress.ip_address(address.split("%")[0])
        except ValueError:
            continue
        if parsed.is_loopback or parsed.is_link_local:
            continue
        if parsed.version == 4 or want_ipv6:
            found.append(address)
    return found


def _this_computers_addresses() -> list[str]:
    if psutil is not None:
        return [entry.address for entries in psutil.net_if_addrs().values()
                for entry in entries if entry.family in (socket.AF_INET, socket.AF_INET6)]
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None)
    except OSError:
        return []
    return sorted({info[4][0] for info in infos})
