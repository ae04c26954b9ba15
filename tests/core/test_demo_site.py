"""The demo site, seeded once for the module: `manage.py seed_demo` itself (idempotent
content: units, one account per role, home page, the publication set) and the tests that
read the whole demo site as its users do (navigation, search, statistics, exports).

They were spread over five modules, each seeding the demo site again (8-10 s of CPU a
seed, per database run); here they share one seed (issue 14). Each test runs in its own
savepoint, so what one test writes is gone for the next.
"""

import json
import re
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupPagePermission, Locale, Page, Site

from discussions.models import Comment, CommentStatus
from forum_site.accounts import roles
from forum_site.accounts.models import AsnProfile, Consent, Unit, User
from forum_site.core import opendata
from forum_site.transparency.models import InformationServiceReportPage
from publications.models import (
    HomePage,
    OutcomePage,
    PartnerInstitution,
    PublicInformationEntry,
    TrainingProgramPage,
)
from tests.transparency.helpers import csv_rows

pytestmark = pytest.mark.django_db


def _seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def _counts() -> dict[str, int]:
    """Row counts of every model in our apps, plus the Wagtail and allauth rows we seed."""
    labels = ("accounts", "publications", "discussions", "serambi_search")
    counts: dict[str, int] = {}
    for label in labels:
        try:
            config = apps.get_app_config(label)
        except LookupError:
            continue
        for model in config.get_models():
            counts[model._meta.label] = model._default_manager.count()
    counts["wagtailcore.Page"] = Page.objects.count()
    counts["wagtailcore.Site"] = Site.objects.count()
    counts["account.EmailAddress"] = EmailAddress.objects.count()
    counts["auth.User_groups"] = User.groups.through.objects.count()
    return counts


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """Seed once for the module (seeding the whole demo site takes seconds), inside a
    transaction rolled back afterwards; each test still runs in its own savepoint."""
    with django_db_blocker.unblock(), transaction.atomic():
        output = _seed()
        yield output
        transaction.set_rollback(True)


def test_seed_demo_reports_success(seeded):
    assert "Demo data ready." in seeded


@pytest.mark.slow(reason="runs the whole demo site (seed_demo: 7-9 s of CPU, and growing)")
def test_seed_demo_is_idempotent(seeded):
    first = _counts()
    assert "Demo data ready." in _seed()
    assert _counts() == first


def test_seed_demo_creates_units(seeded):
    assert Unit.objects.filter(is_active=True).count() >= 2
    assert Unit.objects.filter(slug="bkpsdm").exists()
    for unit in Unit.objects.all():
        unit.full_clean()


def test_seed_demo_creates_one_account_per_role(seeded):
    for role in roles.ALL_ROLES:
        assert User.objects.filter(groups__name=role, is_active=True).exists(), role
    assert User.objects.filter(is_superuser=True).exists()
    assert AsnProfile.objects.filter(status=AsnProfile.Status.VERIFIED).exists()
    assert AsnProfile.objects.filter(status=AsnProfile.Status.PENDING).exists()
    asn_group = Group.objects.get(name=roles.ASN)
    for profile in AsnProfile.objects.select_related("user"):
        profile.full_clean()  # the demo NIPs are valid NIPs
        assert (asn_group in profile.user.groups.all()) == profile.is_verified
    for user in User.objects.all():
        assert EmailAddress.objects.filter(user=user, verified=True).exists(), user.email
    # Every demo account is left as a real registration leaves it: consented.
    for user in User.objects.filter(is_superuser=False):
        assert Consent.objects.filter(user=user).exists(), user.email


def test_seed_demo_accounts_can_sign_in(seeded):
    from forum_site.accounts.demo import DEMO_PASSWORD

    moderator = User.objects.filter(groups__name=roles.MODERATOR).first()
    client = Client()
    response = client.post(
        reverse("account_login"), {"login": moderator.email, "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    assert client.get(reverse("accounts_admin:verification_queue")).status_code == 200


def test_seed_demo_creates_the_home_page_in_both_languages(seeded):
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert HomePage.objects.filter(locale__language_code="id", live=True).exists()
    assert HomePage.objects.filter(locale__language_code="en", live=True).exists()
    client = Client()
    home_id, home_en = client.get("/"), client.get("/en/")
    assert home_id.status_code == home_en.status_code == 200
    assert '<html lang="id"' in home_id.content.decode()
    assert '<html lang="en"' in home_en.content.decode()


def test_seed_demo_never_publishes_demo_nips(seeded):
    client = Client()
    pages = ["/", "/en/"]
    html = "".join(client.get(p).content.decode() for p in pages)
    for nip in AsnProfile.objects.values_list("nip", flat=True):
        assert nip not in html


# --- the publication set (was tests/publications/test_demo.py) ---------------------------


@pytest.mark.slow(reason="seeds the whole demo site a second time (seed_demo: 7-9 s of CPU)")
def test_seed_demo_builds_the_publication_set_idempotently(seeded, client):
    _seed()  # a second time, on the module's seeded site

    locale_id = Locale.objects.get(language_code="id")
    programs = TrainingProgramPage.objects.live().filter(locale=locale_id)
    assert programs.count() >= 12
    assert {"internship", "joint_research", "workshop", "course", "socialisation"} <= set(
        programs.values_list("format", flat=True))
    assert programs.values("competency_area").distinct().count() == 5
    outcomes = OutcomePage.objects.live().filter(locale=locale_id)
    assert outcomes.count() == 6
    assert outcomes.filter(status="not_achieved").exists()
    early = outcomes.get(slug="mpp-mamuju-selesai-lebih-cepat")
    assert early.schedule_variance.days == 21 and early.budget_variance.percent == 8
    assert PartnerInstitution.objects.count() >= 3
    assert PublicInformationEntry.objects.needing_refresh().exists()
    # Every Indonesian page has its English twin.
    english = TrainingProgramPage.objects.live().filter(locale__language_code="en")
    assert english.count() == programs.count()
    # Tim Komunikasi edits below the home page only.
    assert not GroupPagePermission.objects.filter(group__name=roles.COMMUNICATIONS,
                                                  page__depth=1).exists()

    for url in ("/program/", "/en/programs/", "/capaian/mpp-mamuju-selesai-lebih-cepat/",
                "/en/outcomes/mpp-mamuju-selesai-lebih-cepat/", "/mitra/", "/data/"):
        assert client.get(url).status_code == 200, url


# --- the primary navigation (was tests/core/test_navigation.py) --------------------------


@pytest.mark.parametrize("home", ["/", "/en/"])
def test_every_primary_nav_link_answers_200(client, seeded, home):
    html = client.get(home).content.decode()
    nav = re.search(r'<nav class="primary-nav".*?</nav>', html, re.S).group(0)
    links = re.findall(r'href="([^"]+)"', nav)
    assert len(links) >= 4  # Beranda, Program, Capaian, Forum at least
    for link in links:
        assert client.get(link).status_code == 200, link


# --- search on the demo site (was in tests/search/test_commands.py) ----------------------


def test_demo_site_finds_leadership_training_everywhere(seeded, client):
    """Done means: "pelatihan kepemimpinan" on the demo site shows programs, outcomes,
    threads and answers with highlights and facet counts, and narrows by unit."""
    data = client.get("/api/search", {"q": "pelatihan kepemimpinan"}).json()
    types = {v["value"]: v["count"] for v in data["facets"]["type"]}
    assert {"program", "outcome", "thread", "answer"} <= set(types)
    assert any("<mark>" in r["snippet_html"] for r in data["results"])
    unit = data["facets"]["unit"][0]
    narrowed = client.get("/api/search", {"q": "pelatihan kepemimpinan",
                                          "unit": unit["value"]}).json()
    assert narrowed["total"] == unit["count"]
    assert {r["unit"] for r in narrowed["results"]} == {unit["label"]}
    page = client.get("/cari/", {"q": "pelatihan kepemimpinan"}).content.decode()
    assert "<mark>" in page and "Topik forum" in page and "Capaian" in page
    # The demo comments are indexed too (approved only; the masked phone number, never the
    # number itself).
    comments = client.get("/api/search", {"q": "kabupaten", "type": "comment"}).json()
    assert comments["total"] >= 1
    masked = client.get("/api/search", {"q": "panitia", "type": "comment"}).json()["results"]
    assert masked and "0812" not in masked[0]["snippet_html"]


# --- no personal data anywhere public (was tests/transparency/test_privacy.py) -----------


def _body(response) -> str:
    assert response.status_code == 200, response
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8")


def test_no_email_or_nip_in_any_export_feed_or_statistics_page(seeded, client):
    emails = [email for email in User.objects.values_list("email", flat=True) if email]
    nips = [nip for nip in AsnProfile.objects.values_list("nip", flat=True) if nip]
    assert len(emails) > 10 and len(nips) >= 3
    year = timezone.localdate().year
    urls = ["/data/", "/statistik/", "/en/statistics/",
            f"/statistik/permohonan-informasi/{year}/",
            f"/statistik/permohonan-informasi/{year}/lampiran.csv",
            f"/laporan-layanan-informasi-publik-{year}/",
            reverse("discussions:feed"), reverse("discussions:answer_feed"),
            reverse("discussions:moderation_ledger"),
            reverse("discussions:moderation_ledger_csv"),
            reverse("discussions:ppid_request_register"),
            reverse("discussions:ppid_objection_register")]
    assert "moderation-ledger" in {item.slug for item in opendata.registered()}
    for item in opendata.registered():
        urls += [reverse("core:dataset_csv", args=[item.slug]),
                 reverse("core:dataset_json", args=[item.slug])]
    for unit in Unit.objects.all():
        urls += [reverse("transparency:unit_detail", args=[unit.slug]),
                 reverse("discussions:overdue_feed", args=[unit.slug])]
    # Comments the demo's moderators rejected or hid: their text is never published.
    hidden = [text[:40] for text in Comment.objects.filter(
        status__in=(CommentStatus.HIDDEN, CommentStatus.REJECTED)
    ).values_list("comment", flat=True)]
    assert hidden
    scanned = 0
    for url in urls:
        body = _body(client.get(url))
        scanned += len(body)
        for secret in emails + nips + hidden:
            assert secret not in body, f"{secret} in {url}"
    assert scanned > 100_000
    # The demo has real figures: threads with timelines, overdue threads, refused requests.
    statistics = _body(client.get("/statistik/"))
    assert "tidak cukup data" in statistics and " hk" in statistics
    report = _body(client.get(f"/statistik/permohonan-informasi/{year}/"))
    assert "Ditolak: Informasi yang dikecualikan" in report
    # The registers list the demo's requests and objections without the requesters.
    requesters = list(User.objects.filter(
        forum_threads__kind="information_request").values_list("display_name", flat=True))
    for name in ("discussions:ppid_request_register", "discussions:ppid_objection_register"):
        body = _body(client.get(reverse(name)))
        assert "PPID/BKPSDM/" in body
        for requester in requesters:
            assert requester not in body, f"{requester} in {name}"


# --- issue 7's "done means" on the demo site (was tests/transparency/test_done.py) -------


def _draftail(text: str) -> str:
    """A rich-text field as the Wagtail admin's editor posts it."""
    return json.dumps({"blocks": [{
        "key": "a1b2c", "text": text, "type": "unstyled", "depth": 0,
        "inlineStyleRanges": [], "entityRanges": [], "data": {},
    }], "entityMap": {}})


def test_citizen_reads_statistics_and_staff_publish_the_annual_report(seeded, client,
                                                                      superuser):
    """A citizen opens Statistik from the menu, sees each unit's answer times and overdue
    threads as charts and tables, downloads the threads CSV; a staff member produces the
    annual report for the current year."""
    InformationServiceReportPage.objects.all().delete()  # staff write this year's below
    home = client.get("/").content.decode()
    assert 'href="/statistik/"' in home

    html = client.get("/statistik/").content.decode()
    units = html[html.index('id="units"'):html.index('id="categories"')]
    assert "<svg" in units and 'role="img"' in units and "<table" in units
    assert re.search(r"\d+ / \d+ hk", units)
    overdue = html[html.index('id="overdue"'):html.index('id="training"')]
    assert "tag--overdue" in overdue

    data_page = client.get("/data/").content.decode()
    assert 'href="/data/threads.csv"' in data_page
    rows = csv_rows(client.get("/data/threads.csv"))
    assert len(rows) >= 40 and any(r["is_overdue"] == "true" for r in rows)

    year = timezone.localdate().year
    client.force_login(superuser)
    home_page = HomePage.objects.get(locale=Locale.get_default(), depth=2)
    add = reverse("wagtailadmin_pages:add",
                  args=["transparency", "informationservicereportpage", home_page.pk])
    response = client.post(add, {
        "title": f"Laporan Layanan Informasi Publik {year}",
        "slug": f"laporan-informasi-{year}",
        "year": str(year),
        "summary": "Ringkasan layanan informasi tahun ini.",
        "policy": _draftail("PPID melayani setiap permohonan informasi."),
        "obstacles": _draftail("Arsip lama belum digital."),
        "recommendations": _draftail("Digitalisasi arsip."),
        "action-publish": "publish",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()
    report = client.get(f"/laporan-informasi-{year}/").content.decode()
    assert f"Laporan Layanan Informasi Publik Tahun {year}" in report
    assert "Permohonan yang diterima" in report and "Ditolak" in report
    assert "PPID melayani setiap permohonan informasi." in report


def test_the_long_demo_thread_pages_its_comments_and_permalinks_find_them(seeded, client):
    """The demo thread the browser gate visits on two pages (issue 20): every comment on
    its second page has a permalink that lands on that page, and a page that starts in the
    middle of a reply tree links to the comment those replies answer."""
    from django.db.models import Count

    from discussions.models import Thread

    busiest = (Comment.objects.filter(is_public=True, content_type__model="thread")
               .values("object_pk").annotate(n=Count("pk")).order_by("-n").first())
    thread = Thread.objects.get(pk=int(busiest["object_pk"]))
    url = thread.get_absolute_url()
    html = client.get(f"{url}?page=2").content.decode()
    assert "Halaman 2 dari" in html
    pattern = r'<li class="comment comment--level-\d" id="komentar-(\d+)"'
    ids = [int(pk) for pk in re.findall(pattern, html)]
    assert ids
    for pk in ids:
        assert client.get(f"/forum/komentar/{pk}/")["Location"] == f"{url}?page=2#komentar-{pk}"
    first = Comment.objects.get(pk=ids[0])
    if first.level:  # the page goes on with a reply tree begun on page 1
        assert f'href="/forum/komentar/{first.parent_id}/"' in html
