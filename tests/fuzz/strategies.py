"""Hypothesis strategies for API requests: the OpenAPI schemas, real values, hostile ones.

Every value is drawn one of three ways (first the most, so failures shrink towards
real requests): a real value from the seeded database for fields the fuzzer knows
by name (`Values.real`), a schema-valid value (hypothesis-jsonschema), or a hostile
one (boundaries, huge and negative numbers, NaN, lone surrogates, NUL, over-long
text, odd timestamps). Within one request a name drawn twice tends to get the same
value, so a path's slug matches the body's and an event's payload fits its nugget.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any
from urllib.parse import quote

from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from tests.fuzz.real_values import MISSING, Values
from tests.fuzz.world import World

BIG = [2**31 - 1, 2**31, 2**53, 2**53 + 1, 2**63 - 1, 2**63, -(2**63) - 1, 10**40, -(10**40)]
HOSTILE_SCALARS: list[Any] = [
    None, True, False, 0, -1, 1, *BIG, 0.5, -0.0, 1e308, -1e308,
    float("nan"), float("inf"), float("-inf"),
]  # fmt: skip
HOSTILE_STRINGS = [
    "", " ", "\t\n", "\x00", "a\x00b", "\ud800", "x\udfffy", "\ufffe", "\u202eevil", "🙂" * 40,
    "null", "true", "-1", "0", "1e9999", "NaN", "9" * 400, "x" * 401, "y" * 20001,
    "../../etc/passwd", "%2e%2e%2f", "' OR 1=1 --", "<script>alert(1)</script>", "Ω≈ç√∫",
    "2026-11-21T09:00:00", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00",
    "2026-02-30T00:00:00Z", "1969-12-31T23:59:59Z", "2200-01-01T00:00:00Z",
    "2199-12-31T23:59:59-00:01", "1970-01-01T00:00:00+23:59", "2026-11-21", "24:00", "23:60",
    "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff",
]  # fmt: skip
NOT_JSON = [
    b"", b"{", b"\xff\xfe\x00", b"[]", b"null", b"1", b'{"a":' * 5000, b"[" * 9000 + b"]" * 9000,
    b'{"device_id": 9' + b"9" * 5000 + b"}", b'{"events": [], "events": {}}', b"\xef\xbb\xbf{}",
]  # fmt: skip
ODD_CONTENT_TYPES = [
    "text/plain", "application/x-www-form-urlencoded", "multipart/form-data",
    "application/json; charset=latin-1", "application/zip", "",
]  # fmt: skip
CONTROLS = {c: "?" for c in [*range(32), 127]}
FORMATS = {"uuid": st.uuids().map(str)}
JSON_LEAVES = st.none() | st.booleans() | st.integers() | st.text(max_size=20)
FREE_OBJECTS = st.dictionaries(st.text(max_size=8), JSON_LEAVES, max_size=3)


def nested(depth: int) -> Any:
    """A list nested `depth` levels deep."""
    value: Any = []
    for _ in range(depth):
        value = [value]
    return value


HOSTILE_CONTAINERS: list[Any] = [[], {}, [None], {"": None}, {"\ud800": 1}, nested(40), [1] * 300]


def hostile() -> st.SearchStrategy[Any]:
    """Values that break a field's rules, or nearly do."""
    return st.one_of(
        st.sampled_from(HOSTILE_SCALARS),
        st.sampled_from(HOSTILE_STRINGS),
        st.sampled_from(HOSTILE_CONTAINERS),
        st.integers(),
        st.floats(),
        st.text(max_size=20),
    )


@dataclasses.dataclass(repr=False)
class Request:
    """One drawn request, as it is sent and as a failure prints it."""

    operation: str
    method: str
    url: str
    caller: str
    headers: dict[str, str]
    content: bytes | None
    body: Any = None

    def describe(self) -> str:
        """The request in a few readable lines."""
        shown = repr(self.body if self.body is not None else self.content)
        shown = shown if len(shown) <= 3000 else shown[:3000] + "...(cut)"
        return f"{self.method} {self.url}\ncaller: {self.caller}\nheaders: {self.headers}\n{shown}"

    __repr__ = describe


class Schemas:
    """Draws values for a JSON schema from the OpenAPI document's components."""

    def __init__(self, components: dict[str, Any], values: Values) -> None:
        self.components, self.values = components, values
        self._valid: dict[str, st.SearchStrategy[Any]] = {}

    def resolve(self, schema: dict[str, Any]) -> dict[str, Any]:
        """The schema with its `$ref`s inlined (the app's schemas are not recursive)."""
        if "$ref" in schema:
            return self.resolve(self.components[schema["$ref"].rsplit("/", 1)[1]])
        out = {}
        for key, sub in schema.items():
            if isinstance(sub, dict) and key != "properties":
                out[key] = self.resolve(sub)
            elif key == "properties":
                out[key] = {name: self.resolve(s) for name, s in sub.items()}
            elif isinstance(sub, list) and key in ("anyOf", "oneOf", "allOf"):
                out[key] = [self.resolve(s) for s in sub]
            else:
                out[key] = sub
        return out

    def valid(self, schema: dict[str, Any]) -> st.SearchStrategy[Any]:
        """A (cached) hypothesis-jsonschema strategy for values the schema allows."""
        key = json.dumps(schema, sort_keys=True)
        if key not in self._valid:
            self._valid[key] = from_schema(schema, custom_formats=FORMATS, allow_x00=False)
        return self._valid[key]

    def value(self, draw: Any, schema: dict[str, Any], name: str | None, ctx: dict) -> Any:
        """A value for a field `name` of this (resolved) schema: real, valid or hostile."""
        real = self.values.real(draw, name, schema, ctx) if name else MISSING
        way = draw(st.integers(0, 5 if ctx["clean"] else 9))
        if real is not MISSING and way < 6:
            return real
        if way < 8:
            return self.allowed(draw, schema, name, ctx)
        return draw(hostile())

    def allowed(self, draw: Any, schema: dict[str, Any], name: str | None, ctx: dict) -> Any:
        """A value the schema allows; objects and arrays are built here, field by field.

        hypothesis-jsonschema only ever gets leaf schemas: its own object strategy
        uses Hypothesis internals that newer Hypothesis releases no longer have.
        """
        for key in ("anyOf", "oneOf"):
            if key in schema:
                return self.allowed(draw, draw(st.sampled_from(schema[key])), name, ctx)
        if schema.get("type") == "object":
            if "properties" in schema:
                return self.object(draw, schema, ctx)
            return draw(FREE_OBJECTS)
        if schema.get("type") == "array" and "items" in schema:
            return self.array(draw, schema, name, ctx)
        return draw(self.valid(schema))

    def object(self, draw: Any, schema: dict[str, Any], ctx: dict) -> dict[str, Any]:
        """An object field by field, so that real values reach nested fields too."""
        required = set(schema.get("required", ()))
        out: dict[str, Any] = {}
        for name, sub in schema["properties"].items():
            if name in required:  # now and then left out, when not clean
                keep = ctx["clean"] or draw(st.integers(0, 19)) > 0
            else:
                keep = draw(st.booleans())
            if keep:
                out[name] = self.value(draw, sub, name, ctx)
        if not ctx["clean"] and draw(st.integers(0, 19)) == 0:
            out[draw(st.sampled_from(["extra", "", "__proto__", "\ud800"]))] = 1
        return out

    def array(self, draw: Any, schema: dict[str, Any], name: str | None, ctx: dict) -> list[Any]:
        """A list of items; now and then exactly at, or just past, its bounds."""
        low, high = schema.get("minItems", 0), schema.get("maxItems", 8)
        edge = 9 if ctx["clean"] else draw(st.integers(0, 9))
        if edge == 0 and high <= 300:
            size = draw(st.sampled_from([high, high + 1]))
        elif edge == 1:
            size = max(low - 1, 0)
        else:
            size = draw(st.integers(low, max(low, min(high, 4))))
        item_name = name[:-1] if name and name.endswith("s") else name
        return [self.value(draw, schema["items"], item_name, ctx) for _ in range(size)]


def to_url_part(value: Any) -> str:
    """A value as it goes into a path or query: percent-encoded UTF-8 (lone surrogates too)."""
    text = value if isinstance(value, str) else json.dumps(value)
    return quote(text.encode("utf-8", "surrogatepass"), safe="")


def encode_json(draw: Any, body: Any, clean: bool) -> bytes:
    """JSON text of `body` (NaN allowed), or now and then something that is not JSON."""
    way = draw(st.integers(2, 3) if clean else st.integers(0, 19))
    if way == 0:
        return draw(st.sampled_from(NOT_JSON))
    if way == 1:
        return draw(st.binary(max_size=64))
    text = json.dumps(body, ensure_ascii=way % 2 == 0)
    return text.encode("utf-8", "surrogatepass")


@st.composite
def requests(draw: Any, operation: Any, schemas: Schemas, world: World) -> Request:
    """One request for `operation` (an `Operation` of the OpenAPI document)."""
    values = schemas.values
    caller, headers = values.caller(draw)
    # Half the requests are clean: real values, or valid ones where none is known.
    ctx: dict[str, Any] = {"caller": caller, "clean": draw(st.booleans())}
    path, query = operation.path, []
    for param in operation.parameters:
        if param["in"] == "cookie" or param["name"].lower() == "authorization":
            continue  # the caller's Authorization header is drawn above
        schema = schemas.resolve(param.get("schema", {}))
        if param["in"] == "query" and not param.get("required") and draw(st.booleans()):
            continue
        ctx["in"] = param["in"]
        value = schemas.value(draw, schema, param["name"], ctx)
        if param["in"] == "path":
            path = path.replace("{" + param["name"] + "}", to_url_part(value))
        elif param["in"] == "header":  # printable ASCII only, or the client refuses it
            text = value if isinstance(value, str) else json.dumps(value)
            text = text.encode("ascii", "backslashreplace").decode().translate(CONTROLS)
            headers[param["name"]] = text.strip()
        else:
            query.append(f"{quote(param['name'])}={to_url_part(value)}")
    url = path + ("?" + "&".join(query) if query else "")
    ctx["in"] = "body"
    content, body = None, None
    if operation.body_type == "application/json":
        body = schemas.value(draw, schemas.resolve(operation.body_schema), "$body", ctx)
        content = encode_json(draw, body, ctx["clean"])
    elif operation.body_type is not None:
        body = values.raw_body(draw, operation.body_type, ctx["clean"])
        content = body if isinstance(body, bytes) else body.encode("utf-8", "surrogatepass")
    if operation.body_type and ctx["clean"]:
        headers["Content-Type"] = operation.body_type
    elif operation.body_type:
        headers["Content-Type"] = draw(
            st.sampled_from([operation.body_type] * 8 + ODD_CONTENT_TYPES)
        )
    return Request(operation.key, operation.method, url, caller, headers, content, body)
