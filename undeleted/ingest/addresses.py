"""Which URLs and IP addresses a fetch may reach: public http(s) hosts only. Pure functions."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from urllib.parse import urlsplit

from undeleted.errors import FetchRefused

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

SCHEMES = {"http": 80, "https": 443}
LOOPBACK = (ipaddress.ip_network("127.0.0.0/8"), ipaddress.ip_network("::1/128"))
# Cloud instance-metadata endpoints (AWS, GCP, Azure, Oracle, OpenStack; AWS IPv6; Alibaba Cloud).
METADATA = frozenset(
    ipaddress.ip_address(text)
    for text in (
        "169.254.169.254",
        "169.254.170.2",
        "fd00:ec2::254",
        "100.100.100.200",
        "192.0.0.192",
    )
)
METADATA_NAMES = frozenset(
    {"metadata", "metadata.google.internal", "metadata.goog", "instance-data", "instance-data.ec2.internal"}
)


@dataclass(frozen=True)
class Target:
    """The parts of a URL a fetch needs: scheme, host as written (no brackets) and port."""

    scheme: str
    host: str
    port: int

    @property
    def origin(self) -> tuple[str, str, int]:
        return (self.scheme, self.host.lower(), self.port)


def parse_target(url: str) -> Target:
    """Scheme, host and port of `url`; FetchRefused unless it is an http(s) URL with a host."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise FetchRefused(f"{url}: not a valid URL ({error})") from error
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        raise FetchRefused(f"{url}: only http and https URLs are fetched, not {scheme or 'a relative URL'}")
    if not parts.hostname:
        raise FetchRefused(f"{url}: no host in this URL")
    if parts.username or parts.password:
        raise FetchRefused(f"{url}: URLs with a user name or password are not fetched")
    host = parts.hostname.rstrip(".")
    if host.lower() in METADATA_NAMES:
        raise FetchRefused(f"{url}: {host} is a cloud metadata service name")
    return Target(scheme, host, port or SCHEMES[scheme])


def literal_address(host: str) -> IPAddress | None:
    """The IP address when `host` is written as one (192.0.2.1, ::1), else None."""
    try:
        return ipaddress.ip_address(host.strip("[]").split("%", 1)[0])
    except ValueError:
        return None


def embedded_ipv4(address: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address inside an IPv4-mapped, 6to4, NAT64 or Teredo IPv6 address."""
    if not isinstance(address, ipaddress.IPv6Address):
        return None
    if address.ipv4_mapped:
        return address.ipv4_mapped
    if address.sixtofour:
        return address.sixtofour
    if address.teredo:
        return address.teredo[1]
    if address in ipaddress.ip_network("64:ff9b::/96"):
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def address_problem(address: IPAddress, allow_loopback: bool = False) -> str | None:
    """Why `address` must not be fetched from (None when it is a public unicast address).

    `allow_loopback` admits 127.0.0.0/8 and ::1 only (test servers), nothing else private.
    """
    inner = embedded_ipv4(address)
    if inner is not None:
        problem = address_problem(inner, allow_loopback)
        return f"{problem} (inside {address})" if problem else None
    if address in METADATA:
        return "a cloud metadata address"
    if any(address in network for network in LOOPBACK):
        return None if allow_loopback else "a loopback address"
    checks = (
        (address.is_unspecified, "an unspecified address"),
        (address.is_link_local, "a link-local address"),
        (address.is_multicast, "a multicast address"),
        (address.is_reserved, "a reserved address"),
        (address.is_private, "a private address"),
        (not address.is_global, "a non-public address"),
    )
    return next((reason for failed, reason in checks if failed), None)


def check_address(url: str, address: IPAddress, allow_loopback: bool = False) -> None:
    """FetchRefused naming the URL and the address when the address is not public."""
    problem = address_problem(address, allow_loopback)
    if problem:
        raise FetchRefused(f"{url}: refused, {address} is {problem}")
