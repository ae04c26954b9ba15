"""The forum's part of a personal-data export and of an account deletion (UU 27/2022),
registered with `forum_site.accounts.personal_data` from `DiscussionsConfig.ready()`."""

from __future__ import annotations

from django.db.models import F, QuerySet

from .models import (
    Comment,
    CommentReaction,
    Flag,
    Follow,
    Notification,
    NotificationPreference,
    OfficialAnswer,
    OfficialAnswerRevision,
    Support,
    SurveyResponse,
    Thread,
    ThreadEvent,
    ThreadPrivateDetail,
)


def _iso(value):
    return value.isoformat() if value else None


def export_user_data(user) -> dict:
    """Everything the forum holds about `user`: threads, official answers, supports,
    follows, notifications and notification settings."""
    notifications = _notifications(user)
    return {
        "threads": _threads(user),
        "official_answers": _official_answers(user),
        "satisfaction_survey": _survey_responses(user),
        "supports": _dated(Support.objects.filter(user=user), "thread_id"),
        "follows": _dated(Follow.objects.filter(user=user), "thread_id"),
        "notifications": notifications,
        "notification_preferences": [
            {"kind": p.kind, "email": p.email, "on_site": p.on_site}
            for p in NotificationPreference.objects.filter(user=user).order_by("kind")
        ],
        "comments": _comments(user),
        "comment_likes": _dated(CommentReaction.objects.filter(user=user), "comment_id"),
        "reports": [
            {"comment_id": f.comment_id, "thread_id": f.thread_id, "reason": f.reason,
             "note": f.note, "created_at": _iso(f.created_at)}
            for f in Flag.objects.filter(user=user).order_by("created_at", "pk")
        ],
    }


def _dated(rows: QuerySet, key: str) -> list[dict]:
    """Rows that only link the user to something: what, and since when."""
    return [{key: getattr(row, key), "created_at": _iso(row.created_at)}
            for row in rows.order_by("created_at", "pk")]


def _threads(user) -> list[dict]:
    return [
        {
            "id": t.pk, "url": t.get_absolute_url(), "kind": t.kind, "title": t.title,
            "body": t.body, "status": t.status, "unit": t.unit.name,
            "category": t.category.name, "created_at": _iso(t.created_at),
            "private_details": [{"kind": d.kind, "value": d.value}
                                for d in t.private_details.all()],
        }
        for t in Thread.objects.filter(author=user).select_related("unit", "category")
        .prefetch_related("private_details").order_by("created_at", "pk")
    ]


def _official_answers(user) -> list[dict]:
    return [
        {
            "id": a.pk, "thread_id": a.thread_id, "signer_name": a.signer_name,
            "signer_position": a.signer_position, "signer_unit": a.signer_unit,
            "body": a.body, "created_at": _iso(a.created_at), "edited_at": _iso(a.edited_at),
        }
        for a in OfficialAnswer.objects.filter(author=user).order_by("created_at", "pk")
    ]


def _survey_responses(user) -> list[dict]:
    return [
        {
            "thread_id": r.thread_id, "unit": r.unit.name, "scores": r.scores(),
            "comment": r.comment, "comment_status": r.comment_status,
            "gender": r.gender, "age_band": r.age_band, "education": r.education,
            "occupation": r.occupation, "created_at": _iso(r.created_at),
        }
        for r in SurveyResponse.objects.filter(respondent=user).select_related("unit")
        .order_by("created_at", "pk")
    ]


def _notifications(user) -> list[dict]:
    """The user's notifications, each with the state of its email in the outbox."""
    from forum_site.core import outbox

    from .models import EmailStatus
    from .notifications.services import EMAIL_KIND

    notifications = list(Notification.objects.filter(user=user).order_by("created_at", "pk"))
    email_status = dict(outbox.about(kind=EMAIL_KIND, object_ids=[n.pk for n in notifications])
                        .values_list("object_id", "status"))
    return [
        {
            "kind": n.kind, "thread_id": n.thread_id, "comment_id": n.comment_id,
            "created_at": _iso(n.created_at),
            "read_at": _iso(n.read_at),
            "email_status": email_status.get(n.pk, EmailStatus.NONE),
        }
        for n in notifications
    ]


def _comments(user) -> list[dict]:
    return [
        {
            "id": c.pk, "area": c.area, "on": f"{c.content_type.model}:{c.object_pk}",
            "reply_to": c.parent_id if c.parent_id != c.pk else None,
            "text": c.comment, "status": c.status, "removed": c.is_removed,
            "masked": c.redactions, "submitted_at": _iso(c.submit_date),
            "edited_at": _iso(c.edited_at),
            "earlier_texts": [r.previous_body for r in c.revisions.all()],
        }
        for c in Comment.objects.filter(user=user).select_related("content_type")
        .prefetch_related("revisions").order_by("submit_date", "pk")
    ]


def _raw(model) -> QuerySet:
    # The append-only models refuse QuerySet.update(); this one update is the exception
    # their database guard allows (migration 0005): clear the person, write the pseudonym.
    return QuerySet(model=model)


def erase_user_data(*, user, pseudonym: str) -> None:
    """Account deletion: the person's threads stay (their author now shows the pseudonym)
    without the private details masking took out of them; official answers keep position
    and unit but lose the name; the public timeline and answer history show the
    pseudonym; follows, notifications and settings go; supports and survey ratings stay
    counted without the person."""
    OfficialAnswer.objects.filter(author=user).update(signer_name="")
    ThreadPrivateDetail.objects.filter(thread__author=user).delete()
    _raw(ThreadEvent).filter(actor=user).update(actor=None, actor_name=pseudonym)
    _raw(OfficialAnswerRevision).filter(editor=user).update(editor=None, editor_name=pseudonym)
    followed = list(Follow.objects.filter(user=user).values_list("thread_id", flat=True))
    if followed:
        Thread.objects.filter(pk__in=followed, followers_count__gt=0).update(
            followers_count=F("followers_count") - 1
        )
        Follow.objects.filter(user=user).delete()
    from forum_site.core import outbox

    from .notifications.services import EMAIL_KIND

    outbox.forget(kind=EMAIL_KIND, object_ids=Notification.objects.filter(user=user)
                  .values_list("pk", flat=True))
    Notification.objects.filter(user=user).delete()
    NotificationPreference.objects.filter(user=user).delete()
    Support.objects.filter(user=user).update(user=None)
    # Survey responses keep counting in the unit's figures, without the person or the
    # profile they gave.
    SurveyResponse.objects.filter(respondent=user).update(
        respondent=None, gender="", age_band="", education="", occupation="")
    _erase_comment_data(user=user, pseudonym=pseudonym)
    # The information path: the requester's name kept for their letters goes; the PPID's
    # and atasan's signatures keep the position and lose the name, as official answers.
    from .models import InformationRequest, Objection, WrittenDecision

    InformationRequest.objects.filter(thread__author=user).update(requester_name=pseudonym)
    WrittenDecision.objects.filter(decided_by=user).update(decided_by=None, signer_name="")
    Objection.objects.filter(answered_by=user).update(answered_by=None, signer_name="")


def _erase_comment_data(*, user, pseudonym: str) -> None:
    """Comments stay public under the pseudonym, without the account or email; the
    likes go (counters follow); reports stay counted without the person."""
    from django_comments_xtd.models import XtdComment

    ids = list(Comment.objects.filter(user=user).values_list("pk", flat=True))
    XtdComment.norel_objects.filter(pk__in=ids).update(
        user=None, user_name=pseudonym[:50], user_email="", user_url="", ip_address=None
    )
    liked = list(CommentReaction.objects.filter(user=user).values_list("comment_id", flat=True))
    if liked:
        Comment.objects.filter(pk__in=liked, likes_count__gt=0).update(
            likes_count=F("likes_count") - 1
        )
        CommentReaction.objects.filter(user=user).delete()
    Flag.objects.filter(user=user).update(user=None)
