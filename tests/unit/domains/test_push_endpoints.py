"""Push endpoints parsed as browsers parse them, matched on host and port; keys on P-256."""

from __future__ import annotations

import base64
import os

import pytest

from mmapp.errors import ValidationError
from mmapp.push.endpoints import check_endpoint, check_keys, host_allowed
from mmapp.settings import DEFAULT_PUSH_HOSTS
from tests.support.push_keys import off_curve_point, real_point


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


# Real endpoints of each default push service are accepted as they are.
@pytest.mark.parametrize(
    ("endpoint", "host"),
    [
        ("https://fcm.googleapis.com/fcm/send/dT1:APA91bH", "fcm.googleapis.com"),
        (
            "https://updates.push.services.mozilla.com/wpush/v2/gAAAAABk",
            "updates.push.services.mozilla.com",
        ),
        ("https://web.push.apple.com/QGuQyavXutnMQ0bDf", "web.push.apple.com"),
        (
            "https://wns2-par02p.notify.windows.com/w/?token=BQYAAAD%2bK%3d",
            "wns2-par02p.notify.windows.com",
        ),
    ],
)
def test_real_push_service_endpoints_are_accepted(endpoint, host):
    checked = check_endpoint(endpoint, DEFAULT_PUSH_HOSTS)
    assert (checked.href, checked.host, checked.port) == (endpoint, host, 443)


# Each: endpoint, error code, and a word the reason must contain.
REFUSED = [
    # Backslashes are slashes to a browser: the host is the part before them.
    ("https://fcm.googleapis.com\\@evil.example/", "endpoint_invalid", "browsers write"),
    ("https://evil.example\\.fcm.googleapis.com/", "endpoint_not_allowed", "evil.example"),
    ("https:\\\\fcm.googleapis.com/x", "endpoint_invalid", "browsers write"),
    ("https://fcm.googleapis.com./x", "endpoint_invalid", "dot"),
    ("https://fcm.googleapis.com%2e/x", "endpoint_invalid", "dot"),
    ("https://%66cm.googleapis.com/x", "endpoint_invalid", "browsers write"),
    ("https://FCM.googleapis.com/x", "endpoint_invalid", "browsers write"),
    ("https://user:pw@fcm.googleapis.com/x", "endpoint_invalid", "password"),
    ("https://user@fcm.googleapis.com/x", "endpoint_invalid", "user name"),
    ("https://fcm.googleapis.com:443/x", "endpoint_invalid", "browsers write"),
    ("https://fcm.googleapis.com:0443/x", "endpoint_invalid", "browsers write"),
    ("https://fcm.googleapis.com:/x", "endpoint_invalid", "browsers write"),
    # Unicode hosts: IDNA maps a full-width dot to ".", a Cyrillic es (U+0441) stays foreign.
    ("https://fcm\u3002googleapis.com/x", "endpoint_invalid", "browsers write"),
    ("https://f\u0441m.googleapis.com/x", "endpoint_not_allowed", "xn--"),
    ("https://fcm.googleapis.com:0/x", "endpoint_not_allowed", "port 0"),
    ("https://fcm.googleapis.com:8443/x", "endpoint_not_allowed", "port 8443"),
    ("https://fcm.googleapis.com:65536/x", "endpoint_invalid", "port"),
    ("https://fcm.googleapis.com:99999/x", "endpoint_invalid", "port"),
    ("https://fcm.googleapis.com:abc/x", "endpoint_invalid", "port"),
    ("https://fcm.googleapis.com:-1/x", "endpoint_invalid", "port"),
    ("https://[::1]/x", "endpoint_not_allowed", "[::1]"),
    ("https://[::ffff:7f00:1]:443/x", "endpoint_not_allowed", "[::ffff:7f00:1]"),
    ("https://127.0.0.1/x", "endpoint_not_allowed", "127.0.0.1"),
    ("https://0x7f.1/x", "endpoint_not_allowed", "127.0.0.1"),
    ("http://fcm.googleapis.com/x", "endpoint_not_https", "https"),
    ("wss://fcm.googleapis.com/x", "endpoint_not_https", "https"),
    ("//fcm.googleapis.com/x", "endpoint_invalid", "valid URL"),
    ("fcm.googleapis.com/x", "endpoint_invalid", "valid URL"),
    ("", "endpoint_invalid", "valid URL"),
    ("https://fcm.googleapis.com/x#frag", "endpoint_invalid", "fragment"),
    (" https://fcm.googleapis.com/x", "endpoint_invalid", "browsers write"),
    ("https://fcm.googleapis.com/x\t", "endpoint_invalid", "browsers write"),
    # Narrowed defaults: other Google APIs and bare parent domains are not push services.
    ("https://storage.googleapis.com/bucket/o", "endpoint_not_allowed", "storage"),
    ("https://googleapis.com/x", "endpoint_not_allowed", "googleapis"),
    ("https://push.apple.com/x", "endpoint_not_allowed", "push.apple.com"),
    ("https://notify.windows.com/x", "endpoint_not_allowed", "notify"),
    ("https://evilnotify.windows.com/x", "endpoint_not_allowed", "evilnotify"),
    ("https://fcm.googleapis.com.evil.example/x", "endpoint_not_allowed", "evil"),
    ("https://a..notify.windows.com/x", "endpoint_invalid", "DNS name"),
    ("https://a_b.notify.windows.com/x", "endpoint_invalid", "DNS name"),
    ("https://a*b.notify.windows.com/x", "endpoint_invalid", "DNS name"),
    ("https://-a.notify.windows.com/x", "endpoint_invalid", "DNS name"),
    ("https://" + "a" * 64 + ".notify.windows.com/x", "endpoint_invalid", "DNS name"),
    ("https://" + "a." * 130 + "notify.windows.com/x", "endpoint_invalid", "DNS name"),
]


@pytest.mark.parametrize(("endpoint", "code", "word"), REFUSED)
def test_endpoints_a_browser_would_read_otherwise_are_refused_with_a_reason(endpoint, code, word):
    with pytest.raises(ValidationError) as caught:
        check_endpoint(endpoint, DEFAULT_PUSH_HOSTS)
    assert caught.value.code == code
    assert word in caught.value.reason


@pytest.mark.parametrize(
    ("pattern", "host", "port", "is_ip", "allowed"),
    [
        ("127.0.0.1:8443", "127.0.0.1", 8443, True, True),
        ("127.0.0.1:8443", "127.0.0.1", 443, True, False),
        ("127.0.0.1:8443", "127.0.0.1", 8444, True, False),
        ("127.0.0.1", "127.0.0.1", 443, True, True),
        ("[::1]:9000", "[::1]", 9000, True, True),
        ("[::1]", "[::1]", 443, True, True),
        ("[::1]", "[::1]", 9000, True, False),
        ("*.0.0.1", "127.0.0.1", 443, True, False),  # wildcards name domains only
        ("*.push.apple.com", "api.push.apple.com", 443, False, True),
        ("*.push.apple.com", "a.b.push.apple.com", 443, False, True),
        ("*.push.apple.com", "push.apple.com", 443, False, False),
        ("*.push.apple.com", "xpush.apple.com", 443, False, False),
        ("*.push.apple.com:8443", "api.push.apple.com", 8443, False, True),
        ("*.push.apple.com:8443", "api.push.apple.com", 443, False, False),
        (" FCM.googleapis.com ", "fcm.googleapis.com", 443, False, True),
    ],
)
def test_patterns_name_a_host_and_one_port(pattern, host, port, is_ip, allowed):
    assert host_allowed(host, port, (pattern,), is_ip=is_ip) is allowed


def test_a_loopback_receiver_is_allowed_only_on_its_port():
    allowed = ("127.0.0.1:8443",)
    assert check_endpoint("https://127.0.0.1:8443/push/1", allowed).port == 8443
    for other in ("https://127.0.0.1/push/1", "https://127.0.0.1:8444/push/1"):
        with pytest.raises(ValidationError, match="not a known push service"):
            check_endpoint(other, allowed)


def test_keys_must_be_a_p256_point_and_a_16_byte_secret():
    auth = b64url(os.urandom(16))
    check_keys(b64url(real_point()), auth)
    check_keys(b64url(real_point()) + "=", auth + "==")  # padding is tolerated
    bad = {
        "off the curve": (b64url(off_curve_point()), auth, "not a point on the P-256 curve"),
        "all zero": (b64url(b"\x04" + bytes(64)), auth, "not a point on the P-256 curve"),
        "compressed": (b64url(real_point()[:33]), auth, "uncompressed"),
        "not 0x04": (b64url(b"\x05" + real_point()[1:]), auth, "uncompressed"),
        "standard base64": (b64url(real_point()).replace("-", "+") + "+/", auth, "base64url"),
        "junk": ("!!not-base64!!", auth, "base64url"),
        "bad length": (b64url(real_point())[:-2], auth, "base64url"),
        "short auth": (b64url(real_point()), b64url(os.urandom(15)), "16 bytes"),
        "long auth": (b64url(real_point()), b64url(os.urandom(17)), "16 bytes"),
    }
    for name, (p256dh, secret, reason) in bad.items():
        with pytest.raises(ValidationError) as caught:
            check_keys(p256dh, secret)
        assert caught.value.code == "invalid_key", name
        assert reason in caught.value.reason, name
