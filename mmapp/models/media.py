"""The media table: pictures uploaded for nuggets, stored once by content hash."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from mmapp.models.core import _ts, utcnow


class MediaBlob(SQLModel, table=True):
    """An uploaded picture, prepared for phones; named by its content hash."""

    name: str = Field(primary_key=True, max_length=40)
    content_type: str = Field(max_length=40)
    data: bytes = Field(sa_type=sa.LargeBinary)
    created_at: dt.datetime = _ts(default_factory=utcnow)


__all__ = ["MediaBlob"]
