"""Demo units and one account per role for `manage.py seed_demo`."""

from functools import cache

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.utils import timezone

from . import roles
from .models import AsnProfile, Consent, Unit, User

DEMO_PASSWORD = "serambi-demo-2026"  # noqa: S105 - printed for the demo site only

UNITS = [
    ("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kabupaten Mamuju", "BKPSDM",
     "bkpsdm", "Manajemen ASN, pelatihan dan pengembangan kompetensi aparatur."),
    ("Dinas Pekerjaan Umum dan Penataan Ruang Kabupaten Mamuju", "Dinas PUPR",
     "dinas-pupr", "Infrastruktur jalan, jembatan, air bersih dan penataan ruang."),
    ("Dinas Kesehatan Kabupaten Mamuju", "Dinas Kesehatan",
     "dinas-kesehatan", "Puskesmas, layanan kesehatan dasar dan program kesehatan masyarakat."),
    ("Dinas Kependudukan dan Pencatatan Sipil Kabupaten Mamuju", "Disdukcapil",
     "disdukcapil",
     "KTP-el, kartu keluarga, akta kelahiran dan layanan administrasi kependudukan."),
    ("Dinas Pendidikan dan Kebudayaan Kabupaten Mamuju", "Disdikbud",
     "disdikbud", "Pendidikan dasar, guru dan tenaga kependidikan, kebudayaan daerah."),
    ("Dinas Komunikasi, Informatika dan Persandian Kabupaten Mamuju", "Diskominfo",
     "diskominfo", "Layanan digital pemerintah, PPID dan keterbukaan informasi."),
]

# (email, display name, first, last, role, ASN profile (nip, position, unit slug) or None)
ACCOUNTS = [
    ("moderator@serambi.localhost", "Moderator Serambi", "Fadli", "Rasyid", roles.MODERATOR,
     None),
    ("komunikasi@serambi.localhost", "Tim Komunikasi", "Ayu", "Pratiwi", roles.COMMUNICATIONS,
     None),
    ("warga@serambi.localhost", "Andi Mamuju", "Andi", "Saputra", roles.CITIZEN, None),
    ("warga2@serambi.localhost", "Nurhayati", "Nurhayati", "Rahman", roles.CITIZEN, None),
    ("asn.bkpsdm@serambi.localhost", "Rahmat (BKPSDM)", "Rahmat", "Hidayat", roles.ASN,
     ("198503122010011004", "Analis SDM Aparatur Ahli Muda", "bkpsdm")),
    ("asn.pupr@serambi.localhost", "Sitti (PUPR)", "Sitti", "Aminah", roles.ASN,
     ("199001052015032002", "Penata Kelola Bangunan Gedung", "dinas-pupr")),
    ("asn.dukcapil@serambi.localhost", "Yusuf (Dukcapil)", "Muhammad", "Yusuf", roles.ASN,
     ("198811202012121001", "Pengadministrasi Kependudukan", "disdukcapil")),
    ("asn.pending@serambi.localhost", "Dewi", "Dewi", "Lestari", roles.CITIZEN,
     ("199207142019022003", "Perawat Ahli Pertama", "dinas-kesehatan")),
]


def seed_accounts(*, log) -> None:
    units = {}
    for name, short, slug, description in UNITS:
        units[slug], _ = Unit.objects.update_or_create(
            slug=slug, defaults={"name": name, "short_name": short, "description": description,
                                 "public_email": f"{slug}@mamujukab.localhost"},
        )
    log(f"  {len(units)} units")

    moderator = None
    now = timezone.now()
    for email, display, first, last, role, asn in ACCOUNTS:
        user = ensure_demo_user(
            email=email, display_name=display, first_name=first, last_name=last, role=role
        )
        if role == roles.MODERATOR:
            moderator = user
        if asn:
            nip, position, unit_slug = asn
            verified = role == roles.ASN
            AsnProfile.objects.update_or_create(
                user=user,
                defaults={
                    "nip": nip, "position": position, "unit": units[unit_slug],
                    "official_email": f"{user.first_name.lower()}@{unit_slug}.mamujukab.localhost",
                    "status": AsnProfile.Status.VERIFIED if verified else AsnProfile.Status.PENDING,
                    "requested_at": now,
                    "decided_at": now if verified else None,
                    "decided_by": moderator if verified else None,
                },
            )

    admin = User.objects.filter(email="admin@serambi.localhost").first()
    if admin is None:
        admin = User.objects.create_superuser(
            email="admin@serambi.localhost", password=DEMO_PASSWORD, display_name="Admin",
            first_name="Admin", last_name="Serambi",
        )
    _confirm_email(admin)  # else allauth's mandatory verification blocks the public login
    log(f"  demo accounts (password for all: {DEMO_PASSWORD}):")
    for email, _display, _f, _l, role, asn in [*ACCOUNTS, ("admin@serambi.localhost", "", "",
                                                           "", "superuser", None)]:
        label = "ASN (pending verification)" if asn and role == roles.CITIZEN else role
        log(f"    {email:36} {label}")


def ensure_demo_user(
    *, email: str, display_name: str, first_name: str, last_name: str, role: str = roles.CITIZEN
) -> User:
    """A demo account as a real registration leaves it: confirmed email, Warga role plus
    `role`, consent to the current privacy notice. Other apps' seeders use this too."""
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email=email, password=None, display_name=display_name,
            first_name=first_name, last_name=last_name,
        )
        user.password = _demo_password_hash(tuple(settings.PASSWORD_HASHERS))
        user.save(update_fields=["password"])
    user.groups.add(Group.objects.get(name=roles.CITIZEN), Group.objects.get(name=role))
    _confirm_email(user)
    Consent.objects.get_or_create(
        user=user, purpose=Consent.Purpose.PRIVACY_NOTICE,
        version=settings.PRIVACY_NOTICE_VERSION, defaults={"given_at": timezone.now()},
    )
    return user


@cache
def _demo_password_hash(_hashers: tuple[str, ...]) -> str:
    """The demo password hashed once per process (keyed on the hashers in force): every
    demo account shares this published password, so one salt for all costs nothing, and
    the site's real hasher (PBKDF2, ~0.3 s a hash) no longer runs 17 times per seed."""
    return make_password(DEMO_PASSWORD)


def _confirm_email(user: User) -> None:
    from allauth.account.models import EmailAddress

    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
