"""One diacritic-insensitive search, used wherever users type to find something.

The folding is done in the database so that filtering, ordering and paging
stay in SQL: on PostgreSQL with translate(), on SQLite with a registered
Python function that is the same `fold` the rest of the code uses.
"""

from __future__ import annotations

from typing import Any

from django.db.backends.signals import connection_created
from django.db.models import Func, Model, Q, QuerySet, TextField, Value
from django.db.models.functions import Lower

from doithoai.lib.text import FOLD_FROM, FOLD_TO, fold


class Fold(Func):
    """fold(expr) as SQL: lowercase, without Vietnamese diacritics."""

    output_field = TextField()

    def __init__(self, expression: Any, **extra: Any) -> None:
        super().__init__(expression, **extra)

    def as_sql(self, compiler: Any, connection: Any, *args: Any, **extra_context: Any) -> Any:
        expression = Lower(
            Func(self.source_expressions[0], Value(FOLD_FROM), Value(FOLD_TO), function="translate"),
            output_field=TextField(),
        )
        return compiler.compile(expression)

    def as_sqlite(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        return super().as_sql(compiler, connection, function="doithoai_fold", **extra_context)


def install_sqlite_function() -> None:
    def register(sender: Any, connection: Any, **kwargs: Any) -> None:
        if connection.vendor == "sqlite":
            connection.connection.create_function("doithoai_fold", 1, fold, deterministic=True)

    connection_created.connect(register, dispatch_uid="doithoai_fold_sqlite")


def search[M: Model](queryset: QuerySet[M], query: str, fields: list[str]) -> QuerySet[M]:
    """Rows whose fields contain every word of `query`, ignoring case and diacritics.

    "diem he" finds "Xã Điềm He"; "duong" finds "đường". Words may match
    different fields ("na pan van quan").
    """
    words = fold(query).split()
    if not words:
        return queryset
    annotations = {f"_fold_{i}": Fold(field) for i, field in enumerate(fields)}
    queryset = queryset.annotate(**annotations)
    condition = Q()
    for word in words:
        any_field = Q()
        for name in annotations:
            any_field |= Q(**{f"{name}__contains": word})
        condition &= any_field
    return queryset.filter(condition)


__all__ = ["Fold", "fold", "search"]
