"""Which addresses selon may fetch from, and a connection that only goes there.

How the address check is made to hold (no DNS rebinding)
---------------------------------------------------------
For every hop of a fetch (the URL itself, each redirect, and each ``/robots.txt``) the host
is resolved ONCE, by :func:`system_resolve` (``getaddrinfo``), and every address it resolves
to is checked by :func:`address_problem` (loopback, private, link-local, multicast,
reserved, unspecified, shared and cloud-metadata addresses are refused, including IPv4
addresses hidden in IPv4-mapped, 6to4 and NAT64 IPv6 addresses). If any one address is
refused the hop is refused: a host that answers both a public and a private address is
not trusted.

The request is then sent through httpcore (the transport layer of httpx) with a network
backend, :class:`PinnedBackend`, that never resolves anything: it opens the socket to the
addresses that were just validated, and checks the socket's peer address once more before
a byte is sent. The URL, the ``Host`` header, TLS SNI and certificate verification all keep
the host *name*, so HTTPS still verifies the certificate against the name, while the
*address* talked to is the one that was checked. A second DNS answer (the rebinding trick)
is never asked for. Proxies from the environment are not used (a proxy would do its own
resolution and bypass the check).

The streams it returns (:class:`DeadlineStream`) give every socket operation at most the
time left before one deadline, so a server that trickles a byte a second is cut off.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable, Iterable
from typing import Any

import httpcore

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], list[IPAddress]]
AddressCheck = Callable[[IPAddress], "str | None"]

METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a)
    for a in ("169.254.169.254", "fd00:ec2::254", "169.254.170.2", "169.254.170.23",
              "100.100.100.200", "192.0.0.192")
)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def system_resolve(host: str, port: int) -> list[IPAddress]:
    """Every address ``host`` resolves to (an IP literal is returned as it is).

    Raises OSError when the name does not resolve.
    """
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    found: list[IPAddress] = []
    for _family, _type, _proto, _canon, sockaddr in infos:
        addr = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
        if addr not in found:
            found.append(addr)
    return found


def _forms(addr: IPAddress) -> list[IPAddress]:
    """``addr`` and the IPv4 addresses embedded in it (IPv4-mapped, 6to4, NAT64), first."""
    candidates: list[IPAddress] = []
    if isinstance(addr, ipaddress.IPv6Address):
        if addr.ipv4_mapped is not None:
            candidates.append(addr.ipv4_mapped)
        if addr.sixtofour is not None:
            candidates.append(addr.sixtofour)
        if addr in _NAT64:
            candidates.append(ipaddress.IPv4Address(int(addr) & 0xFFFFFFFF))
    candidates.append(addr)
    return candidates


def metadata_problem(addr: IPAddress) -> str | None:
    """Why ``addr`` is never fetched from, even with ``allow_private``: a cloud metadata
    service (which hands out the machine's credentials), in any embedded form."""
    if any(a in METADATA_ADDRESSES for a in _forms(addr)):
        return f"{addr} is a cloud metadata address"
    return None


def address_problem(addr: IPAddress) -> str | None:
    """Why ``addr`` must not be fetched from, or None when it is a public address."""
    candidates = _forms(addr)
    for a in candidates:
        if a in METADATA_ADDRESSES:
            return f"{addr} is a cloud metadata address"
        for flag, what in (
            (a.is_unspecified, "an unspecified address"),
            (a.is_loopback, "a loopback address"),
            (a.is_link_local, "a link-local address"),
            (a.is_multicast, "a multicast address"),
            (a.is_private, "a private address"),
            (a.is_reserved, "a reserved address"),
            (not a.is_global, "not a public address"),
        ):
            if flag:
                return f"{addr} is {what}"
    return None


class DeadlineStream(httpcore.NetworkStream):
    """A stream whose every operation is given at most the time left before a deadline."""

    def __init__(self, inner: httpcore.NetworkStream, deadline: float) -> None:
        self._inner = inner
        self._deadline = deadline

    def _left(self, timeout: float | None, error: type[Exception]) -> float:
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise error("the total time limit was reached")
        return left if timeout is None else min(timeout, left)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, self._left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context: Any, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        inner = self._inner.start_tls(ssl_context, server_hostname,
                                      self._left(timeout, httpcore.ConnectTimeout))
        return DeadlineStream(inner, self._deadline)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class PinnedBackend(httpcore.NetworkBackend):
    """Connects only to addresses validated beforehand; never resolves a name."""

    def __init__(self, host: str, addresses: list[IPAddress], deadline: float) -> None:
        self._host = host
        self._addresses = addresses
        self._deadline = deadline
        self._inner = httpcore.SyncBackend()

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        if host != self._host:
            raise httpcore.ConnectError(f"unexpected host {host!r}")
        last: Exception = httpcore.ConnectError("no address to connect to")
        for addr in self._addresses:
            left = self._deadline - time.monotonic()
            if left <= 0:
                raise httpcore.ConnectTimeout("the total time limit was reached")
            try:
                stream = self._inner.connect_tcp(
                    str(addr), port, timeout=left if timeout is None else min(timeout, left),
                    local_address=local_address, socket_options=socket_options,
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
                continue
            peer = stream.get_extra_info("server_addr")
            if not peer or ipaddress.ip_address(str(peer[0]).split("%", 1)[0]) != addr:
                stream.close()
                raise httpcore.ConnectError(f"connected to {peer!r}, not to {addr}")
            return DeadlineStream(stream, self._deadline)
        raise last

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Iterable[Any] | None = None
                            ) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("unix sockets are never used by selon's fetcher")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)
