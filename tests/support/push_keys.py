"""Subscription keys for tests: real P-256 points, and 65-byte lookalikes off the curve."""

from __future__ import annotations

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec


def real_point() -> bytes:
    """A fresh P-256 public key as an uncompressed point (65 bytes, 0x04 first)."""
    return (
        ec.generate_private_key(ec.SECP256R1())
        .public_key()
        .public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    )


def off_curve_point() -> bytes:
    """65 bytes starting 0x04 whose (x, y) is not on P-256: a real point's y, one bit flipped."""
    point = bytearray(real_point())
    point[-1] ^= 1
    return bytes(point)
