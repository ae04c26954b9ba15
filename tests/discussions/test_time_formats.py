"""One time format per language, in WITA (issue 17: "01.06" and "01:06" appeared on the
same page): Indonesian "4 Desember 2026, 13.06 WITA", English "…, 13:06 WITA". A signed-in
user's notifications say how long ago, next to the absolute time."""

import datetime as dt
import re
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from discussions.models import Notification, NotificationKind
from tests.discussions.comment_support import make_comment

pytestmark = pytest.mark.django_db

WITA = ZoneInfo("Asia/Makassar")
TIME_TEXT = re.compile(r"<time[^>]*>([^<]*)</time>")


def test_a_thread_writes_every_time_the_same_way_in_each_language(
        client, thread, citizen, moderator):
    with mock.patch("django.utils.timezone.now",
                    return_value=dt.datetime(2026, 12, 4, 13, 6, tzinfo=WITA)):
        make_comment(thread, user=citizen, text="Saya juga menunggu jadwalnya.",
                     moderator=moderator)
    indonesian = client.get(thread.get_absolute_url()).content.decode()
    english = client.get("/en" + thread.get_absolute_url()).content.decode()
    assert "4 Desember 2026, 13.06 WITA" in indonesian
    assert "4 December 2026, 13:06 WITA" in english
    for html, separator, wrong in ((indonesian, ".", ":"), (english, ":", ".")):
        times = [text for text in TIME_TEXT.findall(html) if "WITA" in text]
        assert times, "the thread shows its times"
        for text in times:
            assert re.search(rf"\d\d\{separator}\d\d WITA$", text), text
            assert not re.search(rf"\d\d\{wrong}\d\d WITA", text), text


def test_notifications_say_how_long_ago(citizen, citizen_client, thread):
    Notification.objects.create(
        user=citizen, kind=NotificationKind.STATUS, thread=thread,
        created_at=timezone.now() - dt.timedelta(hours=3, minutes=10))
    html = citizen_client.get(reverse("discussions:notification_list")).content.decode()
    assert "3\xa0jam yang lalu" in html  # timesince keeps number and unit together
    local = timezone.localtime(timezone.now() - dt.timedelta(hours=3, minutes=10))
    assert f"{local:%H}.{local:%M} WITA" in html
