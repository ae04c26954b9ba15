"""Large tables for the tests that need them, built in the database rather than in Python.

Building 100,000 model instances and their INSERT statements in Python took most of a
bounded-memory export test; copying rows inside the database takes a fraction of a second
on SQLite and PostgreSQL alike."""

from django.db import connection


def multiply_rows(queryset, *, total: int) -> None:
    """Copy the rows of ``queryset`` (every column but the primary key) until it holds
    ``total`` rows: one ``INSERT … SELECT`` per copy of the seed rows, the last one cut to
    size. The queryset's filter must hold for the copies (they keep every column)."""
    model = queryset.model
    table = connection.ops.quote_name(model._meta.db_table)
    pk = connection.ops.quote_name(model._meta.pk.column)
    columns = ", ".join(
        connection.ops.quote_name(field.column)
        for field in model._meta.concrete_fields if not field.primary_key
    )
    seed = list(queryset.order_by("pk").values_list("pk", flat=True))
    if not seed:
        raise ValueError("multiply_rows needs at least one seed row")
    low, high = seed[0], seed[-1]
    missing = total - len(seed)
    with connection.cursor() as cursor:
        while missing > 0:
            batch = min(missing, len(seed))
            cursor.execute(
                f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {table} "  # noqa: S608
                f"WHERE {pk} BETWEEN %s AND %s ORDER BY {pk} LIMIT %s",
                [low, high, batch],
            )
            missing -= batch
