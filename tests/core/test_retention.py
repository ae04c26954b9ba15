"""Retention: IPs older than 30 days are blanked by `manage.py purge_personal_data`;
expired sessions are removed by `manage.py clearsessions` (both in the cron list)."""

import datetime as dt
from io import StringIO

import pytest
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone

from forum_site.core import retention
from forum_site.core.models import OutboxEmail


def _empty_registry():
    from forum_site.core.plugins import Registry

    return Registry("IP retention (test stand-in)", owner="tests/core/test_retention.py",
                    listed=False)


@pytest.fixture
def stand_in_ip_column(monkeypatch):
    """No table in this branch stores an IP yet (comments will). The purge is exercised
    on a stand-in text column with a date, registered exactly as an app registers one."""
    monkeypatch.setattr(retention, "IP_FIELDS", _empty_registry())
    retention.register_ip_field("core.OutboxEmail", field="last_error",
                                date_field="created_at")
    retention.register_ip_field("no_such_app.Model", field="ip", date_field="at")


def _row(*, days_old: int, ip: str) -> OutboxEmail:
    return OutboxEmail.objects.create(
        kind="notification", object_id=1, last_error=ip,
        created_at=timezone.now() - dt.timedelta(days=days_old),
    )


def test_ips_older_than_30_days_are_blanked(db, stand_in_ip_column):
    old = _row(days_old=31, ip="203.0.113.7")
    recent = _row(days_old=29, ip="198.51.100.4")
    out = StringIO()
    call_command("purge_personal_data", stdout=out)
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.last_error == "" and recent.last_error == "198.51.100.4"
    assert "core.OutboxEmail: 1" in out.getvalue()
    # Idempotent: nothing more the second time.
    call_command("purge_personal_data", stdout=(again := StringIO()))
    assert "core.OutboxEmail: 0" in again.getvalue()


def test_comments_ip_column_is_registered_for_when_comments_arrive():
    assert retention.IpField("django_comments.Comment", "ip_address", "submit_date") in (
        retention.IP_FIELDS.items())


def test_purge_without_ip_tables_says_so(db, monkeypatch):
    monkeypatch.setattr(retention, "IP_FIELDS", _empty_registry())
    out = StringIO()
    call_command("purge_personal_data", stdout=out)
    assert "nothing older than 30 days" in out.getvalue()


def test_clearsessions_removes_expired_sessions(citizen_client):
    citizen_client.get("/")
    assert Session.objects.count() == 1
    Session.objects.update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    call_command("clearsessions")
    assert Session.objects.count() == 0
