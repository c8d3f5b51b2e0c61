"""OpenAPI for routes that read their JSON body themselves (after authenticating)."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from pydantic import BaseModel

_REF = "#/components/schemas/{model}"


def json_body(model: type[BaseModel]) -> dict[str, Any]:
    """The `requestBody` to declare (in `openapi_extra`) for a body of `model`."""
    return {
        "required": True,
        "content": {"application/json": {"schema": {"$ref": _REF.format(model=model.__name__)}}},
    }


def document_bodies(api: FastAPI, models: list[type[BaseModel]]) -> None:
    """Add `models` (and the models they hold) to the API's OpenAPI components."""
    build = api.openapi

    def openapi() -> dict[str, Any]:
        if api.openapi_schema is None:
            doc = build()
            schemas = doc.setdefault("components", {}).setdefault("schemas", {})
            for model in models:
                schema = model.model_json_schema(ref_template=_REF)
                schemas.update(schema.pop("$defs", {}))
                schemas[model.__name__] = schema
        return api.openapi_schema or build()

    api.openapi = openapi  # type: ignore[method-assign]
