"""Base58btc multibase (`z…`) and Ed25519 Multikey encoding, as Data Integrity writes them.

A 20-line Bitcoin-alphabet codec instead of a dependency: it is checked against the
1EdTech test vector (public key and proof value) in the unit tests.
"""

from __future__ import annotations

ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_INDEX = {char: i for i, char in enumerate(ALPHABET)}
ED25519_PUB_HEADER = b"\xed\x01"  # multicodec ed25519-pub, as an unsigned varint


def b58encode(raw: bytes) -> str:
    """Base58 (Bitcoin alphabet) of `raw`; each leading zero byte becomes a "1"."""
    number = int.from_bytes(raw, "big")
    digits = []
    while number:
        number, rest = divmod(number, 58)
        digits.append(ALPHABET[rest])
    zeros = len(raw) - len(raw.lstrip(b"\0"))
    return "1" * zeros + "".join(reversed(digits))


def b58decode(text: str) -> bytes:
    """The bytes a base58 string encodes.

    Raises:
        ValueError: A character outside the alphabet.
    """
    number = 0
    for char in text:
        if char not in _INDEX:
            raise ValueError(f"not base58: {char!r}")
        number = number * 58 + _INDEX[char]
    zeros = len(text) - len(text.lstrip("1"))
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\0" * zeros + body


def encode_multibase(raw: bytes) -> str:
    """Multibase base58btc: "z" + base58(raw)."""
    return "z" + b58encode(raw)


def decode_multibase(text: str) -> bytes:
    """The bytes of a base58btc multibase string.

    Raises:
        ValueError: It does not start with "z" or is not base58.
    """
    if not text.startswith("z"):
        raise ValueError("only base58btc multibase ('z…') is supported")
    return b58decode(text[1:])


def public_key_multibase(raw_public_key: bytes) -> str:
    """`publicKeyMultibase` of an Ed25519 key: "z" + base58btc(0xed01 ‖ 32-byte key)."""
    if len(raw_public_key) != 32:
        raise ValueError("an Ed25519 public key has 32 bytes")
    return encode_multibase(ED25519_PUB_HEADER + raw_public_key)


def raw_public_key(multikey: str) -> bytes:
    """The 32-byte Ed25519 key inside a `publicKeyMultibase` value.

    Raises:
        ValueError: Not base58btc, not an Ed25519 Multikey, or the wrong length.
    """
    raw = decode_multibase(multikey)
    if not raw.startswith(ED25519_PUB_HEADER) or len(raw) != 34:
        raise ValueError("not an Ed25519 Multikey")
    return raw[2:]
