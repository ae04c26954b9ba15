"""Hiding takes content out of search at once, even when the task worker is down: the
queued re-indexing waits for a worker, the removal does not (`search.services.remove_now`
inside the moderation's transaction)."""

import pytest
from django.test import Client, TestCase
from django.urls import reverse

from discussions.comments import services as comment_services
from discussions.threads import services
from tests.accounts.factories import UserFactory
from tests.discussions.factories import CategoryFactory

pytestmark = pytest.mark.django_db


def test_hiding_leaves_search_at_once_with_the_worker_down(
        settings, unit_a, verified_asn, moderator):
    """The queued re-indexing waits for a worker (here: none runs); hiding a thread or a
    comment still takes it out of search in the moderator's own request."""
    category = CategoryFactory(default_unit=unit_a, slug="umum")
    with TestCase.captureOnCommitCallbacks(execute=True):
        thread = services.thread_create(
            author=UserFactory(), kind="question", category=category,
            title="Pertanyaan penandaantreansatu tentang layanan",
            body="Mohon penjelasan tentang jadwal pelayanan kepegawaian tahun ini.")
        services.answer_publish(user=verified_asn, thread=thread,
                                body="Jawaban penandaantreandua untuk penanya.")
        other = services.thread_create(
            author=UserFactory(), kind="question", category=category,
            title="Pertanyaan lain tentang layanan",
            body="Mohon penjelasan tentang jadwal pelayanan kepegawaian tahun ini.")
        comment = comment_services.comment_create(
            target=comment_services.target_for(other), user=verified_asn,
            body="Komentar penandaantreantiga tentang jadwal.")

    def found(word):
        response = Client().get(reverse("search_api:search"), {"q": word})
        return response.json()["total"]

    assert [found(w) for w in ("penandaantreansatu", "penandaantreandua",
                               "penandaantreantiga")] == [2, 1, 1]  # answers share titles
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client = Client()
    client.force_login(moderator)
    queue = reverse("discussions_admin:moderation_queue")
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(queue, {"threads": [thread.pk], "action": "hide",
                                        "rule": "spam"})
        assert response.status_code == 302
        response = client.post(queue, {"comments": [comment.pk], "action": "hide",
                                        "rule": "spam"})
        assert response.status_code == 302
    from django_tasks_db.models import DBTaskResult

    assert DBTaskResult.objects.exists()  # the re-indexing is still queued
    assert [found(w) for w in ("penandaantreansatu", "penandaantreandua",
                               "penandaantreantiga")] == [0, 0, 0]
