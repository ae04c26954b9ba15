"""A thread page with 500 approved comments costs the same queries as one with 50
(the page of comments shown: see test_comment_pages.py)."""

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from forum_site.core.office import current_office

from .comment_support import make_comment
from .conftest import client_for
from .factories import ThreadFactory

COMMENT_PAGE_QUERIES = 16


def _thread_with_comments(category, author, asn, count):
    thread = ThreadFactory(category=category, author=author)
    parent = None
    for n in range(count):
        # A mix of top-level comments and replies two levels deep.
        level_parent = None if n % 5 == 0 else parent
        if level_parent is not None and level_parent.level >= 2:
            level_parent = None
        # The page reads the comments only: their search records and notification
        # emails (after commit) are left out; they cost half of building the thread.
        comment = make_comment(thread, user=asn, parent=level_parent, after_commit=False,
                               text=f"Komentar nomor {n} tentang jadwal {thread.pk}")
        parent = comment if n % 5 == 0 else parent
    return thread


@pytest.mark.django_db
@pytest.mark.slow(reason="builds 550 threaded comments through the comment model, which "
                         "computes each reply's order and level on save")
def test_thread_page_with_500_comments_has_bounded_queries(
        category, citizen, verified_asn, settings, django_assert_max_num_queries):
    settings.SERAMBI_RATE_LIMITS_ENABLED = False
    small = _thread_with_comments(category, citizen, verified_asn, 50)
    large = _thread_with_comments(category, citizen, verified_asn, 500)
    # Count pages as served after the first: the office identity and the content types
    # are read once per process (the comments' emails used to read them on the way).
    current_office()
    ContentType.objects.get_for_models(*apps.get_models())
    counts = {}
    for viewer in ("anonymous", "citizen"):
        client = client_for(citizen) if viewer == "citizen" else None
        from django.test import Client

        client = client or Client()
        for name, thread in (("small", small), ("large", large)):
            with (django_assert_max_num_queries(COMMENT_PAGE_QUERIES),
                  CaptureQueriesContext(connection) as queries):
                response = client.get(thread.get_absolute_url())
            assert response.status_code == 200
            counts[viewer, name] = len(queries)
        html = response.content.decode()
        # A page holds SERAMBI_COMMENTS_PER_PAGE comments, replies counted.
        assert "500 komentar" in html and html.count('class="comment comment--level') == 20
    assert counts["anonymous", "small"] == counts["anonymous", "large"]
    assert counts["citizen", "small"] == counts["citizen", "large"]
