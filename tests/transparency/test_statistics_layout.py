"""The statistics page reads as a document (issue 17): a short table of contents whose
links reach every section and come back, wide tables never squeezed beside a chart, and
participant figures that say what they count, reconciled with the home page's."""

import datetime as dt
import re

import pytest

from tests.publications import factories as f
from tests.publications.conftest import area, tree  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db


def _contents(html: str) -> str:
    return html[html.index('<nav class="toc"'):html.index("</nav>", html.index('<nav class="toc"'))]


@pytest.mark.parametrize(("url", "heading", "back"), [
    ("/statistik/", "Di halaman ini", "Kembali ke daftar isi"),
    ("/en/statistics/", "On this page", "Back to the contents"),
])
def test_the_contents_reach_every_section_and_each_section_leads_back(
        client, home_page, url, heading, back):
    html = client.get(url).content.decode()
    toc = _contents(html)
    assert f'<h2 id="toc-heading" class="toc__title">{heading}</h2>' in toc  # visible
    anchors = re.findall(r'<li><a href="#([\w-]+)">', toc)
    sections = re.findall(r'<section class="stats-section" id="([\w-]+)"', html)
    assert anchors == sections and len(sections) >= 8
    assert html.count(f'<a href="#contents">{back}</a>') == len(sections)
    assert 'id="contents"' in html


def test_only_a_narrow_table_sits_beside_its_chart(client, home_page):
    html = client.get("/statistik/").content.decode()
    pairs = html.split('<div class="chart-pair')[1:]
    assert len(pairs) >= 6
    for pair in pairs:
        table = pair[:pair.index("</table>")]
        columns = table.count('<th scope="col"')
        if pair.startswith(' chart-pair--side"'):
            assert columns <= 2, table[:200]
        else:
            assert pair.startswith('">')  # stacked: the table takes the full width
    assert sum(p.startswith(' chart-pair--side"') for p in pairs) == 1


def test_participant_figures_say_what_they_count_on_both_pages(client, tree, area):  # noqa: F811
    f.publish(f.program_page(area=area, participants=20, status="completed"),
              parent=tree.programs)
    f.publish(f.program_page(area=area, participants=7, status="running",
                             start_date=dt.date(2026, 9, 1), end_date=dt.date(2026, 12, 20)),
              parent=tree.programs)

    home = client.get("/").content.decode()
    figures = home[home.index('id="key-figures"'):]
    assert re.search(r'<strong class="figure">20</strong> peserta', figures)
    assert "dalam program yang selesai, semua tahun" in figures
    assert 'href="/statistik/#training">cara kami menghitung</a>' in figures

    statistics = client.get("/statistik/").content.decode()
    training = statistics[statistics.index('id="training"'):]
    assert "semua tahun, angka yang tampil di beranda" in training
    assert "Hanya program yang sudah selesai: 20 untuk semua tahun" in training
    assert "masih direncanakan: 27 untuk semua tahun" in training
    header = training[training.index("<thead>"):training.index("</thead>")]
    assert "Peserta program yang selesai" in header
    row = training[training.index("<tbody>"):training.index("</tr>", training.index("<tbody>"))]
    assert re.findall(r'<td class="num">(\d+)</td>', row) == ["2", "1", "27", "20", "60"]
