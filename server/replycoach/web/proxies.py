"""Trusted proxies: the client's address and scheme are read from X-Forwarded-For and X-Forwarded-Proto only
when the request comes from a proxy that `replycoach serve --forwarded-allow-ips` (or the setting
FORWARDED_ALLOW_IPS) names; from any other peer those
headers are ignored, so a client cannot pick the address its wrong keys are counted against."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from typing import TYPE_CHECKING

from werkzeug.middleware.proxy_fix import ProxyFix

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
LOOPBACK_NAMES = frozenset({"localhost"})


def is_loopback(host: str) -> bool:
    """Whether listening on `host` takes calls from this machine only."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a host name other than localhost may resolve to any interface


class TrustedProxies:
    """WSGI middleware: one proxy's X-Forwarded-For (its last address, the peer the proxy saw) and
    X-Forwarded-Proto become the request's address and scheme, for requests from `networks` only."""

    def __init__(self, app: WSGIApplication, networks: Iterable[str]) -> None:
        self.app = app
        self.networks: tuple[Network, ...] = tuple(ipaddress.ip_network(n, strict=False) for n in networks)
        self.forwarded = ProxyFix(app, x_for=1, x_proto=1, x_host=0, x_port=0, x_prefix=0)

    def trusts(self, peer: str) -> bool:
        """Whether the peer address is one of the trusted proxies."""
        try:
            address = ipaddress.ip_address(peer)
        except ValueError:
            return False
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
            address = address.ipv4_mapped
        return any(address in network for network in self.networks)

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        if self.trusts(environ.get("REMOTE_ADDR", "")):
            return self.forwarded(environ, start_response)
        return self.app(environ, start_response)
