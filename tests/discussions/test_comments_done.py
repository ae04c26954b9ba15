"""Issue 5's "Done means", end to end over HTTP: a citizen comments anonymously on an
outcome page, confirms by email, the comment waits in the queue, a moderator approves it;
another comment with a phone number is published masked; a flagged comment is hidden
after N reports and the public ledger counts it."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from discussions.models import Comment, CommentStatus

from .comment_support import last_confirmation_path, post_comment
from .conftest import client_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("commit_after_requests")]


def test_done_means(outcome, anonymous_client, moderator_client, verified_asn_client,
                    established_users, settings):
    queue = reverse("discussions_admin:moderation_queue")
    ledger = reverse("discussions:moderation_ledger")

    # 1. Anonymous comment on an outcome, confirmed by email, queued, approved.
    post_comment(anonymous_client, outcome, "Apakah MPP buka hari Sabtu?", name="Rahma",
                 email="rahma@contoh.id")
    # Nobody else sees it yet; its author does, marked as waiting (issue 16).
    assert "Apakah MPP buka" not in Client().get(outcome.url).content.decode()
    own = anonymous_client.get(outcome.url).content.decode()
    assert "Apakah MPP buka" in own and "Menunggu konfirmasi email" in own
    anonymous_client.post(last_confirmation_path())
    waiting = Comment.objects.get(status=CommentStatus.PENDING)
    assert "Apakah MPP buka" in moderator_client.get(queue).content.decode()
    moderator_client.post(queue, {"comments": [waiting.pk], "action": "approve"})
    assert "Apakah MPP buka" in anonymous_client.get(outcome.url).content.decode()

    # 2. A phone number is published masked.
    post_comment(verified_asn_client, outcome, "Info jadwal Sabtu: hubungi 0812 3456 7890.",
                 masking_seen="on")  # the masked preview was shown (test_comment_masking)
    page = anonymous_client.get(outcome.url).content.decode()
    assert "[nomor telepon disamarkan]" in page and "0812 3456 7890" not in page

    # 3. Reports from three established accounts hide a comment; the ledger counts it.
    flagged = Comment.objects.get(comment__startswith="Info jadwal")
    for user in established_users[:3]:
        client_for(user).post(reverse("discussions:comment_flag", args=[flagged.pk]),
                              {"reason": "personal_data"})
    assert "Info jadwal Sabtu" not in anonymous_client.get(outcome.url).content.decode()
    rows = anonymous_client.get(reverse("discussions:moderation_ledger_csv")
                                ).content.decode().splitlines()
    assert any(",outcome,auto_hide,personal_data,1" in row for row in rows)
    assert any(",outcome,approve,,1" in row for row in rows)
    html = anonymous_client.get(ledger).content.decode()
    assert "Disembunyikan setelah dilaporkan" in html and "Rahma" not in html
    assert mail.outbox  # the confirmation and the decision went out
