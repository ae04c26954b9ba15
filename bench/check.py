"""After a load run: every acknowledged post is in the database exactly once.

    DJANGO_SETTINGS_MODULE=bench_settings PYTHONPATH=bench .venv/bin/python bench/check.py FILE
Prints the counts and exits 1 if a post is lost or duplicated."""

import json
import os
import re
import sys
from collections import Counter

import django

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
django.setup()

from discussions.models import Thread  # noqa: E402

data = json.load(open(sys.argv[1]))  # noqa: SIM115, PTH123
acknowledged = {item["client_id"]: item["thread"] for item in data["acknowledged"]}
in_db = Counter()
thread_of = {}
for pk, title in Thread.objects.filter(title__contains="[lt-").values_list("pk", "title"):
    match = re.search(r"\[(lt-[0-9a-f]{32})\]", title)
    if match:
        in_db[match.group(1)] += 1
        thread_of[match.group(1)] = pk
lost = [cid for cid in acknowledged if in_db[cid] == 0]
duplicated = [cid for cid, count in in_db.items() if count > 1]
wrong_id = [cid for cid, pk in acknowledged.items() if in_db[cid] == 1 and thread_of[cid] != pk]
unacked_saved = [cid for cid in data["not_acknowledged"] if in_db[cid]]
print(f"acknowledged posts: {len(acknowledged)}; in database: "
      f"{sum(1 for cid in acknowledged if in_db[cid])}; lost: {len(lost)}; "
      f"duplicated: {len(duplicated)}; acknowledged under another id: {len(wrong_id)}")
print(f"not acknowledged (error/timeout seen by the client): {len(data['not_acknowledged'])}, "
      f"of which saved anyway: {len(unacked_saved)}")
sys.exit(1 if lost or duplicated or wrong_id else 0)
