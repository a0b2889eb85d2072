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


def only_this_computer(host: str) -> bool | None:
    """True if a server listening on `host` can be reached from this computer only, False
    if others can reach it too, None for a name (what it means is known once it is
    looked up, which bind() does)."""
    if host.lower() == "localhost":
        return True
    try:
        address = ipaddress.ip_address(host.split("%")[0])
    except ValueError:
        return None
    mapped = getattr(address, "ipv4_mapped", None)  # ::ffff:127.0.0.1 is loopback too
    return address.is_loopback or (mapped is not None and mapped.is_loopback)


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
