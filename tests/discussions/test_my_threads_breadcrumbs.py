""""Diskusi saya" and "Diikuti" show a breadcrumb trail of real labels (Beranda › Forum):
the view's own `current` ("mine", "followed") once leaked into it as the page's crumb."""

import re

import pytest

from .conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/forum/diskusi-saya/", "/forum/diikuti/"])
def test_the_breadcrumbs_name_home_and_forum_only(citizen, url):
    html = client_for(citizen).get(url).content.decode()
    trail = re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.S).group(0)
    labels = re.findall(r">([^<>]+)</(?:a|span)>", trail)
    assert labels == ["Beranda", "Forum"]
