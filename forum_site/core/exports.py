"""Open-data exports: documented columns, CSV and JSON, streamed.

A dataset is a list of `Column`s (the allow-list: nothing leaves the database unless a
column names it) and an iterable of objects. Responses are streamed a few hundred rows
at a time, so an export of any size runs in bounded memory when the iterable is a
chunked queryset iterator (`queryset.iterator(chunk_size=…)`, or `.values_list(…)` of
it: named tuples cost far less than model instances at 100,000 rows).

Values are written the same way in both formats: ISO 8601 dates, plain numbers (no
thousands separators, "." as decimal point), empty for unknown. In CSV, text cells that
a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage
return) are prefixed with an apostrophe (OWASP "CSV injection"); numeric columns are
written by us and left alone, so -5 stays a number.
"""

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.http import StreamingHttpResponse
from django.utils.encoding import force_str
from django.utils.functional import Promise

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
UTF8_BOM = "\ufeff"


class ColumnType(StrEnum):
    TEXT = "text"
    INTEGER = "integer"
    DECIMAL = "decimal"
    DATE = "date"
    DATETIME = "datetime"
    URL = "url"
    BOOLEAN = "boolean"


@dataclass(frozen=True)
class Column:
    name: str
    type: ColumnType
    description: str | Promise
    get: Callable[[Any], Any] = field(repr=False)


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: str | Promise
    description: str | Promise
    columns: tuple[Column, ...]
    rows: Callable[..., Iterable[Any]] = field(repr=False)

    @property
    def column_names(self) -> list[str]:
        return [column.name for column in self.columns]


def neutralise_formula(text: str) -> str:
    """Make a text cell inert in spreadsheets: a leading apostrophe is shown by no
    spreadsheet but stops =HYPERLINK(…) and friends from running."""
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def _decimal(value: Any) -> int | float:
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


def _decimal_text(value: Any) -> str:
    value = Decimal(value)
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def _text(value: Any) -> str:
    return neutralise_formula(force_str(value))


# One converter per column type, chosen once per column rather than per cell: exports
# run to hundreds of thousands of rows.
_JSON_VALUE: dict[ColumnType, Callable[[Any], Any]] = {
    ColumnType.TEXT: force_str,
    ColumnType.URL: force_str,
    ColumnType.INTEGER: int,
    ColumnType.DECIMAL: _decimal,
    ColumnType.DATE: lambda value: value.isoformat(),
    ColumnType.DATETIME: lambda value: value.isoformat(),
    ColumnType.BOOLEAN: bool,
}
_CSV_CELL: dict[ColumnType, Callable[[Any], str]] = {
    ColumnType.TEXT: _text,
    ColumnType.URL: _text,
    ColumnType.INTEGER: lambda value: str(int(value)),
    ColumnType.DECIMAL: _decimal_text,
    ColumnType.DATE: lambda value: value.isoformat(),
    ColumnType.DATETIME: lambda value: value.isoformat(),
    ColumnType.BOOLEAN: lambda value: "true" if value else "false",
}


def plain_value(value: Any, column_type: ColumnType) -> Any:
    """A value as JSON-ready data: ISO dates, numbers as numbers, None for unknown."""
    if value is None or value == "":
        return None
    return _JSON_VALUE[column_type](value)


def csv_cell(value: Any, column_type: ColumnType) -> str:
    """A value as CSV text: ISO dates, plain numbers, "" for unknown, formulas defused."""
    if value is None or value == "":
        return ""
    return _CSV_CELL[column_type](value)


# Rows per streamed chunk: one chunk per row meant 100,000 trips through the response
# machinery (and 100,000 socket writes) for a 100,000-row export; 200 rows are ~50 KB.
ROWS_PER_CHUNK = 200


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


def iter_csv(columns: Iterable[Column], objects: Iterable[Any], *, bom: bool = False
             ) -> Iterator[str]:
    """The header, then the rows `ROWS_PER_CHUNK` at a time."""
    columns = tuple(columns)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if bom:
        buffer.write(UTF8_BOM)
    writer.writerow([column.name for column in columns])
    yield _drain(buffer)
    cells = [(column.get, _CSV_CELL[column.type]) for column in columns]
    pending = 0
    for obj in objects:
        writer.writerow([
            "" if (value := get(obj)) is None or value == "" else to_text(value)
            for get, to_text in cells
        ])
        pending += 1
        if pending == ROWS_PER_CHUNK:
            yield _drain(buffer)
            pending = 0
    if pending:
        yield _drain(buffer)


def iter_json(dataset: Dataset, objects: Iterable[Any], *, meta: dict | None = None
              ) -> Iterator[str]:
    """`{"dataset": …, "columns": […], "rows": [{…}, …]}`, `ROWS_PER_CHUNK` rows per chunk."""
    head = {
        "dataset": dataset.slug,
        **(meta or {}),
        "columns": [
            {"name": c.name, "type": str(c.type), "description": force_str(c.description)}
            for c in dataset.columns
        ],
    }
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "rows": ['
    fields = [(c.name, c.get, _JSON_VALUE[c.type]) for c in dataset.columns]
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    batch: list[str] = []
    separator = ""
    for obj in objects:
        batch.append(separator + dumps({
            name: None if (value := get(obj)) is None or value == "" else to_value(value)
            for name, get, to_value in fields
        }))
        separator = ","
        if len(batch) == ROWS_PER_CHUNK:
            yield "".join(batch)
            batch.clear()
    yield "".join(batch) + "]}\n"


def _encoded(chunks: Iterable[str]) -> Iterator[bytes]:
    for chunk in chunks:
        yield chunk.encode("utf-8")


def _attachment(response: StreamingHttpResponse, filename: str) -> StreamingHttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def csv_response(dataset: Dataset, objects: Iterable[Any], *, filename: str,
                 bom: bool = False) -> StreamingHttpResponse:
    """Stream `objects` as CSV (UTF-8; `bom=True` adds a byte-order mark for Excel)."""
    response = StreamingHttpResponse(
        _encoded(iter_csv(dataset.columns, objects, bom=bom)),
        content_type="text/csv; charset=utf-8",
    )
    return _attachment(response, filename)


def json_response(dataset: Dataset, objects: Iterable[Any], *, filename: str,
                  meta: dict | None = None) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        _encoded(iter_json(dataset, objects, meta=meta)),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
