"""Approved comments are searchable; nothing else is (issue 5 "Visibility", issue 6).

Every change goes through the same HTTP endpoints and services a citizen or moderator
uses; on-commit callbacks run after each request as they do in production, so the index
is updated by the real hooks (`visibility_changed`, `_thread_visibility_changed`)."""

import pytest
from django.urls import reverse

from discussions.models import Comment, CommentStatus
from tests.discussions.comment_support import post_comment
from tests.discussions.conftest import client_for

from .conftest import index_everything, refresh

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("commit_after_requests")]

QUEUE = "discussions_admin:moderation_queue"

def found(client, engine, q: str, **params) -> list[tuple[str, int]]:
    refresh(engine)
    data = client.get("/api/search", {"q": q, **params}).json()
    return [(r["type"], r["id"]) for r in data["results"]]

def comment_hits(client, engine, q: str) -> set[int]:
    return {pk for kind, pk in found(client, engine, q, type="comment") if kind == "comment"}

def decide(moderator_client, action: str, *, comments=(), threads=(), rule="spam"):
    data = {"action": action, "comments": list(comments), "threads": list(threads)}
    if action in ("reject", "hide"):
        data["rule"] = rule
    response = moderator_client.post(reverse(QUEUE), data)
    assert response.status_code in (200, 302), response.content[:500]

def test_approved_comment_is_found_with_its_target_title_and_anchor(
        client, engine, thread, citizen_client, moderator_client):
    index_everything(engine)
    post_comment(citizen_client, thread, "Apakah jadwal wawancara zamrud sudah keluar?")
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.PENDING
    assert comment_hits(client, engine, "zamrud") == set()  # pending: not found

    decide(moderator_client, "approve", comments=[comment.pk])
    refresh(engine)
    hit = client.get("/api/search", {"q": "zamrud"}).json()["results"][0]
    assert (hit["type"], hit["id"]) == ("comment", comment.pk)
    assert hit["title"] == thread.title
    # The comment's lasting address, which finds the page of comments holding it.
    assert hit["url"].endswith(f"/forum/komentar/{comment.pk}/")
    assert client.get(hit["url"])["Location"] == (
        f"{thread.get_absolute_url()}#komentar-{comment.pk}"
    )
    page = client.get("/cari/", {"q": "zamrud"}).content.decode()
    assert "Komentar" in page and "<mark>zamrud</mark>" in page

def test_rejected_hidden_and_deleted_comments_are_not_found(
        client, engine, thread, verified_asn, citizen_client, moderator_client):
    asn_client = client_for(verified_asn)
    index_everything(engine)
    post_comment(citizen_client, thread, "Komentar safir yang ditolak moderator.")
    rejected = Comment.objects.get(comment__contains="safir")
    decide(moderator_client, "reject", comments=[rejected.pk])
    assert comment_hits(client, engine, "safir") == set()

    post_comment(asn_client, thread, "Komentar topas yang langsung tayang.")
    shown = Comment.objects.get(comment__contains="topas")
    assert comment_hits(client, engine, "topas") == {shown.pk}
    decide(moderator_client, "hide", comments=[shown.pk])
    assert comment_hits(client, engine, "topas") == set()
    decide(moderator_client, "restore", comments=[shown.pk])
    assert comment_hits(client, engine, "topas") == {shown.pk}

    response = asn_client.post(reverse("discussions:comment_delete", args=[shown.pk]))
    assert response.status_code in (200, 302)
    assert comment_hits(client, engine, "topas") == set()

def test_replies_under_a_hidden_comment_leave_with_it_and_come_back(
        client, engine, thread, verified_asn, moderator_client):
    asn_client = client_for(verified_asn)
    index_everything(engine)
    post_comment(asn_client, thread, "Induk diskusi tentang akik.")
    parent = Comment.objects.get()
    post_comment(asn_client, thread, "Balasan tentang akik juga.", parent=parent)
    reply = Comment.objects.exclude(pk=parent.pk).get()
    assert comment_hits(client, engine, "akik") == {parent.pk, reply.pk}

    decide(moderator_client, "hide", comments=[parent.pk])
    assert comment_hits(client, engine, "akik") == set()
    decide(moderator_client, "restore", comments=[parent.pk])
    assert comment_hits(client, engine, "akik") == {parent.pk, reply.pk}

def test_comment_hidden_after_flags_leaves_search(client, engine, thread, verified_asn,
                                                  established_users):
    index_everything(engine)
    post_comment(client_for(verified_asn), thread, "Hubungi saya soal kecubung.")
    comment = Comment.objects.get()
    assert comment_hits(client, engine, "kecubung") == {comment.pk}
    for user in established_users[:3]:
        client_for(user).post(reverse("discussions:comment_flag", args=[comment.pk]),
                              {"reason": "spam"})
    assert Comment.objects.get().status == CommentStatus.HIDDEN
    assert comment_hits(client, engine, "kecubung") == set()

def test_hiding_a_thread_removes_it_its_answers_and_its_comments(
        client, engine, thread, verified_asn, moderator_client):
    from tests.discussions.factories import OfficialAnswerFactory

    thread.title = "Pertanyaan tentang giok"
    thread.save(update_fields=["title"])
    answer = OfficialAnswerFactory(thread=thread, body="Jawaban resmi soal giok.")
    post_comment(client_for(verified_asn), thread, "Saya juga bertanya soal giok.")
    comment = Comment.objects.get()
    index_everything(engine)
    everything = {("thread", thread.pk), ("answer", answer.pk), ("comment", comment.pk)}
    assert set(found(client, engine, "giok")) == everything

    decide(moderator_client, "hide", threads=[thread.pk])
    assert found(client, engine, "giok") == []
    decide(moderator_client, "restore", threads=[thread.pk])
    assert set(found(client, engine, "giok")) == everything

def test_comment_on_a_page_follows_its_page(client, engine, outcome, verified_asn,
                                            django_capture_on_commit_callbacks):
    index_everything(engine)
    post_comment(client_for(verified_asn), outcome, "Capaian ini bagus untuk kecamatan opal.")
    comment = Comment.objects.get()
    refresh(engine)
    hit = client.get("/api/search", {"q": "opal", "type": "comment"}).json()["results"]
    assert [r["id"] for r in hit] == [comment.pk]
    assert hit[0]["title"] == outcome.title
    assert hit[0]["url"].endswith(f"/forum/komentar/{comment.pk}/")
    assert client.get(hit[0]["url"])["Location"].endswith(f"#komentar-{comment.pk}")
    with django_capture_on_commit_callbacks(execute=True):
        outcome.unpublish()
    assert comment_hits(client, engine, "opal") == set()

def test_rebuild_indexes_comments_and_never_the_commenters_name(
        client, engine, thread, anonymous_client, moderator_client):
    from tests.discussions.comment_support import last_confirmation_path

    post_comment(anonymous_client, thread, "Kapan pendaftaran beasiswa mirah dibuka?",
                 name="Rahmawati Sukarsih", email="rahma@contoh.id")
    anonymous_client.post(last_confirmation_path())
    comment = Comment.objects.get()
    decide(moderator_client, "approve", comments=[comment.pk])
    index_everything(engine)  # search_rebuild
    assert comment_hits(client, engine, "mirah") == {comment.pk}
    assert comment_hits(client, engine, "Sukarsih") == set()
    assert found(client, engine, "rahma@contoh.id") == []
    if engine.name == "database":
        from search.models import SearchEntry

        entry = SearchEntry.objects.get(key=f"comment:{comment.pk}")
        stored = repr(entry.__dict__)
        assert "Sukarsih" not in stored and "rahma@contoh" not in stored
