"""Accounts for the posting users of bench/load.py: bench-N@bench.localhost, confirmed,
consented, password BENCH_PASSWORD. Idempotent. Run with the bench settings:
    DJANGO_SETTINGS_MODULE=bench_settings PYTHONPATH=bench .venv/bin/python bench/prepare.py
"""

import os
import sys

import django

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
django.setup()

from forum_site.accounts import roles  # noqa: E402
from forum_site.accounts.demo import ensure_demo_user  # noqa: E402
from forum_site.accounts.models import User  # noqa: E402

PASSWORD = os.environ.get("BENCH_PASSWORD", "serambi-bench-2026")
COUNT = int(os.environ.get("BENCH_ACCOUNTS", "40"))

for n in range(COUNT):
    user = ensure_demo_user(email=f"bench-{n}@bench.localhost", display_name=f"Uji Beban {n}",
                            first_name="Uji", last_name=f"Beban {n}", role=roles.CITIZEN)
    user.set_password(PASSWORD)
    user.save(update_fields=["password"])
print(f"{User.objects.filter(email__endswith='@bench.localhost').count()} bench accounts ready")
