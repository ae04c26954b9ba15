"""The statistics page: exact medians and p90s in working days, minimum sample, filters in
the URL, overdue counts, equality with the open data, bounded queries and caching."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from discussions import clock, statistics
from discussions.models import Thread, ThreadStatus
from discussions.threads import services
from discussions.threads.selectors import threads_public
from tests.discussions.factories import CategoryFactory, ThreadFactory

from .helpers import FRIDAY, answered_after, at, csv_rows, nearest_rank

pytestmark = pytest.mark.django_db


def test_answer_time_counts_working_days_across_weekend_and_holiday(
    independence_day, verified_asn, category_a
):
    # Opened Friday 14 August; Sat, Sun, Mon 17 August (holiday) are no working days.
    thread = ThreadFactory(category=category_a, created_at=at(FRIDAY, 16))
    with clock.frozen(at(dt.date(2026, 8, 18), 10)):
        services.answer_publish(user=verified_asn, thread=thread,
                                body="Jawaban resmi atas pertanyaan ini, mohon dicek.")
    thread.refresh_from_db()
    assert thread.answer_working_days == 1
    assert thread.first_response_working_days == 1
    assert thread.resolution_working_days is None


def test_resolution_time_is_stored_when_the_asker_confirms(independence_day, category_a):
    thread = ThreadFactory(category=category_a, created_at=at(FRIDAY),
                           status=ThreadStatus.ANSWERED, answered_at=at(dt.date(2026, 8, 18)))
    with clock.frozen(at(dt.date(2026, 8, 28), 11)):  # Friday two weeks later
        services.thread_confirm_resolved(user=thread.author, thread=thread)
    thread.refresh_from_db()
    # 18–21 and 24–28 August, less Tuesday 25 August (Maulid Nabi, seeded by migration 0003).
    assert thread.resolution_working_days == 8


def test_median_and_p90_are_nearest_rank_values(independence_day, category_a):
    answered_after([1, 3, 3, 7, 20], category=category_a)
    figure = statistics.duration_figures(threads_public())[0]["answer"]
    assert (figure.count, figure.median, figure.p90) == (5, 3, 20)


def test_median_of_an_even_count_is_the_lower_middle_value(independence_day, category_a):
    answered_after(list(range(1, 11)), category=category_a)
    figure = statistics.duration_figures(threads_public())[0]["answer"]
    assert (figure.count, figure.median, figure.p90) == (10, 5, 9)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="percentile_disc is PostgreSQL")
def test_same_values_as_postgresql_percentile_disc(independence_day, category_a):
    answered_after([2, 9, 4, 4, 1, 13, 6, 8, 5, 5, 3, 21], category=category_a)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY answer_working_days), "
            "percentile_disc(0.9) WITHIN GROUP (ORDER BY answer_working_days) "
            "FROM discussions_thread WHERE answer_working_days IS NOT NULL"
        )
        median, p90 = cursor.fetchone()
    figure = statistics.duration_figures(threads_public())[0]["answer"]
    assert (figure.median, figure.p90) == (median, p90) == (5, 13)


def test_page_shows_exact_figures_per_unit_and_category(
    client, independence_day, category_a, category_b
):
    answered_after([1, 2, 2, 4, 6, 8], category=category_a)
    answered_after([1, 2, 3, 4], category=category_b)  # under the minimum sample
    html = client.get("/statistik/").content.decode()
    units = html[html.index('id="units"'):html.index('id="categories"')]
    assert "2 / 8 hk" in units and "(n=6)" in units
    assert "tidak cukup data" in units and "(n=4)" in units
    # The chart draws no bar for the unit under the minimum sample.
    chart = units[units.index("<svg"):units.index("</svg>")]
    assert chart.count('class="chart__bar') == 2
    assert 'role="img"' in chart and "<title" in chart and "<desc" in chart
    assert 'style="' not in html


def test_figures_under_the_minimum_sample_are_hidden_and_configurable(
    client, settings, independence_day, category_a
):
    answered_after([1, 2, 3], category=category_a)
    assert "tidak cukup data (n=3)" in client.get("/statistik/").content.decode()
    settings.SERAMBI_STATS_MIN_SAMPLE = 3
    settings.SERAMBI_STATS_CACHE_SECONDS = 0
    assert "2 / 3 hk" in client.get("/statistik/").content.decode()


def test_filters_live_in_the_url(client, independence_day, category_a, category_b):
    answered_after([1, 1, 1, 1, 1], category=category_a)
    answered_after([9, 9, 9, 9, 9], category=category_b)
    page = client.get("/statistik/?unit=dinkes").content.decode()
    overview = page[page.index('id="overview"'):page.index('id="units"')]
    assert "9 / 9 hk" in overview and "1 / 1 hk" not in overview
    assert '<option value="dinkes" selected>' in page
    both = client.get("/statistik/").content.decode()
    assert "1 / 9 hk" in both[both.index('id="overview"'):both.index('id="units"')]


def test_unknown_filter_is_a_clear_400(client):
    response = client.get("/statistik/?unit=tidak-ada&year=1999")
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()


def test_overdue_counts_and_oldest_first(client, unit_a, category_a):
    newer = ThreadFactory(category=category_a, is_overdue=True, title="Terlambat yang lebih baru",
                          created_at=at(dt.date(2026, 11, 10)))
    older = ThreadFactory(category=category_a, is_overdue=True, title="Terlambat yang paling lama",
                          created_at=at(dt.date(2026, 10, 1)))
    ThreadFactory(category=category_a, is_overdue=True, status=ThreadStatus.ANSWERED)  # not now
    ThreadFactory(category=category_a)
    html = client.get("/statistik/").content.decode()
    overdue = html[html.index('id="overdue"'):html.index('id="training"')]
    assert overdue.index(older.title) < overdue.index(newer.title)
    assert statistics.status_counts(threads_public())[0].overdue == 2
    unit_page = client.get("/statistik/unit/bkpsdm/").content.decode()
    assert unit_page.index(older.title) < unit_page.index(newer.title)


def test_statistics_equal_the_threads_export(client, independence_day, category_a, category_b):
    answered_after([1, 2, 5, 5, 7, 12], category=category_a)
    answered_after([2, 3, 3, 8, 9], category=category_b)
    ThreadFactory(category=category_a, is_overdue=True)
    ThreadFactory(category=category_b, status=ThreadStatus.CLOSED, close_reason="off_topic")
    rows = csv_rows(client.get("/data/threads.csv"))
    figures = statistics.grouped(threads_public(), group="unit")
    for unit_slug, unit_rows in (("bkpsdm", [r for r in rows if r["unit"] == "bkpsdm"]),
                                 ("dinkes", [r for r in rows if r["unit"] == "dinkes"])):
        stats = next(s for k, s in figures.items()
                     if Thread.objects.filter(unit_id=k, unit__slug=unit_slug).exists())
        values = [int(r["answer_working_days"]) for r in unit_rows if r["answer_working_days"]]
        assert stats.figures["answer"].count == len(values)
        assert stats.figures["answer"].median == nearest_rank(values, 50)
        assert stats.figures["answer"].p90 == nearest_rank(values, 90)
        assert stats.counts.total == len(unit_rows)
        assert stats.counts.overdue == sum(r["is_overdue"] == "true" for r in unit_rows)
    html = client.get("/statistik/").content.decode()
    all_values = [int(r["answer_working_days"]) for r in rows if r["answer_working_days"]]
    assert f"{nearest_rank(all_values, 50)} / {nearest_rank(all_values, 90)} hk" in html


def test_hidden_threads_are_excluded_everywhere(client, monkeypatch, category_a):
    """Moderation hides a thread by narrowing threads_public(); the statistics, exports
    and feeds all start from it."""
    shown = ThreadFactory(category=category_a, title="Utas yang tampil untuk umum")
    hidden = ThreadFactory(category=category_a, title="Utas yang disembunyikan moderator",
                           is_overdue=True)
    from discussions.threads import selectors

    original = selectors.threads_public
    monkeypatch.setattr(selectors, "threads_public",
                        lambda: original().exclude(pk=hidden.pk))
    assert [r["thread_id"] for r in csv_rows(client.get("/data/threads.csv"))] == [str(shown.pk)]
    html = client.get("/statistik/").content.decode()
    assert hidden.title not in html
    assert statistics.status_counts(selectors.threads_public())[0].total == 1
    assert hidden.title not in client.get("/statistik/unit/bkpsdm/").content.decode()
    assert hidden.title not in client.get("/forum/feed/terlambat/bkpsdm/").content.decode()


def _threads(n, categories):
    for i in range(n):
        category = categories[i % len(categories)]
        ThreadFactory(category=category, created_at=at(FRIDAY - dt.timedelta(days=i * 7)),
                      is_overdue=i % 5 == 0, status=ThreadStatus.OPEN if i % 3 else "answered",
                      answered_at=None if i % 3 else at(FRIDAY), answer_working_days=(
                          None if i % 3 else i % 11))


# Figures computed (the first view after a change): 15 on SQLite (the groups per unit,
# category and month take three queries there, one on PostgreSQL); signed in, the
# session and the user (with the header's count) too. Cached, a view costs the filter
# form's two lists (issue 20), and signed in the session and the user.
QUERY_BUDGET = 15
CACHED_BUDGET = 2
LEDGER = '"discussions_moderationledgerentry"'


@pytest.mark.parametrize("size", [10, 80])
def test_statistics_page_queries_do_not_grow(
    client, size, unit_a, unit_b, citizen, django_assert_max_num_queries
):
    categories = [CategoryFactory(default_unit=unit) for unit in (unit_a, unit_b)
                  for _ in range(2)]
    _threads(size, categories)
    client.get("/statistik/")  # warm: the office identity and the locales in the cache
    url = "/statistik/?kind=complaint"  # figures not computed yet
    with django_assert_max_num_queries(QUERY_BUDGET):
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(CACHED_BUDGET):
        assert client.get(url).status_code == 200
    client.force_login(citizen)
    client.get("/statistik/")  # the session's first read
    with django_assert_max_num_queries(CACHED_BUDGET + 2):
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(QUERY_BUDGET + 2):  # computed, signed in
        assert client.get("/statistik/?kind=question").status_code == 200


def test_figures_are_cached_per_filter_for_every_visitor(client, category_a, citizen):
    ThreadFactory(category=category_a)
    with CaptureQueriesContext(connection) as first:
        client.get("/statistik/")
    with CaptureQueriesContext(connection) as second:
        client.get("/statistik/")
    # Computed: 10 queries on PostgreSQL, 12 on SQLite; cached: the form's two lists.
    assert len(second) < len(first) - 6
    with CaptureQueriesContext(connection) as other_filter:
        client.get("/statistik/?kind=complaint")
    assert len(other_filter) > len(second) + 6
    client.force_login(citizen)
    client.get("/forum/")  # the session's first read
    with CaptureQueriesContext(connection) as signed_in:
        client.get("/statistik/")
    # The session, the user and the filter form's two lists; no figure computed.
    assert len(signed_in) <= CACHED_BUDGET + 2
    assert not any(LEDGER in query["sql"] for query in signed_in)


def _computed(client, url="/statistik/") -> bool:
    """Whether this view computed the figures (a cached view reads none of them; the
    moderation section's ledger is read by nothing else on the page)."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return any(LEDGER in query["sql"] for query in queries)


def test_every_change_the_figures_count_empties_their_cache_at_once(
    client, django_capture_on_commit_callbacks, independence_day, category_a, citizen,
    verified_asn, moderator,
):
    """The cache serves signed-in visitors too because no write it counts leaves it
    stale: a thread answered, and a moderation decision that changes nothing public (a
    pending comment rejected, which only the ledger's counts show), each make the next
    view, anonymous or signed in, compute the figures again."""
    from discussions.comments import services as comment_services
    from discussions.moderation import services as moderation_services

    thread = ThreadFactory(category=category_a, author=citizen)
    signed_in = type(client)()
    signed_in.force_login(citizen)
    for visitor in (client, signed_in):
        _computed(visitor)
        assert not _computed(visitor)
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_publish(user=verified_asn, thread=thread,
                                body="Jawaban resmi atas pertanyaan ini, mohon dicek.")
    assert _computed(signed_in) and not _computed(client)  # one computation serves both
    with django_capture_on_commit_callbacks(execute=True):
        pending = comment_services.comment_create(
            target=comment_services.target_for(thread), user=citizen,
            body="Komentar yang menunggu moderasi di utas ini.", parent=None,
        )
    assert not _computed(client)  # a comment waiting for moderation changes no figure
    with django_capture_on_commit_callbacks(execute=True):
        moderation_services.comments_moderate(moderator=moderator, comment_ids=[pending.pk],
                                              action="reject", rule="spam")
    assert _computed(client) and not _computed(signed_in)


def test_english_page_and_menu_link(client):
    response = client.get("/en/statistics/")
    assert response.status_code == 200
    assert "Statistics" in response.content.decode()
    assert 'href="/statistik/"' in client.get("/forum/").content.decode()


def test_month_buckets_give_the_same_months_as_the_calendar_in_wita(category_a):
    """The month section groups by comparing created_at with the months' first instants
    (statistics.month_buckets); threads on either side of a WITA midnight that is still
    the previous day in UTC land in the same months as EXTRACT in the site time zone."""
    wita = dt.timezone(dt.timedelta(hours=8))
    moments = [
        dt.datetime(2026, 10, 31, 23, 59, tzinfo=wita),  # 15:59 UTC, October
        dt.datetime(2026, 11, 1, 0, 1, tzinfo=wita),  # 31 Oct 16:01 UTC, November
        dt.datetime(2026, 11, 30, 23, 59, tzinfo=wita),
        dt.datetime(2026, 12, 1, 0, 0, tzinfo=wita),  # after the last month: no key
        dt.datetime(2026, 1, 1, 0, 0, tzinfo=wita),
        dt.datetime(2025, 12, 31, 23, 59, tzinfo=wita),  # before the first month
    ]
    for moment in moments:
        ThreadFactory(category=category_a, created_at=moment)
    keys = [202601 + n for n in range(11)]  # January to November 2026
    calendar = statistics.grouped(threads_public(), group="month")
    buckets = statistics.grouped(threads_public(), group=statistics.month_buckets(keys))
    by_calendar = {key: g.counts.total for key, g in calendar.items() if key in keys}
    by_bucket = {key: g.counts.total for key, g in buckets.items() if key is not None}
    assert by_bucket == by_calendar == {202601: 1, 202610: 1, 202611: 2}
    assert buckets[None].counts.total == 2


def test_month_buckets_roll_over_the_year(category_a):
    ThreadFactory(category=category_a, created_at=at(dt.date(2027, 1, 1)))
    ThreadFactory(category=category_a, created_at=at(dt.date(2026, 12, 31), 23))
    groups = statistics.grouped(threads_public(), group=statistics.month_buckets([202611, 202612]))
    assert groups[202612].counts.total == 1 and groups[None].counts.total == 1
