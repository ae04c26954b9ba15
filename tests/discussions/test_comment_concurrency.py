"""Twenty replies posted at the same moment, over HTTP in real threads with their own
database connections and transactions: all saved, one position each, a consistent tree
order. PostgreSQL only (SQLite serialises writers, so there is no race to test)."""

import threading

import pytest
from django.db import connection, connections
from django.test import Client

from discussions.models import Comment

from .comment_support import make_comment, post_comment


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twenty_concurrent_replies_keep_a_consistent_tree(settings):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: concurrent transactions and row locks")
    from tests.accounts.factories import UserFactory

    from .factories import CategoryFactory, ThreadFactory

    # A superuser moderates (no role groups needed: an earlier transactional test may
    # have flushed the groups the migrations created).
    moderator = UserFactory(display_name="Moderator Uji", is_staff=True, is_superuser=True)
    thread = ThreadFactory(category=CategoryFactory(), author=moderator)
    settings.SERAMBI_RATE_LIMITS_ENABLED = False
    root = make_comment(thread, user=moderator, text="Komentar induk")
    child = make_comment(thread, user=moderator, text="Anak pertama", parent=root)
    barrier = threading.Barrier(20)
    statuses, errors = [], []

    def reply(i):
        try:
            client = Client()
            client.force_login(moderator)
            barrier.wait(timeout=30)
            # Half reply to the root (appended), half to the child (inserted in the
            # middle, shifting the positions after it).
            parent = root if i % 2 else child
            statuses.append(post_comment(client, thread, f"Balasan serentak {i}",
                                         parent=parent).status_code)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    workers = [threading.Thread(target=reply, args=(i,)) for i in range(20)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert not errors and statuses == [302] * 20

    rows = list(Comment.objects.filter(thread_id=root.pk).order_by("order"))
    assert len(rows) == 22
    orders = [row.order for row in rows]
    assert orders == list(range(1, 23))  # no duplicates, no gaps
    # Depth-first: every comment comes after its parent, and a subtree is contiguous.
    position = {row.pk: index for index, row in enumerate(rows)}
    for row in rows[1:]:
        assert position[row.parent_id] < position[row.pk]
    child_block = [row for row in rows if row.parent_id == child.pk or row.pk == child.pk]
    start = position[child.pk]
    assert [position[row.pk] for row in child_block] == list(range(start, start + 11))
    root.refresh_from_db()
    assert root.nested_count == 21
    thread.refresh_from_db()
    assert thread.comments_count == 22
