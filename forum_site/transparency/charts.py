"""Server-rendered SVG charts: geometry computed here, markup in templates
(`transparency/includes/bar_chart.html`, `column_chart.html`).

No inline style (the CSP forbids style=""): shapes carry SVG presentation attributes
(x, y, width, height) and classes that the static stylesheet colours. Coordinates are
formatted here as plain strings with a "." decimal point, so the Indonesian locale never
turns them into "12,5". Every chart has a title and a description for screen readers;
the page shows the same numbers in a table beside it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

# A viewBox about a phone's width: the text stays legible when the SVG scales down.
WIDTH = 400
LABEL_HEIGHT = 18
BAR_HEIGHT = 14
BAR_GAP = 3
ROW_GAP = 12
VALUE_SPACE = 120  # room after the longest bar for its value text


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


@dataclass
class Series:
    name: str
    css: str  # modifier: chart__bar--<css>


@dataclass
class Bar:
    x: str
    y: str
    width: str
    height: str
    css: str
    text: str
    text_x: str
    text_y: str
    empty: bool = False
    label: str = ""  # column charts: the label under the column
    label_x: str = ""


@dataclass
class Row:
    label: str
    label_y: str
    bars: list[Bar] = field(default_factory=list)


@dataclass
class Chart:
    id: str
    title: str
    description: str
    width: int
    height: int
    series: list[Series]
    rows: list[Row]
    columns: list[Bar] = field(default_factory=list)  # column charts
    axis_y: str = ""


def bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    series: Sequence[Series],
    rows: Sequence[tuple[str, Sequence[float | None]]],
    fmt: Callable[[float], str],
    empty_text: str,
) -> Chart:
    """Horizontal bars, one row per label, one bar per series in each row. A None value
    draws no bar and writes `empty_text` (e.g. "not enough data") instead."""
    values = [v for _label, row in rows for v in row if v is not None]
    top = max(values, default=0) or 1
    scale = (WIDTH - VALUE_SPACE) / top
    y = 0.0
    out_rows = []
    for label, row_values in rows:
        out = Row(label=label, label_y=_n(y + 13))
        y += LABEL_HEIGHT
        for index, value in enumerate(row_values):
            css = series[index].css
            if value is None:
                out.bars.append(Bar("0", _n(y), "0", _n(BAR_HEIGHT), css, empty_text,
                                    "0", _n(y + BAR_HEIGHT - 3), empty=True))
            else:
                width = max(value * scale, 1 if value else 0)
                out.bars.append(Bar("0", _n(y), _n(width), _n(BAR_HEIGHT), css, fmt(value),
                                    _n(width + 4), _n(y + BAR_HEIGHT - 3)))
            y += BAR_HEIGHT + BAR_GAP
        y += ROW_GAP
        out_rows.append(out)
    return Chart(id=chart_id, title=title, description=description, width=WIDTH,
                 height=max(int(y), 20), series=list(series), rows=out_rows)


def column_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    columns: Sequence[tuple[str, float]],
    fmt: Callable[[float], str],
    css: str = "primary",
) -> Chart:
    """Vertical columns (e.g. one per month) with the label under each and the value
    above it."""
    height, label_space, value_space = 180, 18, 16
    plot = height - label_space - value_space
    top = max((value for _label, value in columns), default=0) or 1
    slot = WIDTH / max(len(columns), 1)
    width = slot * 0.7
    bars = []
    for index, (label, value) in enumerate(columns):
        bar_height = value / top * plot
        x = index * slot + (slot - width) / 2
        y = value_space + plot - bar_height
        bars.append(Bar(
            x=_n(x), y=_n(y), width=_n(width), height=_n(bar_height), css=css,
            text=fmt(value), text_x=_n(x + width / 2), text_y=_n(y - 4),
            label=label, label_x=_n(x + width / 2),
        ))
    return Chart(id=chart_id, title=title, description=description, width=WIDTH,
                 height=height, series=[], rows=[], columns=bars,
                 axis_y=_n(height - label_space + 13))
