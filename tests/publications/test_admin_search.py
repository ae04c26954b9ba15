"""An editor finds pages through the Wagtail admin's search (Wagtail's own page index).

The test settings turn the index's automatic updates off (they cost a fifth of building a
page tree); this test turns them back on as production has them, and searches as an editor."""

import copy

from django.conf import settings as django_settings

from tests.publications import factories as f


def test_editor_finds_a_new_programme_in_the_admin_page_search(
    settings, superuser_client, tree, area
):
    backends = copy.deepcopy(django_settings.WAGTAILSEARCH_BACKENDS)
    backends["default"]["AUTO_UPDATE"] = True
    settings.WAGTAILSEARCH_BACKENDS = backends
    f.publish(f.program_page(title="Bimtek Arsip Digital Kearsipan", area=area),
              parent=tree.programs)

    response = superuser_client.get("/admin/pages/search/", {"q": "Kearsipan"})

    assert response.status_code == 200
    assert "Bimtek Arsip Digital Kearsipan" in response.content.decode()
    miss = superuser_client.get("/admin/pages/search/", {"q": "Zzyzxtidakada"})
    assert "Bimtek Arsip Digital Kearsipan" not in miss.content.decode()
