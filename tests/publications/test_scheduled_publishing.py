"""Scheduled publishing fires: go-live, expiry and scheduled revisions, in both languages.

Editors set them in the page editor ("Set schedule"); they happen only when Wagtail's
`publish_scheduled` runs, which `manage.py run_scheduler` does every minute. The clock is
moved by patching `django.utils.timezone.now`, the clock Wagtail and the scheduler read."""

import datetime as dt
from unittest import mock

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale

from publications.models import TrainingProgramPage
from tests.publications.test_workflow import add_url, program_form

pytestmark = pytest.mark.django_db

ID_URL = "/program/pelatihan-naskah-dinas/"
EN_URL = "/en/programs/official-letter-writing/"


def local(moment: dt.datetime) -> str:
    """How the editor's date-time field takes it: local time (WITA), to the minute."""
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def run_scheduler_at(moment: dt.datetime):
    """One pass of the scheduler (every job due at start), with the clock at `moment`."""
    with mock.patch("django.utils.timezone.now", return_value=moment):
        call_command("run_scheduler", "--once")


def edit(client, page, form, **overrides):
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]),
                           {**form, **overrides, "action-publish": "1"})
    assert response.status_code == 302, response.context["form"].errors
    page.refresh_from_db()
    return page


def status(client, url):
    return client.get(url).status_code


@pytest.fixture
def scheduled(moderator_client, tree, area, unit_a):
    """A program and its English translation, both set to go live in three days and to
    expire in ten, through the editor's schedule fields."""
    now = timezone.now()
    go_live, expire = now + dt.timedelta(days=3), now + dt.timedelta(days=10)
    schedule = {"go_live_at": local(go_live), "expire_at": local(expire)}
    form_id = program_form(area=area, unit=unit_a, **schedule)
    response = moderator_client.post(add_url(TrainingProgramPage, tree.programs),
                                     {**form_id, "action-publish": "1"})
    assert response.status_code == 302, response.context["form"].errors
    page_id = TrainingProgramPage.objects.get(slug="pelatihan-naskah-dinas")

    page_en = page_id.copy_for_translation(Locale.objects.get(language_code="en"))
    form_en = program_form(area=area, unit=unit_a, title="Official letter writing",
                           slug="official-letter-writing", **schedule)
    edit(moderator_client, page_en, form_en)
    return {"id": (page_id, form_id), "en": (page_en, form_en),
            "go_live": go_live, "expire": expire}


def test_a_scheduled_page_goes_live_then_expires_in_both_languages(client, scheduled):
    go_live, expire = scheduled["go_live"], scheduled["expire"]
    for page, _form in (scheduled["id"], scheduled["en"]):
        page.refresh_from_db()
        assert not page.live and page.scheduled_revision is not None
    assert (status(client, ID_URL), status(client, EN_URL)) == (404, 404)

    run_scheduler_at(go_live - dt.timedelta(minutes=2))
    assert (status(client, ID_URL), status(client, EN_URL)) == (404, 404)

    run_scheduler_at(go_live + dt.timedelta(minutes=1))
    assert (status(client, ID_URL), status(client, EN_URL)) == (200, 200)
    assert "Official letter writing" in client.get(EN_URL).content.decode()
    assert client.get("/program/").context["items"].__len__() == 1
    assert client.get("/en/programs/").context["items"].__len__() == 1

    run_scheduler_at(expire + dt.timedelta(minutes=1))
    assert (status(client, ID_URL), status(client, EN_URL)) == (404, 404)
    for page, _form in (scheduled["id"], scheduled["en"]):
        page.refresh_from_db()
        assert not page.live and page.expired


def test_a_scheduled_revision_replaces_the_live_text_at_its_time(
    client, moderator_client, scheduled
):
    run_scheduler_at(scheduled["go_live"] + dt.timedelta(minutes=1))
    assert (status(client, ID_URL), status(client, EN_URL)) == (200, 200)

    # Later, a corrected text is scheduled for the morning after; the live page waits.
    later = scheduled["go_live"] + dt.timedelta(days=1)
    with mock.patch("django.utils.timezone.now",
                    return_value=scheduled["go_live"] + dt.timedelta(hours=1)):
        for lang, title in (("id", "Pelatihan Naskah Dinas (jadwal baru)"),
                            ("en", "Official letter writing (new dates)")):
            page, form = scheduled[lang]
            edit(moderator_client, page, form, title=title, go_live_at=local(later))
            assert page.live and page.scheduled_revision is not None
    assert "jadwal baru" not in client.get(ID_URL).content.decode()
    assert "new dates" not in client.get(EN_URL).content.decode()

    run_scheduler_at(later + dt.timedelta(seconds=59))
    assert "Pelatihan Naskah Dinas (jadwal baru)" in client.get(ID_URL).content.decode()
    assert "Official letter writing (new dates)" in client.get(EN_URL).content.decode()
