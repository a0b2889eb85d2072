"""Turning socket failures into sentences a person who has never programmed can act on."""

from __future__ import annotations

import errno
import os
import socket

from netcore.i18n import QT_TRANSLATE_NOOP, translate
from netcore.port_owner import program_listening_on


# Sentences that other parts of the app recognise (is_reset, is_refused), in English as
# marked for translation.
RESET_AT = QT_TRANSLATE_NOOP("errors", "The other side reset the connection ({where}): it "
                                       "aborted instead of closing normally (a TCP RST "
                                       "arrived). Any data still in flight is lost.")
RESET = QT_TRANSLATE_NOOP("errors", "The other side reset the connection: it aborted instead "
                                    "of closing normally (a TCP RST arrived). Any data still in "
                                    "flight is lost.")
REFUSED = QT_TRANSLATE_NOOP("errors", "Connection refused: nothing is listening on {where}. "
                                      "Start the server first, or check the port number.")


class NetError(Exception):
    """A failure with a plain-language explanation in `sentence` (also its str())."""

    def __init__(self, sentence: str, code: int | None = None) -> None:
        super().__init__(sentence)
        self.sentence = sentence
        self.code = code


def format_address(host: str, port: int) -> str:
    """`127.0.0.1:9000`, or `[::1]:9000` for IPv6 so the port stays readable."""
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def explain_bind_error(exc: OSError, host: str, port: int) -> str:
    """Why bind() or listen() failed on host:port, in words."""
    where = format_address(host, port)
    if exc.errno == errno.EADDRINUSE:
        return _port_in_use(host, port)
    if exc.errno == errno.EACCES:
        if 0 < port < 1024:
            return translate("errors", "Permission denied: ports below 1024 (you chose {port}) "
                                       "need administrator rights. Choose a port from 1024 to "
                                       "65535.").format(port=port)
        return translate("errors", "Permission denied: this computer does not allow listening "
                                   "on {where}.").format(where=where)
    if exc.errno == errno.EADDRNOTAVAIL:
        return translate("errors", "This computer has no network address {host}. Use 127.0.0.1 "
                                   "for this computer only, or 0.0.0.0 to let other computers "
                                   "connect.").format(host=host)
    return explain_os_error(exc, where)


def _port_in_use(host: str, port: int) -> str:
    """The port is taken: by whom, if that can be told."""
    owner = program_listening_on(port)
    if owner is None:
        return translate("errors", "Port {port} is already in use on {host}: another program "
                                   "(or another server in TCP Lab) is listening there. Stop it, "
                                   "or choose another port (0 picks a free one).").format(
            port=port, host=host)
    name, pid = owner
    if pid == os.getpid():
        return translate("errors", "Port {port} is already in use on {host}: another server in "
                                   "this TCP Lab is listening there. Stop it, or choose another "
                                   "port (0 picks a free one).").format(port=port, host=host)
    return translate("errors", "Port {port} is already in use on {host}: the program {name} "
                               "(process {pid}) is listening there. Stop it, or choose another "
                               "port (0 picks a free one).").format(
        port=port, host=host, name=name, pid=pid)


def explain_connect_error(exc: BaseException, host: str, port: int, timeout: float) -> str:
    """Why connect() to host:port failed, in words."""
    where = format_address(host, port)
    if isinstance(exc, socket.gaierror):
        return translate("errors", "Unknown host \"{host}\": no computer with that name could be "
                                   "found. Check the spelling, or use 127.0.0.1 for this "
                                   "computer.").format(host=host)
    if isinstance(exc, (TimeoutError, socket.timeout)):
        return translate("errors", "No answer from {where} within {timeout} seconds: the "
                                   "computer may be off, unreachable, or a firewall may be "
                                   "dropping the connection.").format(
            where=where, timeout=f"{timeout:g}")
    if isinstance(exc, ConnectionRefusedError):
        return translate("errors", REFUSED).format(where=where)
    if isinstance(exc, OSError):
        return explain_os_error(exc, where)
    return translate("errors", "Could not connect to {where}: {reason}").format(
        where=where, reason=exc)


def explain_os_error(exc: OSError, where: str = "") -> str:
    """A sentence for a socket error met while connected (or any other OSError).

    Each sentence comes twice, with the address `where` and without it, so that each is
    translated whole.
    """
    if isinstance(exc, ConnectionResetError) or exc.errno == errno.ECONNRESET:
        if where:
            return translate("errors", RESET_AT).format(where=where)
        return translate("errors", RESET)
    if isinstance(exc, BrokenPipeError) or exc.errno == errno.EPIPE:
        if where:
            return translate("errors", "The other side has already closed the connection "
                                       "({where}), so this data could not be sent.").format(
                where=where)
        return translate("errors", "The other side has already closed the connection, so "
                                   "this data could not be sent.")
    if exc.errno == errno.ENETUNREACH:
        if where:
            return translate("errors", "The network is unreachable ({where}): this computer "
                                       "has no route there.").format(where=where)
        return translate("errors", "The network is unreachable: this computer has no route "
                                   "there.")
    if exc.errno == errno.EHOSTUNREACH:
        if where:
            return translate("errors", "The computer cannot be reached ({where}): no route to "
                                       "it.").format(where=where)
        return translate("errors", "The computer cannot be reached: no route to it.")
    if exc.errno == errno.EMFILE or exc.errno == errno.ENFILE:
        if where:
            return translate("errors", "Too many open connections and files ({where}): the "
                                       "limit on open files is reached, so no new connection "
                                       "can be accepted right now.").format(where=where)
        return translate("errors", "Too many open connections and files: the limit on open "
                                   "files is reached, so no new connection can be accepted "
                                   "right now.")
    if isinstance(exc, (TimeoutError, socket.timeout)):
        if where:
            return translate("errors", "The operation timed out ({where}).").format(where=where)
        return translate("errors", "The operation timed out.")
    reason = exc.strerror or str(exc)
    if where:
        return translate("errors", "A network error happened ({where}): {reason}.").format(
            where=where, reason=reason)
    return translate("errors", "A network error happened: {reason}.").format(reason=reason)


def explain_accept_pause(exc: OSError) -> str:
    """accept() failed for want of a resource (descriptors, memory): the server goes on."""
    return translate("errors", "New clients cannot be accepted now. {reason} The server keeps "
                               "serving the clients it has; new ones wait in the listen queue "
                               "and are accepted as soon as some leave.").format(
        reason=explain_os_error(exc))


def idle_sentence(conn_id: int, idle: float) -> str:
    """Why the idle timeout closes a connection."""
    return translate("errors", "Connection {conn_id} sent nothing and was sent nothing for "
                               "{idle} seconds, so the server closes it (the idle timeout: a "
                               "client that connects and goes quiet cannot hold the server's "
                               "resources for ever; 0 turns it off).").format(
        conn_id=conn_id, idle=f"{idle:g}")


def _is_sentence(sentence: str, template: str) -> bool:
    """Whether `sentence` was made from `template` (its {where} filled in), in English or
    in the language in use: an event carries its sentence, not its errno."""
    for text in {template, translate("errors", template)}:
        start, _, end = text.partition("{where}")
        if sentence.startswith(start) and sentence.endswith(end) and len(sentence) >= len(text) - 7:
            return True
    return False


def is_reset(sentence: str) -> bool:
    """Whether an error event's sentence says an RST arrived (ECONNRESET)."""
    return _is_sentence(sentence, RESET_AT) or _is_sentence(sentence, RESET)


def is_refused(sentence: str) -> bool:
    """Whether an error event's sentence says connect() was refused (the server's kernel
    answered the SYN with RST: nothing listens on that port)."""
    return _is_sentence(sentence, REFUSED)
