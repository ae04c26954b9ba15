"""Who may do what in the forum: `check_*` raise PermissionDenied, `can_*` answer yes/no
for templates. Services call the checks first, so the public site, the Wagtail admin and
management commands obey the same rules.

State rules ("this thread is already closed") are not permissions; services raise
ValidationError for those after locking the thread.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from forum_site.accounts.permissions import (
    check_can_answer_officially,
    check_second_factor,
    is_moderator,
    verified_asn_profile,
)

from .models import AUTHOR_SEES, OfficialAnswer, Thread, ThreadVisibility


def _signed_in(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def check_can_create_thread(*, user) -> None:
    if not _signed_in(user):
        raise PermissionDenied(_("Sign in to open a thread."))


def check_can_answer(*, user, thread: Thread) -> None:
    """Jawaban Resmi, acknowledgements and extensions: a verified ASN of the thread's
    unit, or a moderator."""
    if not _signed_in(user):
        raise PermissionDenied(
            _("Only a verified ASN of this unit or a moderator can answer officially.")
        )
    check_can_answer_officially(user=user, unit=thread.unit)


def check_can_edit_answer(*, user, answer: OfficialAnswer) -> None:
    """Only the person who published an answer edits it, while they may still answer."""
    if not _signed_in(user) or answer.author_id != user.pk:
        raise PermissionDenied(_("Only the author of an official answer can edit it."))
    if not (is_moderator(user) or verified_asn_profile(user) is not None):
        raise PermissionDenied(_("Only the author of an official answer can edit it."))


def check_can_moderate_threads(*, user) -> None:
    if not (_signed_in(user) and is_moderator(user)):
        raise PermissionDenied(_("Only moderators can re-route or close threads."))
    check_second_factor(user=user)


def check_is_asker(*, user, thread: Thread) -> None:
    """Confirming or disputing an answer is for the person who asked."""
    if not _signed_in(user) or thread.author_id != user.pk:
        raise PermissionDenied(_("Only the person who opened this thread can do this."))


def check_can_react(*, user) -> None:
    """'Me too' and following need an account."""
    if not _signed_in(user):
        raise PermissionDenied(_("Sign in to support or follow a thread."))


# --- trust: who is pre-moderated ----------------------------------------------------------


def is_trusted_author(user) -> bool:
    """The one trust rule for comments and threads: verified ASN and moderators are
    trusted; a citizen's account is once it is `SERAMBI_TRUSTED_ACCOUNT_AGE` seconds old
    and has `SERAMBI_TRUSTED_MIN_APPROVED` approved posts (approved comments and
    published threads). Untrusted authors are pre-moderated; visitors without an account
    are never trusted."""
    if not _signed_in(user):
        return False
    if is_moderator(user) or verified_asn_profile(user) is not None:
        return True
    from django.utils import timezone

    age = (timezone.now() - user.date_joined).total_seconds()
    if age < settings.SERAMBI_TRUSTED_ACCOUNT_AGE:
        return False
    from .threads.selectors import approved_posts_count

    return approved_posts_count(user=user) >= settings.SERAMBI_TRUSTED_MIN_APPROVED


def thread_needs_approval(user) -> bool:
    """Whether a new thread by `user` waits in the moderation queue."""
    return settings.SERAMBI_THREAD_PREMODERATION and not is_trusted_author(user)


def check_can_view_queue(*, user) -> None:
    if not (_signed_in(user) and (is_moderator(user) or verified_asn_profile(user))):
        raise PermissionDenied(_("The unit queue is for verified ASN and moderators."))


def can_answer(user, thread: Thread) -> bool:
    if not _signed_in(user):
        return False
    if is_moderator(user):
        return True
    profile = verified_asn_profile(user)
    return profile is not None and profile.unit_id == thread.unit_id


def can_see_private_details(user, thread: Thread) -> bool:
    """The contact details the asker typed (masked in public, `ThreadPrivateDetail`):
    the unit's verified ASN, who may need to reach the asker, and moderators."""
    return can_answer(user, thread)


def can_moderate(user) -> bool:
    return _signed_in(user) and is_moderator(user)


def is_asker(user, thread: Thread) -> bool:
    return _signed_in(user) and thread.author_id == user.pk


def can_view_queue(user) -> bool:
    return _signed_in(user) and (is_moderator(user) or verified_asn_profile(user) is not None)


# --- comments and moderation ------------------------------------------------------------


def check_can_comment(*, user) -> None:
    """Anyone may comment (visitors confirm by email); a disabled account may not."""
    if user is not None and user.is_authenticated and not user.is_active:
        raise PermissionDenied(_("This account cannot comment."))


def check_can_react_to_comment(*, user) -> None:
    if not _signed_in(user):
        raise PermissionDenied(_("Sign in to like a comment."))


def check_can_flag(*, user) -> None:
    if not _signed_in(user):
        raise PermissionDenied(_("Sign in to report content to the moderators."))


def check_is_comment_author(*, user, comment) -> None:
    if not _signed_in(user) or comment.user_id != user.pk:
        raise PermissionDenied(_("Only the author of a comment can change it."))


def check_can_moderate(*, user) -> None:
    """The moderation queue and every moderation action."""
    if not (_signed_in(user) and is_moderator(user)):
        raise PermissionDenied(_("Only moderators can moderate."))
    check_second_factor(user=user)


# --- visibility: the one rule of who may see what -----------------------------------------
#
# Every route, feed, export, API and template tag asks these (or starts from
# `selectors.threads_visible_to()` / `threads_public()`, which apply the same rule as a
# query). Hidden things are *not found* (404), never "forbidden": a 403 would confirm that
# they exist. tests/core/test_visibility_walk.py requests every URL pattern of the site
# with hidden, pending, rejected and deleted objects as each role and fails on any leak.


def can_view_thread(user, thread: Thread) -> bool:
    """A thread (with its official answers, their history and its timeline) is seen by
    everyone while published; hidden by a moderator or after reports, by moderators
    only; waiting for moderation or rejected, by moderators and its own author (who is
    told it is not public)."""
    if thread.visibility == ThreadVisibility.PUBLISHED or can_moderate(user):
        return True
    return thread.visibility in AUTHOR_SEES and is_asker(user, thread)


def check_can_view_thread(*, user, thread: Thread) -> None:
    if not can_view_thread(user, thread):
        raise Http404


def can_view_comment(user, comment, *, target=None) -> bool:
    """A comment is shown (quoted above a reply form, liked, reported) only while it is
    public (approved, every comment above it approved, not deleted by its author) and
    what it comments on can be seen: a thread `can_view_thread` allows, or a live,
    public page. `target` is that thread or page when the caller already has it."""
    if not comment.is_public or comment.is_removed:
        return False
    return _comment_target_visible(user, comment, target)


def can_view_comment_place(user, comment, *, target=None) -> bool:
    """Where a comment stands on its page may be shown (its permalink) also when its
    author deleted it: the page shows a "removed" placeholder there, with no text, and
    the replies below it (or a later page continuing them) point at it."""
    return bool(comment.is_public) and _comment_target_visible(user, comment, target)


def _comment_target_visible(user, comment, target) -> bool:
    if target is None:
        from .comments.selectors import comment_target_object

        target = comment_target_object(comment)
    if target is None:
        return False
    if isinstance(target, Thread):
        return can_view_thread(user, target)
    return bool(target.live and target.get_view_restrictions().count() == 0)


def check_can_view_comment(*, user, comment, target=None) -> None:
    if not can_view_comment(user, comment, target=target):
        raise Http404


# --- the public-information path (ppid/) ---------------------------------------------


def is_ppid(user) -> bool:
    """PPID staff (issue 22: "a role, or ASN of the PPID unit"): the PPID role (given by
    a superuser), a superuser, or a verified ASN of the unit `SERAMBI_PPID_UNIT` names
    (the office's PPID; unset, no unit is)."""
    if not _signed_in(user):
        return False
    if user.has_perm("discussions.decide_informationrequest"):
        return True
    ppid_unit = settings.SERAMBI_PPID_UNIT
    profile = verified_asn_profile(user) if ppid_unit else None
    return profile is not None and profile.unit.slug == ppid_unit


def is_ppid_superior(user) -> bool:
    """The atasan PPID: the role given by a superuser (or a superuser)."""
    return _signed_in(user) and user.has_perm("discussions.answer_objection")


def check_can_decide_request(*, user, thread: Thread) -> None:
    """Only PPID staff record the written decision on an information request."""
    if not is_ppid(user):
        raise PermissionDenied(_("Only PPID staff can record the decision on a request."))


def check_can_object(*, user, thread: Thread) -> None:
    """Only the requester files an objection to the PPID's decision."""
    if not _signed_in(user) or thread.author_id != user.pk:
        raise PermissionDenied(_("Only the person who made the request can object."))


def check_can_answer_objection(*, user, thread: Thread) -> None:
    if not is_ppid_superior(user):
        raise PermissionDenied(_("Only the atasan PPID can answer an objection."))


def can_view_case(user, thread: Thread) -> bool:
    """The receipt, the decision letter and the case file name the requester: they are
    for the requester, PPID staff, the atasan PPID and moderators."""
    return bool(_signed_in(user) and (
        thread.author_id == user.pk or is_ppid(user) or is_ppid_superior(user)
        or is_moderator(user)
    ))


def check_can_view_case(*, user, thread: Thread) -> None:
    if not can_view_case(user, thread):
        raise PermissionDenied(_("These papers are for the requester and the PPID."))
# --- satisfaction survey (SKM) -----------------------------------------------------------


def check_can_answer_survey(*, user, thread: Thread) -> None:
    """Only the asker rates the service their thread received."""
    if not _signed_in(user) or thread.author_id != user.pk:
        raise PermissionDenied(_("Only the person who opened this thread can rate the service."))


def check_can_edit_follow_up(*, user, unit) -> None:
    """A unit's follow-up plan: its verified ASN, or a moderator."""
    if not _signed_in(user):
        raise PermissionDenied(_("Only a verified ASN of this unit or a moderator can do this."))
    check_can_answer_officially(user=user, unit=unit)


def can_edit_follow_up(user, unit) -> bool:
    if not _signed_in(user):
        return False
    if is_moderator(user):
        return True
    profile = verified_asn_profile(user)
    return profile is not None and profile.unit_id == unit.pk
