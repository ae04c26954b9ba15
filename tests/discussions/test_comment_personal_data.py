"""Comments in the personal-data export, and account deletion: comments stay public
under the pseudonym, without the name, the account or the email."""

import json

import pytest
from django.urls import reverse

from discussions.comments import services as comment_services
from discussions.models import Comment
from discussions.moderation import services as moderation_services
from forum_site.accounts import services as account_services
from tests.accounts.factories import PASSWORD

from .comment_support import make_comment
from .conftest import client_for

pytestmark = pytest.mark.django_db


def test_export_contains_comments_likes_and_reports(thread, verified_asn, trusted, moderator):
    own = make_comment(thread, user=trusted, text="Komentar saya sendiri", moderator=moderator)
    other = make_comment(thread, user=verified_asn, text="Komentar ASN")

    comment_services.comment_like(user=trusted, comment=other)
    moderation_services.comment_flag(user=trusted, comment=other, reason="spam")
    response = client_for(trusted).post(reverse("accounts:personal_data_export"))
    data = json.loads(response.content)["discussions"]
    assert [c["text"] for c in data["comments"]] == ["Komentar saya sendiri"]
    assert data["comments"][0]["id"] == own.pk
    assert data["comment_likes"][0]["comment_id"] == other.pk
    assert data["reports"][0]["reason"] == "spam"


def test_account_deletion_keeps_comments_under_pseudonym(thread, trusted, verified_asn,
                                                         moderator, anonymous_client):
    comment = make_comment(thread, user=trusted, text="Komentar yang tetap ada",
                           moderator=moderator)
    other = make_comment(thread, user=verified_asn, text="Komentar yang disukai")

    comment_services.comment_like(user=trusted, comment=other)
    pseudonym = account_services.account_delete(user=trusted, password=PASSWORD)
    comment = Comment.objects.get(pk=comment.pk)
    assert comment.user is None and comment.user_email == ""
    assert comment.user_name == pseudonym[:50]
    other.refresh_from_db()
    assert other.likes_count == 0
    html = anonymous_client.get(thread.get_absolute_url()).content.decode()
    assert "Komentar yang tetap ada" in html and "Andi Terpercaya" not in html
