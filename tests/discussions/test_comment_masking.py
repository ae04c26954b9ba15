"""A comment's author sees it as it will be published before it goes out (issue 16, §1):
when masking would change it, the form comes back with the masked text (server-rendered,
no JavaScript) and the next submit posts it."""

import re

import pytest

from discussions.models import Comment

from .comment_support import post_comment

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("commit_after_requests")]

TEXT = "Silakan hubungi saya di 0812-4567-8910 untuk jadwalnya."


def test_the_masked_comment_is_shown_before_it_is_posted(thread, verified_asn_client):
    response = post_comment(verified_asn_client, thread, TEXT)
    assert response.status_code == 200 and not Comment.objects.exists()
    page = response.content.decode()
    assert "Data pribadi akan disamarkan" in page
    assert "Silakan hubungi saya di [nomor telepon disamarkan] untuk jadwalnya." in page
    assert re.search(r'name="masking_seen" value="on"', page) or 'name="masking_seen"' in page

    response = post_comment(verified_asn_client, thread, TEXT, masking_seen="on")
    assert response.status_code == 302
    assert Comment.objects.get().comment == (
        "Silakan hubungi saya di [nomor telepon disamarkan] untuk jadwalnya.")


def test_a_comment_without_personal_data_posts_at_once(thread, verified_asn_client):
    response = post_comment(verified_asn_client, thread, "Terima kasih, jadwalnya jelas.")
    assert response.status_code == 302 and Comment.objects.count() == 1


def test_a_visitors_shown_name_is_previewed_too(thread, anonymous_client):
    response = post_comment(anonymous_client, thread, "Kapan jadwal pelatihan dibuka?",
                            name="Rahma 0812-4567-8910", email="rahma@contoh.id")
    assert response.status_code == 200 and not Comment.objects.exists()
    assert "Rahma [nomor telepon disamarkan]" in response.content.decode()
