"""Line diffs of official answers for the public edit history. Returns plain data; the
template escapes every line (the text is user input)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass


@dataclass(frozen=True)
class DiffLine:
    op: str  # "equal", "delete" or "insert"
    text: str


def line_diff(before: str, after: str, *, context: int = 2) -> list[DiffLine | None]:
    """Changed lines with `context` unchanged lines around them; None marks a gap."""
    old, new = before.splitlines(), after.splitlines()
    lines: list[DiffLine | None] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for group_index, group in enumerate(matcher.get_grouped_opcodes(context)):
        if group_index:
            lines.append(None)
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines.extend(DiffLine("equal", text) for text in old[i1:i2])
                continue
            if tag in ("replace", "delete"):
                lines.extend(DiffLine("delete", text) for text in old[i1:i2])
            if tag in ("replace", "insert"):
                lines.extend(DiffLine("insert", text) for text in new[j1:j2])
    return lines
