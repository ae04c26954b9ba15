"""No personal data in any export, feed or transparency page: built on the real demo
data (seed_demo), scanned for every account's email address and every NIP."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from discussions.models import Comment, CommentStatus
from forum_site.accounts.models import AsnProfile, Unit, User
from forum_site.core import opendata

pytestmark = pytest.mark.django_db


def _body(response) -> str:
    assert response.status_code == 200, response
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8")


@pytest.mark.slow(reason="builds the whole demo site (seed_demo: 7-9 s of CPU, and growing)")
def test_no_email_or_nip_in_any_export_feed_or_statistics_page(client):
    call_command("seed_demo", verbosity=0)
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
