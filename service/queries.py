"""Query shapes several listings share, so each filter-and-page rule is written once."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, inspect, select

T = TypeVar("T")


def equals_if_given(column: Any, value: object | None) -> ColumnElement[bool] | None:
    """``column == value``, or no condition at all when the caller did not filter on it (``None``)."""
    return None if value is None else column == value


def newest_first(
    model: type[T], *conditions: ColumnElement[bool] | None, limit: int, offset: int = 0
) -> Select[T]:
    """Rows of ``model`` matching every given condition (``None`` ones are skipped), newest (highest id) first,
    one page of ``limit`` from ``offset``."""
    (key,) = inspect(model).primary_key
    stmt = select(model).where(*(c for c in conditions if c is not None))
    return stmt.order_by(key.desc()).limit(limit).offset(offset)
