"""The primary navigation only links to sections that exist."""

import io
import re

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded_site(module_db):
    """The demo site, seeded once for both languages (see module_db)."""
    call_command("seed_demo", stdout=io.StringIO())


@pytest.mark.parametrize("home", ["/", "/en/"])
def test_every_primary_nav_link_answers_200(client, seeded_site, home):
    html = client.get(home).content.decode()
    nav = re.search(r'<nav class="primary-nav".*?</nav>', html, re.S).group(0)
    links = re.findall(r'href="([^"]+)"', nav)
    assert len(links) >= 4  # Beranda, Program, Capaian, Forum at least
    for link in links:
        assert client.get(link).status_code == 200, link
