"""robots.txt: open to crawlers except the admin, and names the sitemap by absolute URL."""

import pytest


def test_robots_txt_names_the_absolute_sitemap_url(client, home_page):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert client.get("/sitemap.xml").status_code == 200


def test_robots_txt_sitemap_follows_scheme_and_port(client, db):
    text = client.get("/robots.txt", secure=True, HTTP_HOST="localhost:8443").content.decode()
    assert "Sitemap: https://localhost:8443/sitemap.xml" in text.splitlines()


@pytest.mark.parametrize(
    "host", ["evil.example", "bad host", "testserver:abc", "[::1", "evil.example\r\nX: y"]
)
def test_robots_txt_with_a_bad_host_is_400_not_500(client, db, host):
    response = client.get("/robots.txt", HTTP_HOST=host)
    assert response.status_code == 400
    assert "evil" not in response.content.decode()


@pytest.mark.parametrize("host", ["bad host", "testserver:abc", "a<b>.example"])
def test_robots_txt_never_echoes_a_malformed_host_even_if_any_host_is_allowed(
    client, db, settings, host
):
    settings.ALLOWED_HOSTS = ["*"]
    response = client.get("/robots.txt", HTTP_HOST=host)
    assert response.status_code == 400
    assert host not in response.content.decode()
