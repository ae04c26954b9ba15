"""The site's one email outbox (issue 21 §2): one table, one sending path and retry
command, one renderer; the email states of the two tables before it move into it."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from forum_site.core import outbox, scheduler
from forum_site.core.models import EmailStatus, OutboxEmail


def test_every_email_of_the_site_is_a_kind_of_the_one_outbox():
    assert outbox.kinds() == sorted([
        "notification", "comment_confirmation", "comment_decision",
        "asn_decision", "asn_official_email_confirmation", "asn_request_received",
    ])
    jobs = {job.name for job in scheduler.registered()}
    assert "outbox_retry" in jobs
    assert not jobs & {"notifications_retry"}  # one retry job, not one per table


def test_a_row_with_nothing_to_send_any_more_is_closed_not_retried(db, settings):
    row = OutboxEmail.objects.create(kind="notification", object_id=987654)  # gone
    assert outbox.deliver(email_id=row.pk) == "skipped"
    row.refresh_from_db()
    assert row.status == EmailStatus.NONE and row.attempts == 0 and not mail.outbox
    with pytest.raises(ValueError):
        outbox.queue(kind="no-such-kind", object_id=1)


def test_a_failed_attempt_waits_the_retry_delay(db, settings, citizen):
    from discussions.models import Notification
    from tests.discussions.factories import ThreadFactory

    settings.EMAIL_BACKEND = "tests.discussions.broken_mail.BrokenBackend"
    notification = Notification.objects.create(user=citizen, kind="status",
                                               thread=ThreadFactory(author=citizen))
    row = outbox.queue(kind="notification", object_id=notification.pk)
    assert outbox.deliver(email_id=row.pk) == "retry"
    row.refresh_from_db()
    assert row.status == EmailStatus.PENDING and row.last_error == "OSError"
    wait = (row.next_attempt_at - timezone.now()).total_seconds()
    assert settings.SERAMBI_EMAIL_RETRY_DELAY - 5 < wait <= settings.SERAMBI_EMAIL_RETRY_DELAY
    assert outbox.retry_due() == 0  # not due yet
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("outbox_retry", stdout=None)
    assert outbox.retry_due(now=row.next_attempt_at + dt.timedelta(seconds=1)) == 1
    row.refresh_from_db()
    assert row.status == EmailStatus.SENT and row.attempts == 2
    assert [m.to for m in mail.outbox] == [[citizen.email]]


# --- the data migration ------------------------------------------------------------------

BEFORE = [("discussions", "0024_notifications_about_comments"),
          ("core", "0002_office_identity_permissions")]
AFTER = [("discussions", "0025_one_outbox"), ("core", "0003_outbox")]


def _applied_state():
    """The models as the database has them now (every applied migration)."""
    loader = MigrationExecutor(connection).loader
    nodes = [node for node in loader.applied_migrations if node in loader.graph.nodes]
    return loader.project_state(nodes).apps


@pytest.mark.slow(reason="migrates the discussions and core tables down and up again")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_existing_email_states_move_into_the_outbox():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = _applied_state()
    created = timezone.now() - dt.timedelta(hours=2)
    user = old.get_model("accounts", "User").objects.create(
        email="warga.lama@contoh.id", display_name="Warga Lama")
    unit = old.get_model("accounts", "Unit").objects.create(name="BKPSDM", slug="bkpsdm")
    category = old.get_model("discussions", "Category").objects.create(
        name="Pelatihan", slug="pelatihan", default_unit=unit)
    thread = old.get_model("discussions", "Thread").objects.create(
        kind="question", title="Jadwal pelatihan", body="Kapan?", author=user, unit=unit,
        category=category)
    content_type = old.get_model("contenttypes", "ContentType").objects.get(
        app_label="discussions", model="thread")
    comment = old.get_model("discussions", "Comment").objects.create(
        content_type=content_type, object_pk=str(thread.pk), site_id=1, comment="Ya",
        user_name="Rahma", user_email="rahma@contoh.id", submit_date=created)
    notification = old.get_model("discussions", "Notification")
    failed = notification.objects.create(
        user=user, thread=thread, kind="answer", email_status="failed", email_attempts=5,
        email_last_error="OSError", created_at=created)
    sent = notification.objects.create(
        user=user, thread=thread, kind="status", email_status="sent", email_attempts=1,
        email_sent_at=created, created_at=created)
    notification.objects.create(user=user, thread=thread, kind="status",
                                email_status="none")  # never to be emailed
    old.get_model("discussions", "CommentEmail").objects.create(
        comment=comment, kind="confirmation", status="pending", attempts=2,
        last_error="SMTPException", language="en", created_at=created)

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = _applied_state()
    rows = {(row.kind, row.object_id): row
            for row in new.get_model("core", "OutboxEmail").objects.all()}
    assert set(rows) == {("notification", failed.pk), ("notification", sent.pk),
                         ("comment_confirmation", comment.pk)}
    assert (rows["notification", failed.pk].status, rows["notification", failed.pk].attempts,
            rows["notification", failed.pk].last_error) == ("failed", 5, "OSError")
    assert rows["notification", sent.pk].sent_at == created
    pending = rows["comment_confirmation", comment.pk]
    assert (pending.status, pending.attempts, pending.language) == ("pending", 2, "en")
    assert pending.created_at == created and pending.next_attempt_at > created
    executor.loader.build_graph()
    assert not executor.migration_plan(executor.loader.graph.leaf_nodes())
