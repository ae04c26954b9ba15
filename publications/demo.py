"""Demo content for publications: the home page in Indonesian and English."""

from django.db import transaction
from wagtail.models import Locale, Page, Site

from forum_site.core.demo import demo_seeder

from .models import HomePage

HOME_ID = {
    "title": "Serambi",
    "intro": (
        "Ruang terbuka untuk warga dan ASN Kabupaten Mamuju: lihat program pengembangan "
        "kompetensi ASN dan hasilnya, ajukan pertanyaan, kritik dan saran tentang layanan "
        "publik, dan dapatkan jawaban resmi dari unit yang bertanggung jawab."
    ),
    "body": (
        "<h2>Tentang kami</h2><p>Kami mengembangkan kompetensi Aparatur Sipil Negara melalui "
        "pelatihan manajerial, kepemimpinan, inovasi dan teknologi informasi untuk pelayanan "
        "publik, bersama perguruan tinggi mitra. Di sini kami melaporkan apa yang dicapai, "
        "lengkap dengan angkanya.</p>"
    ),
}
HOME_EN = {
    "title": "Serambi",
    "intro": (
        "An open space for the citizens and civil servants of Mamuju Regency: see the "
        "programmes that develop civil servants and what they achieved, ask questions, give "
        "feedback on public services, and get official answers from the responsible unit."
    ),
    "body": (
        "<h2>About us</h2><p>We develop the competencies of civil servants through training "
        "in management, leadership, innovation and IT for public service, together with "
        "partner universities. Here we report what was achieved, with the figures.</p>"
    ),
}


@demo_seeder(order=20)
def seed_home(*, log) -> None:
    home = _home_page()
    _english_home(home)
    log(f"  home page: {home.url_path} (id + en)")


@transaction.atomic
def _home_page() -> HomePage:
    locale_id = Locale.get_default()
    home = HomePage.objects.filter(locale=locale_id).first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(instance=HomePage(slug="beranda", locale=locale_id, **HOME_ID))
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home,
                            is_default_site=True, site_name="Serambi")
    elif site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.site_name = "Serambi"
        site.save()
        # Wagtail's placeholder "Welcome" page is not ours to keep.
        if old_root.specific_class is Page and not old_root.get_children().exists():
            old_root.delete()
    return home


@transaction.atomic
def _english_home(home: HomePage) -> HomePage:
    locale_en, _ = Locale.objects.get_or_create(language_code="en")
    english = HomePage.objects.filter(locale=locale_en, translation_key=home.translation_key).first()
    if english is None:
        english = home.copy_for_translation(locale_en)
        for field, value in HOME_EN.items():
            setattr(english, field, value)
        english.save_revision().publish()
    return english
