"""Demo comments (seed_demo, after the forum): threaded discussion on the demo thread,
on a program and an outcome; an anonymous comment waiting in the queue; a comment
published with its phone number masked; one hidden after reports; one rejected as spam;
enough short ones on the demo thread for a second page of comments. Every step goes
through the real services, so the moderation ledger has true figures."""

from __future__ import annotations

from django.test.utils import override_settings

from forum_site.accounts.models import User

from ..models import Comment, Thread
from ..moderation import services as moderation_services
from . import services as comment_services
from .services import make_confirmation_token

PROGRAM_SLUG = "manajemen-proyek-gedung-layanan"
OUTCOME_SLUG = "mpp-mamuju-selesai-lebih-cepat"
FIRST = "Terima kasih infonya. Apakah peserta dari kabupaten juga bisa mendaftar lewat OPD?"
# Enough top-level comments on the demo thread for a second page of comments (issue 20:
# the browser gate visits page 1 and page 2 of a long thread).
LONG_THREAD_EXTRA = 26


def _page(slug):
    from wagtail.models import Page

    return Page.objects.live().filter(slug=slug, locale__language_code="id").specific().first()


def _user(email):
    return User.objects.filter(email=email).first()


def seed_comments(*, log) -> None:
    from ..demo import ASN_BY_UNIT, CITIZENS, MODERATOR, THREADS

    if Comment.objects.filter(comment=FIRST).exists():
        log(f"  comments: {Comment.objects.count()} (already seeded)")
        return
    thread = Thread.objects.filter(title=THREADS[0].title).first()
    program, outcome = _page(PROGRAM_SLUG), _page(OUTCOME_SLUG)
    moderator, asn = _user(MODERATOR), _user(ASN_BY_UNIT["bkpsdm"])
    citizens = [_user(email) for email, *_rest in CITIZENS]
    if None in (thread, moderator, asn) or None in citizens:
        log("  comments: forum demo data missing; run the forum seeder first")
        return
    post = _poster(moderator)
    with override_settings(SERAMBI_RATE_LIMITS_ENABLED=False):
        _thread_comments(post, thread, citizens=citizens, asn=asn, moderator=moderator)
        if program is not None:
            top = post(program, citizens[0], "Materinya sangat membantu untuk proyek gedung "
                       "layanan di kantor kami. Apakah modulnya bisa diunduh?")
            post(program, asn, "Modul akan diunggah di halaman Laporan setelah evaluasi "
                 "pelatihan selesai.", parent=top)
        if outcome is not None:
            _outcome_comments(post, outcome, citizens=citizens)
    _cancel_demo_emails()
    log(f"  comments: {Comment.objects.count()} comments, "
        f"{Comment.objects.filter(needs_review=True).count()} waiting for moderators")


def _poster(moderator):
    """`post(obj, user, text, parent=None, approve=True)`: a comment through the service,
    approved by the demo moderator when it waits for one (unless `approve` is false)."""
    def post(obj, user, text, parent=None, approve=True):
        comment = comment_services.comment_create(
            target=comment_services.target_for(obj), user=user, body=text, parent=parent,
        )
        if approve and comment.status == "pending":
            moderation_services.comments_moderate(moderator=moderator, comment_ids=[comment.pk],
                                                  action="approve")
            comment.refresh_from_db()
        return comment

    return post


def _thread_comments(post, thread, *, citizens, asn, moderator) -> None:
    """On the demo thread: a reply tree, a masked phone number, a comment hidden after
    reports and one rejected as spam."""
    first = post(thread, citizens[1], FIRST)
    answer = post(thread, asn, "Bisa. Usulan peserta dari kabupaten dikirim oleh BKPSDM "
                  "kabupaten masing-masing paling lambat akhir Januari.", parent=first)
    post(thread, citizens[2], "Baik, saya akan tanyakan ke BKPSDM kabupaten kami. "
         "Terima kasih.", parent=answer)
    post(thread, citizens[3], "Semoga kuotanya ditambah, tahun lalu banyak yang tidak "
         "kebagian tempat.")
    post(thread, citizens[4], "Kalau ada pertanyaan soal berkas, hubungi saya di "
         "0812-4455-6677 ya, saya panitia tahun lalu.")  # published masked
    flagged = post(thread, citizens[5], "Pelatihan ini cuma formalitas, pejabatnya "
                   "tidak becus semua!")
    for citizen in citizens[:7]:
        if citizen.pk != flagged.user_id and flagged.status == "approved":
            moderation_services.comment_flag(user=citizen, comment=flagged, reason="abuse")
            flagged.refresh_from_db()
    for n in range(1, LONG_THREAD_EXTRA + 1):
        post(thread, citizens[n % len(citizens)],
             f"Ikut menyimak dari kantor kami, catatan warga ke-{n}.")
    spam = comment_services.comment_create(
        target=comment_services.target_for(thread), user=citizens[6],
        body="Pinjaman cepat cair tanpa agunan, klik tautan.",
    )
    moderation_services.comments_moderate(moderator=moderator, comment_ids=[spam.pk],
                                          action="reject", rule="spam",
                                          note="Iklan pinjaman daring.")


def _outcome_comments(post, outcome, *, citizens) -> None:
    """On the outcome page: a citizen's comment and an anonymous one, confirmed and
    waiting for the moderators."""
    post(outcome, citizens[7], "Antrean di MPP sekarang jauh lebih cepat, terima "
         "kasih.")
    waiting = comment_services.comment_create(
        target=comment_services.target_for(outcome), user=None, name="Rahmawati",
        email="rahmawati@contoh.localhost", consent=True,
        body="Apakah layanan MPP juga buka hari Sabtu untuk perekaman KTP-el?",
    )
    comment_services.comment_confirm(token=make_confirmation_token(waiting))


def _cancel_demo_emails() -> None:
    """Demo emails are never sent, nor are the notices about the demo's comments
    (issue 17)."""
    from forum_site.core import outbox

    from ..models import Notification
    from ..notifications.services import EMAIL_KIND
    from .services.emails import EMAIL_KINDS

    for kind in EMAIL_KINDS.values():
        outbox.cancel(kind=kind, object_ids=Comment.objects.values_list("pk", flat=True))
    outbox.cancel(kind=EMAIL_KIND, object_ids=Notification.objects.filter(
        comment__isnull=False).values_list("pk", flat=True))
