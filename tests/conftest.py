"""Shared fixtures: one per role, two units (OPD), logged-in clients and a home page.

Roles are the groups created by accounts' 0002_roles migration; pytest-django runs the
migrations, so the groups and Wagtail's root page and default site exist in every test.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from forum_site.accounts import roles
from tests.accounts.factories import AsnProfileFactory, UnitFactory, UserFactory
from tests.speed_limit import (  # noqa: F401 - the suite's speed limit
    pytest_runtest_call,
    pytest_runtest_makereport,
)

BASE_DIR = Path(__file__).resolve().parent.parent


def pytest_xdist_make_scheduler(config, log):
    """With `--dist loadscope`, each module runs on one worker; the browser gate's modules
    (tests/browser/) count as one scope, so its site (migrate, seed_demo, collectstatic,
    gunicorn: about a minute) is prepared once per run, not once per module's worker."""
    if config.getoption("dist", None) != "loadscope":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class _Scheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid):
            if nodeid.startswith("tests/browser/"):
                return "tests/browser"
            return super()._split_scope(nodeid)

    return _Scheduling(config, log)


def pytest_sessionstart(session):
    """Compile the .po catalogues so translated output is what the tests see.

    .mo files are build artefacts (git-ignored; `manage.py compile_locales` makes them).
    Only the controller compiles (before xdist starts its workers), so no worker reads a
    half-written file. Django may already have loaded the catalogues during setup, so
    its translation caches are reset afterwards."""
    if not hasattr(session.config, "workerinput"):
        import polib

        for po_path in BASE_DIR.glob("*/**/locale/*/LC_MESSAGES/*.po"):
            if ".venv" in po_path.parts:
                continue
            mo_path = po_path.with_suffix(".mo")
            if not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime:
                polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
    _reset_translation_caches()


def _reset_translation_caches():
    # What Django's own test signal handler does when LOCALE_PATHS changes, plus Python's
    # own cache of parsed .mo files (keyed by path): without clearing it, a catalogue
    # compiled just now was read in its old version for the whole run whenever Django had
    # already loaded it (the first run after a .po change saw old Indonesian texts).
    import gettext

    from asgiref.local import Local

    gettext._translations.clear()
    from django.utils.translation import trans_real

    gettext._translations.clear()

    trans_real._translations = {}
    trans_real._default = None
    trans_real._active = Local()
    for name in ("translation_catalog_exists", "check_for_language"):  # differs by release
        cached = getattr(trans_real, name, None)
        if hasattr(cached, "cache_clear"):
            cached.cache_clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Start every test in Indonesian. Django never deactivates the language a request
    activated (LocaleMiddleware, set_language), so a test that visited /en/ would
    otherwise make the next test's reverse() produce English URLs."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _empty_cache():
    """The local-memory cache lives for the whole run; rate-limit counters and cached
    fragments must not leak from one test into the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


# --- units and one user per role -----------------------------------------------------
# Plain builders, so that module-scoped data (see ``module_db``) makes the same people as
# the function-scoped fixtures below.


def make_unit_a():
    return UnitFactory(
        name="Badan Kepegawaian dan Pengembangan SDM", short_name="BKPSDM", slug="bkpsdm"
    )


def make_unit_b():
    return UnitFactory(name="Dinas Kesehatan", short_name="Dinkes", slug="dinkes")


def make_citizen():
    return UserFactory(display_name="Siti Warga", roles=[roles.CITIZEN])


def make_pending_asn(unit):
    return AsnProfileFactory(
        user=UserFactory(display_name="Rahmat Menunggu", roles=[roles.CITIZEN]), unit=unit,
    ).user


def make_verified_asn(unit):
    return AsnProfileFactory(
        user=UserFactory(display_name="Dewi Pegawai", roles=[roles.CITIZEN, roles.ASN]),
        unit=unit,
        position="Analis Kebijakan Ahli Muda",
        verified=True,
    ).user


def make_moderator():
    return UserFactory(display_name="Moderator Serambi", roles=[roles.MODERATOR])


def make_comms():
    """A member of Tim Komunikasi (writes publications through the review workflow)."""
    return UserFactory(display_name="Tim Komunikasi", roles=[roles.COMMUNICATIONS])


def make_superuser():
    return UserFactory(display_name="Admin", is_staff=True, is_superuser=True)


def make_people() -> dict:
    """Both units and one user per role, keyed like the fixtures."""
    unit_a, unit_b = make_unit_a(), make_unit_b()
    return {
        "unit_a": unit_a, "unit_b": unit_b, "citizen": make_citizen(),
        "pending_asn": make_pending_asn(unit_a), "verified_asn": make_verified_asn(unit_a),
        "moderator": make_moderator(), "comms": make_comms(), "superuser": make_superuser(),
    }


@pytest.fixture
def unit_a(db):
    return make_unit_a()


@pytest.fixture
def unit_b(db):
    return make_unit_b()


@pytest.fixture
def citizen(db):
    return make_citizen()


@pytest.fixture
def pending_asn(db, unit_a):
    return make_pending_asn(unit_a)


@pytest.fixture
def verified_asn(db, unit_a):
    return make_verified_asn(unit_a)


@pytest.fixture
def moderator(db):
    return make_moderator()


@pytest.fixture
def comms(db):
    return make_comms()


@pytest.fixture
def superuser(db):
    return make_superuser()


_MIGRATED_COPY: list[Path] = []


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, tmp_path_factory):
    """pytest-django's test database, plus, on SQLite, a file copy of it taken the moment
    its migrations are done (tens of milliseconds): the browser gate's site starts from
    that copy instead of migrating a database of its own (about 20 s of CPU a run)."""
    import sqlite3

    from django.db import connection

    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        path = tmp_path_factory.mktemp("migrated") / "db.sqlite3"
        with django_db_blocker.unblock():
            connection.ensure_connection()
            target = sqlite3.connect(path)
            try:
                connection.connection.backup(target)
            finally:
                target.close()
        _MIGRATED_COPY.append(path)
    yield


@pytest.fixture(scope="session")
def migrated_database_copy(django_db_setup) -> Path | None:
    """The SQLite file copy of the freshly migrated test database (None on PostgreSQL)."""
    return _MIGRATED_COPY[-1] if _MIGRATED_COPY else None


@pytest.fixture
def at_latest():
    """For the data-migration tests (tests/migrating.py): whatever a test does, the
    database ends at the latest migrations for the rest of the suite."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.fixture(scope="module")
def module_db(django_db_setup, django_db_blocker):
    """A transaction around a whole module, rolled back at its end.

    For modules whose tests only read shared data (or change it and let their own
    savepoint undo it): a module-scoped fixture that asks for ``module_db`` builds the
    data once; each test asks for ``db`` as usual and runs in a savepoint inside this
    transaction (pytest-django's non-transactional tests nest). Never for transactional
    tests (they would commit through it)."""
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


# --- clients -------------------------------------------------------------------------


def _client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def anonymous_client():
    return Client()


@pytest.fixture
def citizen_client(citizen):
    return _client_for(citizen)


@pytest.fixture
def pending_asn_client(pending_asn):
    return _client_for(pending_asn)


@pytest.fixture
def verified_asn_client(verified_asn):
    return _client_for(verified_asn)


@pytest.fixture
def moderator_client(moderator):
    return _client_for(moderator)


@pytest.fixture
def comms_client(comms):
    return _client_for(comms)


@pytest.fixture
def superuser_client(superuser):
    return _client_for(superuser)


# --- Wagtail site ----------------------------------------------------------------------


@pytest.fixture
def home_page(db):
    """The site root: a HomePage in Indonesian, replacing Wagtail's welcome page, with a
    published English translation so /en/ serves English content."""
    return make_home_page()


def make_home_page():
    """What `home_page` builds, for fixtures of a wider scope."""
    from wagtail.models import Locale, Page, Site

    from publications.models import HomePage

    root = Page.get_first_root_node()
    site = Site.objects.get(is_default_site=True)
    welcome = site.root_page
    home = root.add_child(
        instance=HomePage(
            title="Beranda Serambi",
            slug="beranda",
            intro="Ruang bertanya dan berbagi tentang pengembangan ASN.",
            locale=Locale.objects.get(language_code="id"),
        )
    )
    home.save_revision().publish()
    site.root_page = home
    site.save()
    welcome.delete()

    locale_en, _created = Locale.objects.get_or_create(language_code="en")
    home_en = home.copy_for_translation(locale_en)
    home_en.title = "Serambi home"
    home_en.intro = "A place to ask and share about civil-servant development."
    home_en.save_revision().publish()
    return home


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a transactional test, put the migrated data back.

    Its teardown flushes the database, and Django only restores the serialized data at the
    *start* of the next serialized_rollback test: it relies on running those tests last.
    With test workers (pytest-xdist) a module holding one goes wherever it is scheduled,
    and the next module on that worker found no groups, no Wagtail Site and content types
    under new ids. Restoring here leaves every test the database the migrations made."""
    result = yield
    marker = item.get_closest_marker("django_db")
    # After the last test the session's fixtures are gone too (the test database with
    # them): nothing follows that needs the data.
    if nextitem is None or not marker:
        return result
    if marker.kwargs.get("transaction") and marker.kwargs.get("serialized_rollback"):
        from django.db import connections
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            for connection in connections.all():
                contents = getattr(connection, "_test_serialized_contents", None)
                if contents:
                    connection.creation.deserialize_db_from_string(contents)
    return result


def pytest_collection_modifyitems(config, items):
    """Every transactional test must restore the migrated data (serialized_rollback).

    Its teardown flushes the database; without serialized_rollback the flush's
    post_migrate re-creates content types under new ids, and the next test that restores
    the migrated data then fails on duplicate keys (it broke CI on PostgreSQL once)."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker is None:
            continue
        if marker.kwargs.get("transaction") and not marker.kwargs.get("serialized_rollback"):
            raise pytest.UsageError(
                f"{item.nodeid}: a transactional test needs serialized_rollback=True "
                "(see pytest_collection_modifyitems in tests/conftest.py)"
            )


@pytest.fixture(autouse=True)
def _email_links_point_at_the_site():
    """Every email any test sends: no link to localhost, 127.0.0.1, testserver or
    example.com (the machine that built it, or a placeholder), and every link on the
    public site (SERAMBI_BASE_URL) resolves to a page. tests/core/test_email_links.py
    also follows each kind of email's links over HTTP."""
    yield
    from django.core import mail

    from tests.email_links import link_problems

    problems = [problem for message in getattr(mail, "outbox", [])
                for problem in link_problems(message)]
    assert not problems, "\n".join(problems)
