"""Screenshots of the key pages (issue 17) at 1280×900 and 390×844, into docs/screenshots/.

    .venv/bin/python bench/screenshots.py                 # serves the site itself (demo data)
    .venv/bin/python bench/screenshots.py http://127.0.0.1:8000   # or a site already running

The site is served as the browser gate serves it (tests/browser/server.py: gunicorn, DEBUG
off, `seed_demo`), in Debian's Chromium (/usr/bin/chromium) driven by Playwright. Each
shot is the first screen a visitor sees (what the issue asked about: the header and the
page's title above the fold); the phone also gets the folded menu opened. "Diskusi saya"
is taken signed in as the demo citizen, through the real sign-in form.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.browser import pages  # noqa: E402
from tests.browser.server import serve_site  # noqa: E402

OUT = REPO / "docs" / "screenshots"
SIZES = {"desktop": (1280, 900), "phone": (390, 844)}
SHOTS = [  # (file name, path, signed in); the signed-in ones last: the session stays
    ("home", "/", False),
    ("thread", "/forum/{thread_with_answer}/", False),
    ("statistics", "/statistik/", False),
    ("statistics-en", "/en/statistics/", False),
    ("my-threads", "/forum/diskusi-saya/", True),
]


def sign_in(page, base_url: str) -> None:
    page.goto(base_url + "/akun/login/")
    page.fill("input[name=login]", pages.DEMO_LOGIN["login"])
    page.fill("input[name=password]", pages.DEMO_LOGIN["password"])
    page.click("main button[type=submit]")
    page.wait_for_load_state()


def take(base_url: str) -> list[Path]:
    pages.resolve(base_url)
    OUT.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                    args=["--no-sandbox", "--disable-gpu"])
        for size, (width, height) in SIZES.items():
            context = browser.new_context(viewport={"width": width, "height": height},
                                          device_scale_factor=1)
            page = context.new_page()
            signed_in = False
            for name, path, needs_login in SHOTS:
                if needs_login and not signed_in:
                    sign_in(page, base_url)
                    signed_in = True
                page.goto(base_url + path.format(**pages._RESOLVED))
                target = OUT / f"{name}-{size}-{width}x{height}.png"
                page.screenshot(path=str(target))
                written.append(target)
            if size == "phone":  # the folded menu, opened (signed in: every account link)
                page.goto(base_url + "/")
                page.click(".site-menu-toggle--open")
                target = OUT / f"home-menu-open-signed-in-{size}-{width}x{height}.png"
                page.screenshot(path=str(target))
                written.append(target)
            context.close()
        browser.close()
    return written


def main() -> None:
    if len(sys.argv) > 1:
        written = take(sys.argv[1].rstrip("/"))
    else:
        with serve_site(compile_locales=True) as base_url:
            written = take(base_url)
    for path in written:
        print(path.relative_to(REPO))


if __name__ == "__main__":
    main()
