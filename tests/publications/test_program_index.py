"""The program index over HTTP: filters, invalid values, the filter form (pagination,
the English list and the query budget: test_program_index_growth.py)."""

import datetime as dt

import pytest

from tests.conftest import make_home_page, make_unit_a, make_unit_b
from tests.publications import factories as f
from tests.publications.conftest import make_area, make_other_area, make_tree

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [program.title for program in response.context["items"]]


@pytest.fixture(scope="module")
def programs(module_db):
    """Four programs that differ in one filter each, built once for the module (each test
    reads them in its own savepoint; see module_db)."""
    tree = make_tree(make_home_page())
    area, other_area = make_area(), make_other_area()
    unit_a, unit_b = make_unit_a(), make_unit_b()
    return {
        "leadership_2025": f.publish(f.program_page(
            title="PKA 2025", area=other_area, organiser=unit_a, format="course",
            status="completed", start_date=dt.date(2025, 5, 5), end_date=dt.date(2025, 9, 1),
        ), parent=tree.programs),
        "internship_2026": f.publish(f.program_page(
            title="Magang Unsulbar", area=area, organiser=unit_b, format="internship",
            status="running", start_date=dt.date(2026, 7, 1), end_date=dt.date(2026, 8, 28),
            participants=None,
        ), parent=tree.programs),
        "research_2026": f.publish(f.program_page(
            title="Riset KTP-el", area=area, organiser=unit_a, format="joint_research",
            status="completed", start_date=dt.date(2026, 4, 1), end_date=dt.date(2026, 9, 30),
        ), parent=tree.programs),
        "workshop_2027": f.publish(f.program_page(
            title="Workshop Desain Layanan", area=other_area, organiser=unit_b,
            format="workshop", status="planned", start_date=dt.date(2027, 2, 15),
            end_date=dt.date(2027, 2, 17), participants=None,
        ), parent=tree.programs),
    }


def test_program_index_lists_newest_first(client, programs):
    response = client.get("/program/")
    assert response.status_code == 200
    assert titles(response) == [
        "Workshop Desain Layanan", "Magang Unsulbar", "Riset KTP-el", "PKA 2025",
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("area=manajemen-proyek", {"Magang Unsulbar", "Riset KTP-el"}),
        ("format=internship", {"Magang Unsulbar"}),
        ("year=2026", {"Magang Unsulbar", "Riset KTP-el"}),
        ("status=planned", {"Workshop Desain Layanan"}),
        ("unit=bkpsdm", {"PKA 2025", "Riset KTP-el"}),
        ("area=manajemen-proyek&status=completed&unit=bkpsdm&year=2026", {"Riset KTP-el"}),
        ("format=workshop&year=2025", set()),
    ],
)
def test_program_index_filters(client, programs, query, expected):
    response = client.get(f"/program/?{query}")
    assert response.status_code == 200
    assert set(titles(response)) == expected


@pytest.mark.parametrize(
    "query",
    [
        "year=abc", "year=1999", "year=", "area=tidak-ada", "area=%00", "format=webinar",
        "status=selesai", "unit=999", "unit=' OR 1=1 --", "page=-1", "page=abc", "page=0",
        "page=1.5", "year=2026&year=abc", "area[]=x", "year=" + "9" * 400,
    ],
)
def test_program_index_invalid_values_give_the_unfiltered_list(client, programs, query):
    response = client.get(f"/program/?{query}")
    assert response.status_code == 200
    assert len(titles(response)) == 4 or query == "year=2026&year=abc"
    assert 'aria-invalid' not in response.content.decode()


def test_program_index_invalid_value_is_dropped_but_valid_ones_still_apply(client, programs):
    response = client.get("/program/?year=abc&format=internship&area=nope")
    assert titles(response) == ["Magang Unsulbar"]
    assert response.context["active_filters"] == {"format": "internship"}


def test_program_index_page_past_the_end_is_404(client, programs):
    assert client.get("/program/?page=2").status_code == 404
    assert client.get("/program/?page=99999999999999999999").status_code == 404


def test_program_index_form_shows_selected_filters(client, programs):
    html = client.get("/program/?format=internship&year=2026").content.decode()
    assert '<option value="internship" selected>' in html
    assert '<option value="2026" selected>' in html
    # Years and units offered are the ones that have programs.
    assert '<option value="2027">' in html and '<option value="2024">' not in html
