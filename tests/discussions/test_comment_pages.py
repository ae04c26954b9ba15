"""Long threads are paged (issue 20): SERAMBI_COMMENTS_PER_PAGE (20) comments a page in
reading order (each top-level comment followed by its replies; a reply tree longer than a
page goes on on the next), `?page=N` links that work without JavaScript, the
count and a "newest" link on every page, a comment's permalink and the redirects after
posting or liking land on the page that holds it, and a page of a 500-comment thread
costs the same queries as a 10-comment thread."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from discussions.models import Comment
from tests.bulk import copy_comment_trees
from tests.conftest import make_people

from .comment_support import make_comment, post_comment
from .conftest import client_for
from .factories import CategoryFactory, ThreadFactory

ANONYMOUS_BUDGET = 10
SIGNED_IN_BUDGET = 12


def _ten_comments(thread, *, citizen, asn):
    """Two top-level comments, each with four replies (levels 1 and 2): 10 comments."""
    made = []
    for n in range(2):
        root = make_comment(thread, user=asn, text=f"Komentar utama {n} tentang jadwal")
        made.append(root)
        reply = make_comment(thread, user=asn, parent=root, text=f"Balasan pertama {n} ya")
        made.append(reply)
        made.append(make_comment(thread, user=asn, parent=reply, text=f"Balasan dalam {n} ya"))
        made.append(make_comment(thread, user=asn, parent=root, text=f"Balasan kedua {n} ya"))
        made.append(make_comment(thread, user=asn, parent=root, text=f"Balasan ketiga {n} ya"))
    return made


@pytest.fixture(scope="module")
def world(module_db):
    from django.conf import settings

    people = make_people()
    category = CategoryFactory(name="Pelatihan", slug="pelatihan", default_unit=people["unit_a"])
    small = ThreadFactory(category=category, author=people["citizen"])
    large = ThreadFactory(category=category, author=people["citizen"])
    rate_limits, settings.SERAMBI_RATE_LIMITS_ENABLED = settings.SERAMBI_RATE_LIMITS_ENABLED, False
    try:
        seed = _ten_comments(small, citizen=people["citizen"], asn=people["verified_asn"])
    finally:
        settings.SERAMBI_RATE_LIMITS_ENABLED = rate_limits
    copy_comment_trees(seed, copies=50, object_pk=large.pk)  # 500 comments, 100 top-level
    roots = list(Comment.objects.filter(object_pk=str(large.pk), level=0).order_by("pk"))
    return {**people, "small": small, "large": large, "roots": roots}


def _ids(html: str) -> list[int]:
    pattern = r'<li class="comment comment--level-\d" id="komentar-(\d+)"'
    return [int(pk) for pk in re.findall(pattern, html)]


def _reading_order(thread) -> list[int]:
    return list(Comment.objects.filter(object_pk=str(thread.pk), is_public=True)
                .order_by("thread_id", "order").values_list("pk", flat=True))


def test_a_long_thread_is_paged_with_its_count_and_links_on_every_page(db, world):
    client, url = Client(), world["large"].get_absolute_url()
    seen = []
    for number in range(1, 26):
        response = client.get(url if number == 1 else f"{url}?page={number}")
        assert response.status_code == 200
        html = response.content.decode()
        assert "500 komentar" in html
        assert f"Halaman {number} dari 25" in html
        assert f'href="{url}?page=25#komentar-terbaru">Komentar terbaru</a>' in html
        ids = _ids(html)
        assert len(ids) == 20  # 20 comments a page, replies counted
        if number < 25:
            assert f'href="{url}?page={number + 1}#komentar" rel="next"' in html
        if number > 1:
            previous = url if number == 2 else f"{url}?page={number - 1}"
            assert f'href="{previous}#komentar" rel="prev"' in html
        seen += ids
    # Every comment once, each top-level comment followed by its replies, oldest first.
    assert seen == _reading_order(world["large"]) and len(set(seen)) == 500
    assert "Lanjutan dari halaman sebelumnya" not in html  # trees of 5 end on a page's end


def test_a_reply_tree_longer_than_a_page_goes_on_on_the_next_page(db, world, settings):
    """One top-level comment with hundreds of replies still makes pages of the same
    size; the page that goes on with its replies links to the comment they answer."""
    settings.SERAMBI_COMMENTS_PER_PAGE = 7
    url, order = world["large"].get_absolute_url(), _reading_order(world["large"])
    html = Client().get(f"{url}?page=2").content.decode()
    assert _ids(html) == order[7:14] and "Halaman 2 dari 72" in html
    first = Comment.objects.get(pk=order[7])
    assert first.level > 0
    assert "Lanjutan dari halaman sebelumnya:" in html
    assert f'<a href="/forum/komentar/{first.parent_id}/">komentar yang dibalas di sini</a>' in html
    landing = Client().get(f"/forum/komentar/{first.parent_id}/")["Location"]
    assert landing in (f"{url}#komentar-{first.parent_id}",
                       f"{url}?page=2#komentar-{first.parent_id}")
    assert "Lanjutan dari" not in Client().get(url).content.decode()
    starts_with_root = Client().get(f"{url}?page=6").content.decode()  # rows 35-41
    assert _ids(starts_with_root)[0] == world["roots"][7].pk
    assert "Lanjutan dari" not in starts_with_root


def test_a_short_thread_has_no_page_links(db, world):
    html = Client().get(world["small"].get_absolute_url()).content.decode()
    assert "10 komentar" in html and len(_ids(html)) == 10
    assert "Halaman komentar" not in html and "?page=" not in html


@pytest.mark.parametrize("page", ["x", "0", "-1", "1.5", "٣", "9" * 30])
def test_a_page_number_that_is_not_one_is_a_404(db, world, page):
    response = Client().get(f"{world['large'].get_absolute_url()}?page={page}")
    assert response.status_code == 404


def test_a_page_past_the_last_shows_the_last(db, world):
    html = Client().get(f"{world['large'].get_absolute_url()}?page=99").content.decode()
    assert "Halaman 25 dari 25" in html
    assert _ids(html)[0] == world["roots"][96].pk


def test_page_features_are_kept_for_a_signed_in_citizen(db, world):
    html = client_for(world["citizen"]).get(
        f"{world['large'].get_absolute_url()}?page=2"
    ).content.decode()
    root = world["roots"][5]  # page 2: top-level comments 4 to 7 with their replies
    assert f'action="/forum/komentar/{root.pk}/suka/"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert f'href="/forum/komentar/{root.pk}/balas/"' in html
    assert f'href="/forum/komentar/{root.pk}/laporkan/"' in html
    assert '<span class="tag tag--verified">ASN</span>' in html
    assert "0 suka" in html
    assert (f'href="{world["large"].get_absolute_url()}?page=2#komentar-{root.pk}"' in html)


def test_the_permalink_lands_on_the_page_holding_the_comment(db, world):
    reply = Comment.objects.filter(thread_id=world["roots"][60].pk, level=2).get()
    response = Client().get(f"/forum/komentar/{reply.pk}/")
    # Comments 300-304 in reading order: page 16 of 20 a page.
    expected = f"{world['large'].get_absolute_url()}?page=16#komentar-{reply.pk}"
    assert response.status_code == 302 and response["Location"] == expected
    assert f'id="komentar-{reply.pk}"' in Client().get(expected).content.decode()
    first = world["roots"][0]
    assert Client().get(f"/en/forum/comments/{first.pk}/")["Location"] == (
        f"/en/forum/{world['large'].pk}/#komentar-{first.pk}"
    )


def test_the_permalink_of_a_comment_not_public_is_a_404(db, world):
    Comment.objects.filter(pk=world["roots"][5].pk).update(is_public=False)
    assert Client().get(f"/forum/komentar/{world['roots'][5].pk}/").status_code == 404
    assert Client().get("/forum/komentar/999999/").status_code == 404


def test_posting_and_liking_send_back_to_the_page_holding_the_comment(db, world, settings):
    settings.SERAMBI_RATE_LIMITS_ENABLED = False
    parent = world["roots"][80]
    asn = client_for(world["verified_asn"])  # verified ASN: published at once
    response = post_comment(asn, world["large"], "Balasan baru dari unit kami.", parent=parent)
    new = Comment.objects.filter(parent_id=parent.pk).order_by("-pk").first()
    url = world["large"].get_absolute_url()
    assert response.status_code == 302
    assert response["Location"] == f"{url}?page=21#komentar-{new.pk}"  # comments 400-405
    liked = client_for(world["citizen"]).post(f"/forum/komentar/{parent.pk}/suka/")
    assert liked["Location"] == f"{url}?page=21#komentar-{parent.pk}"


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_a_page_of_a_500_comment_thread_costs_what_a_10_comment_thread_costs(
        db, world, django_assert_max_num_queries):
    small, large = world["small"].get_absolute_url(), world["large"].get_absolute_url()
    for viewer, budget in (("anonymous", ANONYMOUS_BUDGET), ("citizen", SIGNED_IN_BUDGET)):
        client = Client() if viewer == "anonymous" else client_for(world["citizen"])
        _queries(client, small)  # warm (content types, site, session)
        counts = []
        for url in (small, large, f"{large}?page=25"):
            with django_assert_max_num_queries(budget):
                counts.append(_queries(client, url))
        assert counts[0] == counts[1] == counts[2], (viewer, counts)


def test_the_permalink_of_a_comment_on_a_programme_lands_on_its_page(
        program, verified_asn, settings):
    settings.SERAMBI_RATE_LIMITS_ENABLED = False
    settings.SERAMBI_COMMENTS_PER_PAGE = 1
    first = make_comment(program, user=verified_asn, text="Materi hari pertama sudah ada?")
    second = make_comment(program, user=verified_asn, text="Sertifikat kapan dibagikan?")
    response = Client().get(f"/forum/komentar/{second.pk}/")
    assert response["Location"] == f"{program.url}?page=2#komentar-{second.pk}"
    html = Client().get(response["Location"]).content.decode()
    assert f'id="komentar-{second.pk}"' in html and f'id="komentar-{first.pk}"' not in html
    assert "2 komentar" in html and "Halaman 2 dari 2" in html


def test_a_continuation_whose_comment_was_deleted_lands_on_its_placeholder(
        db, world, settings):
    """The page goes on with replies to a comment its author deleted: the link (the
    deleted comment's permalink) lands on the "removed" placeholder that stands in its
    place, showing none of its text; only placeholders are let through that way."""
    settings.SERAMBI_COMMENTS_PER_PAGE = 7
    url, order = world["large"].get_absolute_url(), _reading_order(world["large"])
    parent = Comment.objects.get(pk=Comment.objects.get(pk=order[7]).parent_id)
    Comment.objects.filter(pk=parent.pk).update(is_removed=True)
    html = Client().get(f"{url}?page=2").content.decode()
    assert f'<a href="/forum/komentar/{parent.pk}/">komentar yang dibalas di sini</a>' in html
    landing = Client().get(f"/forum/komentar/{parent.pk}/")
    assert landing.status_code == 302
    page = Client().get(landing["Location"]).content.decode()
    assert f'id="komentar-{parent.pk}"' in page and parent.comment not in page
    Comment.objects.filter(pk=parent.pk).update(is_public=False)  # hidden by moderation
    assert Client().get(f"/forum/komentar/{parent.pk}/").status_code == 404
