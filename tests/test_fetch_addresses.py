"""The address check as pure function calls: no traffic is sent anywhere."""

from __future__ import annotations

import ipaddress

import pytest

from undeleted.errors import FetchRefused
from undeleted.ingest.addresses import address_problem, check_address, parse_target


@pytest.mark.parametrize(
    "text, reason",
    [
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("192.168.1.1", "private"),
        ("fd12:3456::1", "private"),
        ("fc00::1", "private"),
        ("169.254.1.1", "link-local"),
        ("fe80::1", "link-local"),
        ("169.254.169.254", "cloud metadata"),
        ("fd00:ec2::254", "cloud metadata"),
        ("100.100.100.200", "cloud metadata"),
        ("100.64.0.1", "non-public"),
        ("0.0.0.0", "unspecified"),
        ("::", "unspecified"),
        ("224.0.0.1", "multicast"),
        ("ff02::1", "multicast"),
        ("240.0.0.1", "reserved"),
        ("255.255.255.255", "reserved"),
        ("192.0.2.10", "private"),
        ("127.0.0.1", "loopback"),
        ("127.8.9.10", "loopback"),
        ("::1", "loopback"),
        ("::ffff:10.0.0.1", "private"),
        ("::ffff:169.254.169.254", "cloud metadata"),
        ("::ffff:127.0.0.1", "loopback"),
        ("2002:a00:1::1", "private"),
        ("64:ff9b::a9fe:a9fe", "cloud metadata"),
    ],
)
def test_fetch_address_refused(text, reason):
    assert reason in (address_problem(ipaddress.ip_address(text)) or "")


@pytest.mark.parametrize("text", ["93.184.215.14", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8"])
def test_fetch_address_public_allowed(text):
    assert address_problem(ipaddress.ip_address(text)) is None


@pytest.mark.parametrize(
    "text, allowed",
    [
        ("127.0.0.1", True),
        ("127.255.0.9", True),
        ("::1", True),
        ("::ffff:127.0.0.1", True),
        ("10.0.0.1", False),
        ("192.168.0.10", False),
        ("169.254.169.254", False),
        ("0.0.0.0", False),
        ("fe80::1", False),
    ],
)
def test_fetch_allow_loopback_admits_loopback_only(text, allowed):
    assert (address_problem(ipaddress.ip_address(text), allow_loopback=True) is None) is allowed


@pytest.mark.parametrize(
    "url, message",
    [
        ("ftp://example.com/x", "only http and https"),
        ("file:///etc/passwd", "only http and https"),
        ("javascript:alert(1)", "only http and https"),
        ("/relative/path", "not a relative URL"),
        ("http://user:secret@example.com/", "user name or password"),
        ("http://metadata.google.internal/computeMetadata/v1/", "cloud metadata"),
        ("http://example.com:99999/", "not a valid URL"),
    ],
)
def test_fetch_url_shape_refused(url, message):
    with pytest.raises(FetchRefused, match=message):
        parse_target(url)


@pytest.mark.parametrize("url, port", [("https://example.com/a", 443), ("http://[2001:db8::1]:8080/", 8080)])
def test_fetch_url_target_parts(url, port):
    assert parse_target(url).port == port


def test_fetch_refusal_names_url_and_address():
    with pytest.raises(FetchRefused, match=r"http://x\.test/: refused, 10\.0\.0\.8 is a private address"):
        check_address("http://x.test/", ipaddress.ip_address("10.0.0.8"))
