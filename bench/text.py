"""Worst-case citizen text: CPU time of each text step on 10,000-character inputs made to
hurt regular expressions and Markdown (runs of digit groups, letters without an @,
thousands of nesting markers or brackets). Every step must stay linear: a body is at
most 10,000 characters, and each is masked and rendered once when posted and excerpted
on every page view.

    .venv/bin/python bench/text.py            # prints one line per input and step

Figures of 2026-12-04 (before → after the bounds in forum_site/core/redaction.py and
discussions/text.py): "1 1 1 …" masking 81.6 s → under 0.05 s; "1) 1) …" 24.8 s → under
0.05 s; "aaaa…" masking 2.8 s → under 0.05 s; "- - - …" rendering RecursionError (a 500)
→ 0.05 s; "a [a [ …" rendering 4.8 s → under 0.05 s."""

import os
import sys
import time
from pathlib import Path

# bench/ holds a statistics.py: the project, not this folder, goes first on the path.
sys.path[0] = str(Path(__file__).resolve().parent.parent)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "forum_site.settings.dev")

import django  # noqa: E402

django.setup()

from discussions.text import normalise_text, plain_excerpt, render_markdown  # noqa: E402
from forum_site.core.redaction import redact  # noqa: E402

UNITS = ["a", "a.", "_a", "a-", "a@", "a [at] ", "1 ", "1.", "1) ", "(1", "+62 ", "0812 ",
         "08", "1.000.000 ", "- ", "* ", "1. ", "> ", "a [", "[](", "[a]", "](", "**", "*a",
         "`a", "<a", "&#", "\\", "| a ", "https://a", "www.", "\t- a\n", "  - a\n"]
STEPS = [redact, normalise_text, render_markdown, plain_excerpt]


def main() -> None:
    worst = 0.0
    for unit in UNITS:
        text = (unit * (10_000 // len(unit) + 1))[:10_000]
        row = []
        for step in STEPS:
            started = time.process_time()
            step(text)
            took = time.process_time() - started
            worst = max(worst, took)
            row.append(f"{step.__name__} {took * 1000:7.1f} ms")
        print(f"{unit!r:14} " + "  ".join(row))
    print(f"worst: {worst * 1000:.1f} ms")


if __name__ == "__main__":
    main()
