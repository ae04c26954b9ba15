"""The office's identity is a Wagtail setting (issue 17): Tim Komunikasi edits its name,
address, contacts and logo in the admin, and the header, the footer, the home page's
structured data and the emails show the change on the next request, the anonymous page
cache included. Before anyone edits it, the deployment's settings are its values."""

import json
import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from forum_site.core.models import OfficeIdentity
from forum_site.core.office import current_office
from tests.discussions.conftest import client_for, commit_after_requests  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("commit_after_requests")]

NEW = {
    "name": "Balai Pengembangan Kompetensi ASN Sulawesi Barat",
    "name_en": "West Sulawesi Civil Service Development Centre",
    "parent_agency": "Pemerintah Provinsi Sulawesi Barat",
    "address": "Jl. Martadinata No. 7\nMamuju 91511",
    "email": "layanan@bpk-sulbar.test",
    "phone": "+62 426 21234",
    "service_hours": "Senin–Jumat 08.00–16.00 WITA",
    "logo": "",
}


def _edit_url() -> str:
    return reverse("wagtailsettings:edit", args=["core", "officeidentity", _row().pk])


def _row() -> OfficeIdentity:
    return OfficeIdentity.load()  # what Wagtail's edit view does: create it on first use


def _save(client, **changes):
    return client.post(_edit_url(), {**NEW, **changes})


def _json_ld(html: str) -> dict:
    block = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)
    return json.loads(block.group(1))


def test_defaults_come_from_the_settings(home_page, settings):
    html = Client().get("/").content.decode()
    assert f"Situs web resmi {settings.SERAMBI_OFFICE_NAME}" in html
    assert settings.SERAMBI_CONTACT_ADDRESS in html and settings.SERAMBI_CONTACT_EMAIL in html
    assert re.search(r'<img class="site-header__logo" src="/static/img/logo\.svg" alt=""', html)
    publisher = _json_ld(html)
    assert publisher["@type"] == "GovernmentOrganization"
    assert publisher["name"] == settings.SERAMBI_OFFICE_NAME
    assert publisher["logo"] == "https://serambi.test/static/img/logo.svg"


def test_an_edit_by_the_communications_team_shows_on_every_page_at_once(
        home_page, comms, settings):
    settings.SERAMBI_PAGE_CACHE_SECONDS = 300
    anonymous = Client()
    for url in ("/", "/en/"):
        anonymous.get(url)
        assert anonymous.get(url)["X-Serambi-Cache"] == "hit"  # cached before the edit

    response = _save(client_for(comms))
    assert response.status_code == 302

    response = anonymous.get("/")
    assert response["X-Serambi-Cache"] == "miss"  # the page cache was emptied
    html = response.content.decode()
    assert settings.SERAMBI_OFFICE_NAME not in html
    assert f"Situs web resmi {NEW['name']}" in html
    assert "Jl. Martadinata No. 7<br>Mamuju 91511" in html
    assert '<a href="tel:+6242621234">+62 426 21234</a>' in html
    assert 'href="mailto:layanan@bpk-sulbar.test"' in html
    assert "Jam layanan: Senin–Jumat 08.00–16.00 WITA" in html
    assert "Pemerintah Provinsi Sulawesi Barat" in html
    data = _json_ld(html)
    assert data["name"] == NEW["name"] and data["telephone"] == NEW["phone"]
    assert data["parentOrganization"]["name"] == NEW["parent_agency"]

    english = anonymous.get("/en/").content.decode()
    assert f"The official website of {NEW['name_en']}" in english
    # Pages served by Django views (not Wagtail) read the same setting.
    assert NEW["name"] in anonymous.get("/statistik/").content.decode()


def test_emails_sign_with_the_office_in_the_setting(home_page, comms, citizen, settings):
    from tests.discussions.comment_support import post_comment
    from tests.discussions.factories import ThreadFactory

    settings.SERAMBI_RATE_LIMITS_ENABLED = False
    _save(client_for(comms))
    thread = ThreadFactory(author=citizen)
    mail.outbox.clear()
    response = post_comment(Client(), thread, "Apakah pelatihan ini terbuka untuk umum?",
                            name="Budi", email="budi@warga.test")
    assert response.status_code in (200, 302)
    [message] = mail.outbox
    assert message.body.rstrip().endswith(NEW["name"])
    assert settings.SERAMBI_OFFICE_NAME not in message.body


def test_only_the_communications_team_and_admins_edit_it(home_page, citizen, moderator, comms):
    url = _edit_url()
    assert client_for(comms).get(url).status_code == 200
    assert client_for(citizen).get(url).status_code in (302, 403)
    response = _save(client_for(moderator))
    assert response.status_code in (302, 403)
    assert OfficeIdentity.objects.get().name != NEW["name"]


def test_a_bad_value_is_refused_in_indonesian_and_nothing_changes(home_page, comms, settings):
    client = client_for(comms)
    response = _save(client, phone="call us", email="not an email", name="")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Masukkan nomor telepon" in html
    assert OfficeIdentity.objects.get().name == settings.SERAMBI_OFFICE_NAME
    cache.clear()
    assert current_office().name == settings.SERAMBI_OFFICE_NAME
