"""OpenAPI for what FastAPI cannot infer: bodies routes read themselves, file downloads."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Response
from pydantic import BaseModel

_REF = "#/components/schemas/{model}"


def json_body(model: type[BaseModel]) -> dict[str, Any]:
    """The `requestBody` to declare (in `openapi_extra`) for a body of `model`."""
    return {
        "required": True,
        "content": {"application/json": {"schema": {"$ref": _REF.format(model=model.__name__)}}},
    }


def download(media_type: str, *, binary: bool = False) -> dict[int | str, dict[str, Any]]:
    """The `responses` to declare for a file download: a 200 whose body is `media_type`."""
    schema = {"type": "string", "format": "binary"} if binary else {"type": "string"}
    return {200: {"description": "The file", "content": {media_type: {"schema": schema}}}}


def csv_file(text: str, name: str) -> Response:
    """A CSV download named `<name>.csv` (a route declares it with `download("text/csv")`)."""
    return Response(
        text,
        media_type="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
    )


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
