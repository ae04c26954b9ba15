"""Friendly error pages (no tracebacks, translated) and personal data kept out of logs."""

import io
import logging
import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from forum_site.core.logging import MaskPersonalDataFilter, mask_personal_data

SECRET_BITS = ("budi.santoso@example.id", "10.20.30.40", "198503302010011002", "rahasia")


def _h1(html: str) -> str:
    match = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert match, html[:500]
    return re.sub(r"<[^>]+>|\s+", " ", match.group(1)).strip()


def _templates(response) -> list[str]:
    return [t.name for t in response.templates]


def test_404_is_friendly_and_translated(client, home_page):
    response_id = client.get("/tidak-ada-halaman-ini/")
    response_en = client.get("/en/no-such-page/")

    for response, lang in ((response_id, "id"), (response_en, "en")):
        assert response.status_code == 404
        assert "404.html" in _templates(response)
        html = response.content.decode()
        assert f'<html lang="{lang}"' in html
        assert 'href="/"' in html or 'href="/en/"' in html  # a way back home
    assert _h1(response_id.content.decode()) != _h1(response_en.content.decode())


def test_404_for_unknown_object_in_a_view(moderator_client):
    response = moderator_client.get(
        reverse("accounts_admin:verification_review", args=[424242])
    )
    assert response.status_code == 404


def test_403_is_friendly(pending_asn_client):
    response = pending_asn_client.get(reverse("accounts:asn_verification_request"))
    assert response.status_code == 403
    assert "403.html" in _templates(response)
    assert '<html lang="id"' in response.content.decode()


def test_400_for_a_disallowed_host_is_friendly(db):
    response = Client().get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "400.html" in _templates(response)
    assert "evil.example" not in response.content.decode()


@pytest.mark.urls("tests.core.urls_errors")
def test_500_is_friendly_without_traceback(db, caplog):
    client = Client(raise_request_exception=False)
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.get("/boom/")

    assert response.status_code == 500
    assert "500.html" in _templates(response)
    html = response.content.decode()
    assert "<html" in html
    assert settings.SERAMBI_OFFICE_NAME in html
    for leaked in ("Traceback", "RuntimeError", "urls_errors", *SECRET_BITS):
        assert leaked not in html
    assert response["Content-Security-Policy"]
    assert any(r.name == "django.request" and r.exc_info for r in caplog.records)


@pytest.mark.urls("tests.core.urls_errors")
def test_500_is_translated(db):
    client = Client(raise_request_exception=False)
    response_id = client.get("/boom/")
    response_en = client.get("/en/boom/")
    assert response_id.status_code == response_en.status_code == 500
    html_id, html_en = response_id.content.decode(), response_en.content.decode()
    assert '<html lang="id"' in html_id
    assert '<html lang="en"' in html_en
    assert _h1(html_id) != _h1(html_en)


# --- logging --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "masked"),
    [
        ("login gagal untuk budi.santoso@example.id", "login gagal untuk b***@example.id"),
        ("dari 10.20.30.40", "dari 10.20.x.x"),
        ("NIP 198503302010011002 ditolak", "NIP <NIP> ditolak"),
        ("ip 2001:db8:85a3::8a2e:370:7334 masuk", "ip <IPv6> masuk"),
        ("ip 2001:0db8:85a3:0000:0000:8a2e:0370:7334", "ip <IPv6>"),
        ("ip ::1", "ip <IPv6>"),
        ("pukul 23:17:45 WITA", "pukul 23:17:45 WITA"),  # times are not addresses
        ("thread 12345 dibuka", "thread 12345 dibuka"),
    ],
)
def test_mask_personal_data(raw, masked):
    assert mask_personal_data(raw) == masked


def _logger_with_masking():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    handler.addFilter(MaskPersonalDataFilter())
    logger = logging.getLogger("tests.masking")
    logger.handlers[:] = [handler]
    logger.propagate = False
    logger.setLevel(logging.DEBUG)
    return logger, stream


def test_logging_filter_masks_arguments_and_messages():
    logger, stream = _logger_with_masking()
    logger.warning("login %s dari %s, NIP %s", *SECRET_BITS[:3])
    logger.info("tanpa data pribadi %d", 42)
    output = stream.getvalue()
    for leaked in SECRET_BITS[:3]:
        assert leaked not in output
    assert "b***@example.id" in output and "10.20.x.x" in output and "<NIP>" in output
    assert "tanpa data pribadi 42" in output


def test_logging_filter_masks_tracebacks():
    """An IntegrityError or our own exception text lands in the traceback, not the message."""
    logger, stream = _logger_with_masking()
    try:
        raise ValueError("Key (email)=(budi.santoso@example.id) already exists; ip 10.20.30.40")
    except ValueError:
        logger.exception("gagal menyimpan")
    output = stream.getvalue()
    assert "Traceback" in output and "ValueError" in output
    assert "budi.santoso@example.id" not in output
    assert "10.20.30.40" not in output


def test_logging_filter_survives_broken_format_strings():
    record = logging.LogRecord(
        "tests", logging.ERROR, __file__, 1, "rusak %s %s", ("budi@example.id",), None
    )
    assert MaskPersonalDataFilter().filter(record) is True
    assert record.args == ("budi@example.id",)  # left for logging to report


def test_logging_config_wires_the_mask_into_every_handler():
    config = settings.LOGGING
    mask = config["filters"]["mask_personal_data"]["()"]
    assert mask == "forum_site.core.logging.MaskPersonalDataFilter"
    for name, handler in config["handlers"].items():
        assert "mask_personal_data" in handler.get("filters", []), name


@pytest.mark.urls("tests.core.urls_errors")
def test_500_log_record_is_masked_by_the_configured_handler(db):
    """The real 'console' handler from settings.LOGGING masks the failing request's log."""
    import logging.config

    stream = io.StringIO()
    logging.config.dictConfig(
        {
            **settings.LOGGING,
            "handlers": {
                "console": {
                    **settings.LOGGING["handlers"]["console"],
                    "stream": stream,
                },
            },
        }
    )
    try:
        Client(raise_request_exception=False).get("/boom/?email=budi.santoso@example.id")
    finally:
        logging.config.dictConfig(settings.LOGGING)
    output = stream.getvalue()
    assert "Internal Server Error" in output
    for leaked in SECRET_BITS[:3]:
        assert leaked not in output
