"""Factories for the forum. Threads are built with their deadlines as the SLA clock would
set them, so tests can backdate `created_at` and still get coherent rows."""

import datetime as dt

import factory
from django.utils import timezone

from discussions.models import (
    Category,
    Follow,
    Holiday,
    OfficialAnswer,
    Support,
    Thread,
    ThreadEvent,
    ThreadEventKind,
    ThreadKind,
    ThreadStatus,
)
from discussions.text import render_markdown
from tests.accounts.factories import UnitFactory, UserFactory


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Layanan Contoh {n}")
    slug = factory.Sequence(lambda n: f"layanan-contoh-{n}")
    description = "Pertanyaan tentang layanan contoh."
    default_unit = factory.SubFactory(UnitFactory)


class HolidayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Holiday
        django_get_or_create = ("date",)

    date = dt.date(2026, 8, 17)
    name = "Hari Kemerdekaan Republik Indonesia"
    kind = Holiday.Kind.NATIONAL


class ThreadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Thread
        skip_postgeneration_save = True

    kind = ThreadKind.QUESTION
    title = factory.Sequence(lambda n: f"Kapan pendaftaran pelatihan kepemimpinan gelombang {n}?")
    body = "Mohon informasi jadwal dan syarat pendaftaran pelatihan kepemimpinan tahun depan."
    body_html = factory.LazyAttribute(lambda o: render_markdown(o.body))
    author = factory.SubFactory(UserFactory)
    category = factory.SubFactory(CategoryFactory)
    unit = factory.LazyAttribute(lambda o: o.category.default_unit)
    status = ThreadStatus.OPEN
    created_at = factory.LazyFunction(timezone.now)
    updated_at = factory.LazyAttribute(lambda o: o.created_at)
    first_response_due = factory.LazyAttribute(
        lambda o: timezone.localdate(o.created_at) + dt.timedelta(days=5)
    )
    answer_due = factory.LazyAttribute(
        lambda o: timezone.localdate(o.created_at) + dt.timedelta(days=7)
    )

    @factory.post_generation
    def indexed(obj, create, extracted, **kwargs):
        """Index the thread as the services do after commit (unless indexed=False)."""
        if create and extracted is not False:
            from search.services import index_records

            index_records(record_type="thread", ids=[obj.pk])


class ThreadEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ThreadEvent

    thread = factory.SubFactory(ThreadFactory)
    kind = ThreadEventKind.CREATED
    actor = None
    actor_name = "Warga"
    actor_role = "citizen"
    from_status = ""
    to_status = ThreadStatus.OPEN
    data = factory.LazyFunction(lambda: {"unit": "BKPSDM"})


class OfficialAnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OfficialAnswer

    thread = factory.SubFactory(ThreadFactory)
    author = factory.SubFactory(UserFactory)
    signer_name = "Dewi Pegawai"
    signer_position = "Analis Kebijakan Ahli Muda"
    signer_unit = "Badan Kepegawaian dan Pengembangan SDM"
    body = "Pendaftaran dibuka pada bulan Februari melalui laman BKPSDM."
    body_html = factory.LazyAttribute(lambda o: render_markdown(o.body))


class SupportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Support

    thread = factory.SubFactory(ThreadFactory)
    user = factory.SubFactory(UserFactory)


class FollowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Follow

    thread = factory.SubFactory(ThreadFactory)
    user = factory.SubFactory(UserFactory)


def resolved_thread(**kwargs):
    """A thread resolved now (as the asker's confirmation leaves it)."""
    now = timezone.now()
    kwargs.setdefault("status", ThreadStatus.RESOLVED)
    kwargs.setdefault("answered_at", now - dt.timedelta(days=2))
    kwargs.setdefault("resolved_at", now)
    kwargs.setdefault("indexed", False)
    return ThreadFactory(**kwargs)


def survey_response(*, thread, scores, **kwargs):
    """A satisfaction survey response for a resolved thread (nine scores 1–4)."""
    from discussions.survey.models import ELEMENT_FIELDS, SurveyResponse

    return SurveyResponse.objects.create(
        thread=thread, unit=thread.unit, respondent=thread.author,
        period_year=timezone.localtime(thread.resolved_at or timezone.now()).year,
        editable_until=timezone.now() + dt.timedelta(hours=24),
        **dict(zip(ELEMENT_FIELDS, scores, strict=True)), **kwargs,
    )


def score_grid(*, respondents: int, total: int) -> list[list[int]]:
    """`respondents` rows of nine ratings summing to `total` (all 4, lowered cell by
    cell), for hand-computed IKM examples."""
    grid = [[4] * 9 for _ in range(respondents)]
    excess = 36 * respondents - total
    cell = 0
    while excess > 0:
        row, column = divmod(cell % (9 * respondents), 9)
        if grid[row][column] > 1:
            grid[row][column] -= 1
            excess -= 1
        cell += 1
    return grid
