"""The moderation queue decides item by item (issue 16, §6): each comment and thread has
its own plain form (approve / reject / hide with a published rule, no JavaScript), a
reported item shows its reports folded and says which count, and a rejection tells the
author their text, the rule, how to post again and how to ask for a review."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from discussions.models import Comment, CommentStatus, Thread, ThreadVisibility
from discussions.moderation import services as moderation_services
from discussions.threads import services

from .comment_support import make_comment
from .conftest import client_for
from .factories import ThreadFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("commit_after_requests")]

QUEUE = "discussions_admin:moderation_queue"


def _item_forms(html: str) -> dict[str, str]:
    """Each item form of the queue, keyed "comments:<id>" / "threads:<id>"."""
    forms = {}
    for form in re.findall(r'<form method="post" class="[^"]*moderation-item-form">(.*?)</form>',
                           html, flags=re.S):
        match = re.search(r'name="(comments|threads)" value="(\d+)"', form)
        forms[f"{match.group(1)}:{match.group(2)}"] = form
    return forms


def _buttons(form: str) -> list[str]:
    return re.findall(r'name="action" value="(\w+)"', form)


def test_each_item_has_its_own_decision_form(thread, citizen, category, settings,
                                             moderator_client):
    settings.SERAMBI_THREAD_PREMODERATION = True
    pending = make_comment(thread, user=citizen, text="Kapan jadwal pelatihan dibuka lagi?")
    waiting = services.thread_create(author=citizen, title="Pertanyaan tentang jadwal ujian",
                                     body="Mohon informasi jadwal ujian dinas tahun depan.",
                                     kind="question", category=category)
    assert waiting.visibility == ThreadVisibility.WAITING
    html = moderator_client.get(reverse(QUEUE)).content.decode()
    forms = _item_forms(html)
    assert _buttons(forms[f"comments:{pending.pk}"]) == ["approve", "reject", "hide"]
    assert _buttons(forms[f"threads:{waiting.pk}"]) == ["approve", "reject"]
    assert 'name="rule"' in forms[f"comments:{pending.pk}"]
    # The waiting thread's text is in the queue, to decide on it there.
    assert "Mohon informasi jadwal ujian dinas" in html
    # The bulk form is still there for ticked items, outside the item forms.
    assert 'id="bulk-decision"' in html and 'form="bulk-decision"' in html


def test_one_items_form_decides_that_item_only(thread, citizen, moderator_client):
    first = make_comment(thread, user=citizen, text="Komentar pertama menunggu moderasi")
    second = make_comment(thread, user=citizen, text="Komentar kedua menunggu moderasi")
    # What the first item's form posts: its id, a button's action, its rule.
    response = moderator_client.post(reverse(QUEUE), {"comments": [first.pk],
                                                      "action": "approve", "rule": ""})
    assert response.status_code == 302
    assert Comment.objects.get(pk=first.pk).status == CommentStatus.APPROVED
    assert Comment.objects.get(pk=second.pk).status == CommentStatus.PENDING


def test_rejecting_without_a_rule_is_refused_with_a_message(thread, citizen,
                                                             moderator_client):
    comment = make_comment(thread, user=citizen, text="Komentar yang akan ditolak nanti")
    response = moderator_client.post(reverse(QUEUE), {"comments": [comment.pk],
                                                      "action": "reject", "rule": ""})
    assert response.status_code == 200
    assert "aturan" in response.content.decode()
    assert Comment.objects.get(pk=comment.pk).status == CommentStatus.PENDING


def test_a_rejected_comments_email_gives_text_rule_and_next_steps(thread, citizen,
                                                                  moderator_client):
    comment = make_comment(thread, user=citizen, text="Iklan pinjaman cepat cair hubungi kami")
    mail.outbox.clear()
    moderator_client.post(reverse(QUEUE), {"comments": [comment.pk], "action": "reject",
                                           "rule": "spam"})
    [message] = mail.outbox
    body = message.body
    assert "Iklan pinjaman cepat cair hubungi kami" in body  # their text back
    assert "Spam atau iklan" in body  # the rule
    assert "https://serambi.test" + thread.get_absolute_url() in body  # where to post again
    assert "https://serambi.test" + reverse("discussions:moderation_ledger") in body
    assert "ppid@" in body and str(comment.pk) in body  # how to ask for a review


def test_reports_are_folded_and_say_which_count(thread, verified_asn, established_users,
                                                moderator_client):
    comment = make_comment(thread, user=verified_asn, text="Komentar yang dilaporkan warga")
    unconfirmed = established_users[0]
    EmailAddress.objects.filter(user=unconfirmed).update(verified=False)
    for user in established_users[:2]:
        moderation_services.comment_flag(user=user, comment=comment, reason="abuse")
    html = moderator_client.get(reverse(QUEUE)).content.decode()
    details = re.findall(r"<details[^>]*>", html)
    assert details and all(" open" not in tag for tag in details)  # folded
    assert "2 laporan" in html
    assert "tidak dihitung" in html  # the unconfirmed account's report
    assert "email terkonfirmasi" in html  # the rule, stated


def test_a_reported_thread_can_be_kept_or_hidden_from_its_row(category, citizen,
                                                              established_users,
                                                              moderator_client):
    thread = ThreadFactory(category=category, author=citizen)
    for user in established_users[:3]:
        moderation_services.thread_flag(user=user, thread=thread, reason="off_topic")
    assert Thread.objects.get().visibility == ThreadVisibility.PENDING
    forms = _item_forms(moderator_client.get(reverse(QUEUE)).content.decode())
    assert _buttons(forms[f"threads:{thread.pk}"]) == ["approve", "hide"]
    moderator_client.post(reverse(QUEUE), {"threads": [thread.pk], "action": "hide",
                                           "rule": "off_topic"})
    assert Thread.objects.get().visibility == ThreadVisibility.HIDDEN
    hidden = _item_forms(moderator_client.get(reverse(QUEUE), {"show": "hidden"})
                         .content.decode())
    assert _buttons(hidden[f"threads:{thread.pk}"]) == ["restore"]


def test_other_roles_cannot_use_an_item_form(thread, citizen, verified_asn):
    comment = make_comment(thread, user=citizen, text="Komentar warga yang menunggu")
    response = client_for(verified_asn).post(reverse(QUEUE), {"comments": [comment.pk],
                                                              "action": "approve"})
    assert response.status_code in (302, 403)
    assert Comment.objects.get(pk=comment.pk).status == CommentStatus.PENDING
