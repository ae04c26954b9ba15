"""After a load run: every acknowledged write is in the database exactly once.

    DJANGO_SETTINGS_MODULE=bench_settings PYTHONPATH=bench .venv/bin/python bench/check.py FILE
Threads ("[lt-…]" in the title), comments ("[lc-…]" in the text, whatever their status:
the bench accounts' comments wait for moderation) and reports ("[lf-…]" in the note), each
on the item the client wrote to. Prints the counts and exits 1 if a write is lost,
duplicated or stored on another item."""

import json
import os
import re
import sys
from collections import Counter

import django

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
django.setup()

from discussions.models import Comment, Flag, Thread  # noqa: E402


def check(label: str, acknowledged: dict, not_acknowledged: list, rows, prefix: str) -> bool:
    """`acknowledged`: client id → the item the client saw; `rows`: (item, text) pairs from
    the database. Prints one line per kind; True when nothing is lost or duplicated."""
    pattern = re.compile(rf"\[({prefix}-[0-9a-f]{{32}})\]")
    in_db, item_of = Counter(), {}
    for item, text in rows:
        match = pattern.search(text)
        if match:
            in_db[match.group(1)] += 1
            item_of[match.group(1)] = item
    lost = [cid for cid in acknowledged if in_db[cid] == 0]
    duplicated = [cid for cid, count in in_db.items() if count > 1]
    wrong = [cid for cid, item in acknowledged.items()
             if in_db[cid] == 1 and item_of[cid] != item]
    saved_anyway = [cid for cid in not_acknowledged if in_db[cid]]
    print(f"acknowledged {label}: {len(acknowledged)}; in database: "
          f"{sum(1 for cid in acknowledged if in_db[cid])}; lost: {len(lost)}; "
          f"duplicated: {len(duplicated)}; acknowledged on another item: {len(wrong)}; "
          f"not acknowledged: {len(not_acknowledged)}, of which saved anyway: "
          f"{len(saved_anyway)}")
    return not (lost or duplicated or wrong)


data = json.load(open(sys.argv[1]))  # noqa: SIM115, PTH123
comments, flags = data.get("comments", {}), data.get("flags", {})
ok = [
    check("posts", {a["client_id"]: a["thread"] for a in data["acknowledged"]},
          data["not_acknowledged"],
          Thread.objects.filter(title__contains="[lt-").values_list("pk", "title"), "lt"),
    check("comments",
          {a["client_id"]: f"thread:{a['thread']}" for a in comments.get("acknowledged", [])},
          comments.get("not_acknowledged", []),
          ((f"{ct}:{pk}", text) for ct, pk, text in Comment.norel_objects.filter(
              comment__contains="[lc-").values_list("content_type__model", "object_pk",
                                                    "comment")), "lc"),
    check("reports",
          {a["client_id"]: ("thread", a["thread"]) if "thread" in a else ("comment", a["comment"])
           for a in flags.get("acknowledged", [])},
          flags.get("not_acknowledged", []),
          ((("thread", t) if t else ("comment", c), note) for t, c, note in Flag.objects.filter(
              note__contains="[lf-").values_list("thread_id", "comment_id", "note")), "lf"),
]
sys.exit(0 if all(ok) else 1)
