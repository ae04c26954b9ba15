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


def copy_comment_trees(comments, *, copies: int, object_pk=None) -> None:
    """Copy whole comment trees (threaded comments are three tables: django-contrib-
    comments', django-comments-xtd's and ours) ``copies`` times, in the database.
    ``comments`` must be whole trees with consecutive ids; each copy shifts every id
    (and the tree ids ``thread_id``, ``parent_id``) past the current largest, so copies
    keep their shape and their order. ``object_pk`` moves the copies to another target."""
    from django.core.management.color import no_style
    from django_comments.models import Comment as BaseComment
    from django_comments_xtd.models import XtdComment

    from discussions.models import Comment

    seed = sorted(comment.pk for comment in comments)
    low, high = seed[0], seed[-1]
    if high - low + 1 != len(seed):
        raise ValueError("copy_comment_trees needs consecutive ids")
    quote = connection.ops.quote_name
    shifted = {"thread_id", "parent_id"}

    def statement(model, *, ptr: str) -> str:
        columns, values = [], []
        for field in model._meta.local_concrete_fields:
            columns.append(quote(field.column))
            if field.primary_key or field.column in shifted:
                values.append(f"{quote(field.column)} + %(shift)s")
            elif field.column == "object_pk" and object_pk is not None:
                values.append("%(object_pk)s")
            else:
                values.append(quote(field.column))
        table = quote(model._meta.db_table)
        return (f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(values)} "  # noqa: S608
                f"FROM {table} WHERE {quote(ptr)} BETWEEN %(low)s AND %(high)s")

    statements = [statement(BaseComment, ptr="id"),
                  statement(XtdComment, ptr="comment_ptr_id"),
                  statement(Comment, ptr="xtdcomment_ptr_id")]
    with connection.cursor() as cursor:
        for _copy in range(copies):
            cursor.execute(f"SELECT MAX(id) FROM {quote(BaseComment._meta.db_table)}")  # noqa: S608
            shift = cursor.fetchone()[0] + 1 - low
            params = {"shift": shift, "low": low, "high": high,
                      "object_pk": str(object_pk) if object_pk is not None else None}
            for sql in statements:
                cursor.execute(sql, params)
        for sql in connection.ops.sequence_reset_sql(no_style(), [BaseComment]):
            cursor.execute(sql)
