"""Demo satisfaction survey (SKM) for `manage.py seed_demo`, after the forum: the askers
of one unit's resolved threads all answer (the unit reaches its minimum sample and shows
an index, with a follow-up plan); another unit gets one answer only ("not enough
responses"). Comments wait in the moderators' survey queue. Running it again adds nothing."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Exists, OuterRef
from django.utils import timezone

from forum_site.accounts.models import User

from .. import clock
from ..demo import ASN_BY_UNIT
from ..faq import services as faq_services
from ..models import SurveyResponse, Thread, ThreadStatus
from . import services as survey_services
from .models import ELEMENT_FIELDS

# Ratings that read like a real office: conduct and competence high, time and
# facilities lower (the follow-up plan addresses those).
PATTERNS = (
    (4, 3, 3, 4, 3, 4, 4, 3, 3),
    (3, 3, 2, 4, 3, 4, 4, 3, 3),
    (4, 4, 3, 4, 4, 4, 4, 4, 3),
    (3, 3, 3, 4, 3, 3, 4, 3, 2),
)
COMMENTS = (
    "Jawabannya jelas, tetapi saya menunggu agak lama sebelum ada tanggapan pertama.",
    "Petugas sopan dan membantu. Mohon formulir daring dibuat lebih sederhana.",
)
PLAN = (
    "1. Waktu pelayanan: tanggapan pertama paling lambat 1 hari kerja; piket penjawab "
    "forum bergilir setiap hari (penanggung jawab: Kepala Subbagian Umum, mulai bulan "
    "depan).\n2. Sarana: formulir daring disederhanakan dan diuji bersama warga pada "
    "triwulan berikutnya.\n3. Prosedur: alur layanan diterbitkan di halaman unit."
)


def _resolved_by_unit() -> dict[int, list[Thread]]:
    threads = (Thread.objects.filter(status=ThreadStatus.RESOLVED, author__isnull=False,
                                     resolved_at__isnull=False)
               .select_related("unit", "author").order_by("resolved_at", "pk"))
    grouped: dict[int, list[Thread]] = defaultdict(list)
    for thread in threads:
        grouped[thread.unit_id].append(thread)
    return grouped


def _answer(thread: Thread, index: int, *, comment: str = "") -> bool:
    if SurveyResponse.objects.filter(thread=thread).exists():
        return False
    scores = dict(zip(ELEMENT_FIELDS, PATTERNS[index % len(PATTERNS)], strict=True))
    with clock.frozen(thread.resolved_at + dt.timedelta(hours=2)):
        survey_services.survey_submit(user=thread.author, thread=thread, scores=scores,
                                      comment=comment, gender="mf"[index % 2],
                                      age_band=("20-29", "30-39", "40-49")[index % 3])
    return True


def seed_survey(*, log) -> None:
    grouped = _resolved_by_unit()
    units = sorted(grouped.values(), key=len, reverse=True)
    if len(units) < 2 or len(units[1]) < 2:
        log("  survey: not enough resolved demo threads; run the forum seeder first")
        return
    reaching, short = units[0], units[1]
    added = sum(_answer(thread, i, comment=COMMENTS[0] if i == 0 else "")
                for i, thread in enumerate(reaching))
    added += _answer(short[0], 1, comment=COMMENTS[1])
    unit = reaching[0].unit
    asn = User.objects.filter(email=ASN_BY_UNIT.get(unit.slug, "")).first()
    if asn is not None:
        year = timezone.localtime(reaching[-1].resolved_at).year
        survey_services.follow_up_plan_save(user=asn, unit=unit, year=year, plan=PLAN,
                                            elements=["service_time", "facilities", "procedure"])
    if asn is not None:
        _faq(asn, [t for t in reaching if t.answers_count])
    answered = Thread.objects.filter(Exists(SurveyResponse.objects.filter(thread=OuterRef("pk"))))
    log(f"  survey: {answered.count()} responses ({added} new): {unit.name} reaches its "
        f"sample, {short[0].unit.name} does not")


def _faq(asn, threads) -> None:
    """One FAQ entry from the unit's first resolved, answered thread (once)."""
    from django.core.exceptions import ValidationError

    from ..faq.services import faq_source_answer
    from ..models import FaqEntry

    for thread in threads[:1]:
        source = faq_source_answer(thread)
        if source is None or FaqEntry.objects.filter(thread=thread).exists():
            continue
        try:
            faq_services.faq_save(user=asn, thread=thread, question=thread.title,
                                  answer=source.body,
                                  review_by=timezone.localdate() + dt.timedelta(days=365))
        except ValidationError:
            continue
