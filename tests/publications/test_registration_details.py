"""Programs open for registration say how to register (issue 18): when registration
closes, the requirements, a contact or link; the editor refuses an open program without
them, in Indonesian."""

import datetime as dt

import pytest

from publications.models import TrainingProgramPage
from tests.publications import factories as f
from tests.publications.conftest import fresh
from tests.publications.test_workflow import add_url, program_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(module_tree, db):
    """One publication tree for the module (see module_tree); each test adds its own pages
    in its savepoint."""
    return fresh(module_tree)


def test_an_open_program_shows_how_to_register(client, tree, area, unit_a):
    page = f.publish(f.program_page(
        area=area, organiser=unit_a, status="open", participants=None,
        start_date=dt.date(2027, 2, 1), end_date=dt.date(2027, 2, 3),
        registration_deadline=dt.date(2027, 1, 25),
        registration_requirements="Surat tugas dari kepala OPD.",
        registration_url="https://daftar.example.go.id/pkp",
        registration_contact="Sekretariat BKPSDM"), parent=tree.programs)
    html = client.get(page.url).content.decode()
    assert '<h2 id="register-heading">Cara mendaftar</h2>' in html
    assert '<time datetime="2027-01-25">25 Januari 2027</time>' in html
    assert "Surat tugas dari kepala OPD." in html and "Sekretariat BKPSDM" in html
    assert '<a class="button" href="https://daftar.example.go.id/pkp" rel="noopener">' \
           "Daftar</a>" in html


def test_a_completed_program_has_no_registration_section(client, tree, area, unit_a):
    page = f.publish(f.program_page(area=area, organiser=unit_a), parent=tree.programs)
    assert 'id="register-heading"' not in client.get(page.url).content.decode()


def test_the_editor_refuses_an_open_program_without_registration_details(
        comms_client, tree, area, unit_a):
    form = program_form(area=area, unit=unit_a, registration_deadline="",
                        registration_contact="")
    response = comms_client.post(add_url(TrainingProgramPage, tree.programs), form)
    html = response.content.decode()
    assert "Program yang membuka pendaftaran perlu tanggal penutupan pendaftaran." in html
    assert "Isi tautan pendaftaran atau kontak, agar pembaca tahu ke mana mendaftar." in html
    late = program_form(area=area, unit=unit_a, registration_deadline="2027-03-01")
    html = comms_client.post(add_url(TrainingProgramPage, tree.programs), late).content.decode()
    assert "Pendaftaran tidak boleh ditutup setelah program dimulai." in html
    assert not TrainingProgramPage.objects.filter(slug="pelatihan-naskah-dinas").exists()
    ok = comms_client.post(add_url(TrainingProgramPage, tree.programs),
                           program_form(area=area, unit=unit_a))
    assert ok.status_code == 302
