"""Registration does the same work for a known and a new address (issue 15, finding 5).

Not a timing test (flaky on a shared machine): the known-address path must hash the
password like the new-address path does, and both send their one email after commit."""

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core import mail
from django.urls import reverse

from forum_site.accounts.models import User
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


class CountingHasher(MD5PasswordHasher):
    calls = 0

    def encode(self, password, salt):
        CountingHasher.calls += 1
        return super().encode(password, salt)


@pytest.fixture
def counting(settings):
    settings.PASSWORD_HASHERS = ["tests.accounts.test_signup_timing.CountingHasher"]
    CountingHasher.calls = 0
    return CountingHasher


def _register(client, email):
    return client.post(reverse("account_signup"), {
        "email": email, "display_name": "Warga Baru", "privacy_consent": "on",
        "password1": "kopi-susu-2026-x", "password2": "kopi-susu-2026-x",
    })


def test_known_address_path_hashes_a_password_like_a_new_one(client, counting):
    UserFactory(email="ada@example.id")
    counting.calls = 0
    known = _register(client, "ada@example.id")
    known_calls = counting.calls

    counting.calls = 0
    new = _register(client, "baru@example.id")
    new_calls = counting.calls

    assert known.status_code == new.status_code == 302
    assert known["Location"] == new["Location"]
    assert new_calls >= 1
    assert known_calls == new_calls
    assert User.objects.filter(email="ada@example.id").count() == 1


def test_both_paths_queue_their_one_email_for_after_commit(client, settings):
    """With the database task backend (production) neither path sends during the
    request: each writes one task row, which the worker sees only after commit."""
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    UserFactory(email="ada@example.id")
    _register(client, "ada@example.id")
    _register(client, "baru@example.id")
    assert mail.outbox == []
    queued = DBTaskResult.objects.filter(
        task_path="forum_site.accounts.tasks.send_account_email")
    assert sorted(row.args_kwargs["kwargs"]["to"][0] for row in queued) == [
        "ada@example.id", "baru@example.id"]
