"""What a person types as a server's address, checked before anything is looked up.

getaddrinfo() takes "9000" as the IPv4 address 0.0.35.40 and would connect there, off
this machine; "127.0.0.1:9000" fails as an unknown host. Both are a port typed in the
wrong box, the most common slip in a network tool's address row: say so at the field.
"""

from __future__ import annotations

import re

from gui.i18n import translate

# "host:port" or "[v6 address]:port"; a bare IPv6 address has more than one colon. The
# full-width colon is what a Chinese input method types.
_HOST_AND_PORT = re.compile(r"^(?:\[[^\]]*\]|[^:：\[\]]+)[:：](\d+)$")


def host_problem(text: str) -> str:
    """Why `text` cannot be a server's address as typed ("" if it may be one)."""
    host = text.strip()
    if not host:
        return translate("host_text", "Enter the server's address first, e.g. 127.0.0.1.")
    if host.isdecimal():
        return translate("host_text", "“{typed}” looks like a port number, not an address: "
                                      "type the server's address here (e.g. 127.0.0.1) and the "
                                      "port in the Port box.").format(typed=host[:20])
    with_port = _HOST_AND_PORT.match(host)
    if with_port:
        return translate("host_text", "Type only the address here, without “:{port}”: the port "
                                      "goes in the Port box.").format(port=with_port.group(1))
    return ""
