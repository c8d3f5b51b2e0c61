"""JSON-LD for credentials, offline: the bundled contexts, a strict expansion, RDFC-1.0.

Only the two contexts an Open Badges 3.0 credential names are known (see
`contexts/README.md`); any other URL is refused by the document loader, so nothing here
ever opens a socket. pyld has no "safe mode" and the published contexts carry no
`@vocab`, so an undefined term would be dropped silently and left unsigned:
`expand_strict` refuses a document in which expansion drops any key (pyld's
`on_property_dropped` hook) or leaves any `@id`/`@type` as a relative IRI (which the RDF
conversion would drop too).
"""

from __future__ import annotations

import functools
import hashlib
import json
from importlib import resources
from typing import Any

from pyld import jsonld

VC_V2 = "https://www.w3.org/ns/credentials/v2"
OB_V3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
CREDENTIAL_CONTEXT = (VC_V2, OB_V3)

# url -> (bundled file, sha256 of its bytes)
BUNDLED: dict[str, tuple[str, str]] = {
    VC_V2: (
        "credentials-v2.jsonld",
        "59955ced6697d61e03f2b2556febe5308ab16842846f5b586d7f1f7adec92734",
    ),
    OB_V3: (
        "ob-context-3.0.3.json",
        "ef2fa9c7846dce233cc166b43639027278be4ee44f00bb1d45c75de2dd0cd761",
    ),
}


class UnknownContextError(ValueError):
    """A document names a JSON-LD context that is not bundled (never fetched)."""


class UndefinedTermError(ValueError):
    """A document uses a term or IRI its contexts do not define (it would go unsigned)."""


@functools.cache
def context_bytes(url: str) -> bytes:
    """The bundled bytes of a known context, checked against the recorded sha256.

    Raises:
        UnknownContextError: The URL is not bundled.
        RuntimeError: The bundled file was changed.
    """
    if url not in BUNDLED:
        raise UnknownContextError(f"JSON-LD context {url!r} is not bundled; it is never fetched")
    name, digest = BUNDLED[url]
    raw = resources.files("mmapp.credentials").joinpath("contexts", name).read_bytes()
    if hashlib.sha256(raw).hexdigest() != digest:
        raise RuntimeError(f"bundled context {name} does not match its recorded sha256")
    return raw


def document_loader(url: str, options: object = None) -> dict[str, Any]:
    """A pyld document loader serving only the bundled contexts.

    The result is tagged `static` so pyld keeps the parsed context in its shared cache
    (the bytes never change within a process).

    Raises:
        UnknownContextError: For every URL that is not bundled.
    """
    return {
        "contentType": "application/ld+json",
        "contextUrl": None,
        "documentUrl": url,
        "document": json.loads(context_bytes(url)),
        "tag": "static",
    }


def _is_absolute(iri: str) -> bool:
    return iri.startswith("_:") or (":" in iri and not iri.startswith(":"))


def _check_iris(node: object, path: str) -> None:
    if isinstance(node, list):
        for i, item in enumerate(node):
            _check_iris(item, f"{path}[{i}]")
        return
    if not isinstance(node, dict):
        return
    if "@value" in node:  # a literal: only its datatype is an IRI
        kind = node.get("@type")
        if isinstance(kind, str) and kind != "@json" and not _is_absolute(kind):
            raise UndefinedTermError(f"undefined datatype {kind!r} at {path}")
        return
    ident = node.get("@id")
    if isinstance(ident, str) and not _is_absolute(ident):
        raise UndefinedTermError(f"relative or undefined IRI {ident!r} at {path}")
    types = node.get("@type", [])
    for kind in types if isinstance(types, list) else [types]:
        if isinstance(kind, str) and not _is_absolute(kind):
            raise UndefinedTermError(f"undefined type {kind!r} at {path}")
    for key, value in node.items():
        if key not in ("@id", "@type"):
            _check_iris(value, f"{path}/{key}")


def expand_strict(document: dict[str, Any]) -> list[Any]:
    """Expand a document with the bundled contexts, refusing anything left undefined.

    Args:
        document: A compacted JSON-LD document.

    Returns:
        The expanded form.

    Raises:
        UnknownContextError: It names a context that is not bundled.
        UndefinedTermError: A key would be dropped, or an `@id`/`@type` stays relative.
    """
    dropped: list[str] = []

    def on_dropped(term: str | None) -> None:
        dropped.append(term or "?")

    processor = jsonld.JsonLdProcessor(on_property_dropped=on_dropped)
    try:
        # `base: None` keeps relative IRIs relative (pyld would resolve them against
        # http://example.org/base/), so the check below can refuse them.
        options = {"documentLoader": document_loader, "base": None}
        expanded: list[Any] = processor.expand(document, options)
    except jsonld.JsonLdError as exc:
        cause = _cause(exc)
        if isinstance(cause, UnknownContextError):
            raise cause from exc
        raise UndefinedTermError(f"not valid JSON-LD: {exc}") from exc
    if dropped:
        raise UndefinedTermError(f"undefined term {dropped[0]!r} (its contexts do not define it)")
    _check_iris(expanded, "")
    return expanded


def _cause(exc: BaseException) -> BaseException | None:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, UnknownContextError):
            return seen
        details = getattr(seen, "details", None)
        inner = details.get("cause") if isinstance(details, dict) else None
        seen = inner if isinstance(inner, BaseException) else seen.__cause__
    return None


def canonize(document: dict[str, Any]) -> str:
    """RDFC-1.0 (URDNA2015) canonical N-Quads of a document, strictly expanded first.

    Raises:
        UnknownContextError: It names a context that is not bundled.
        UndefinedTermError: It uses a term its contexts do not define.
    """
    expanded = expand_strict(document)
    nquads: str = jsonld.normalize(
        expanded, {"algorithm": "URDNA2015", "format": "application/n-quads"}
    )
    return nquads
