"""Factories for accounts: users, units (OPD) and ASN profiles with valid NIPs."""

import datetime as dt

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from forum_site.accounts.models import AsnProfile, Consent, Unit, User

PASSWORD = "rahasia-serambi-2026"


def nip_for(n: int, *, sex: str = "1") -> str:
    """A valid, unique-per-n NIP: birth date + appointment year-month + sex + sequence.

    Birth dates walk forward one day per n from 1 January 1965, so NIPs never repeat
    within a test run; appointment is 22 years after birth (always in the past)."""
    birth = dt.date(1965, 1, 1) + dt.timedelta(days=n % 12000)
    appointment_year = birth.year + 22
    appointment_month = (n % 12) + 1
    sequence = (n % 999) + 1
    return (
        f"{birth:%Y%m%d}{appointment_year:04d}{appointment_month:02d}{sex}{sequence:03d}"
    )


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Dinas Contoh {n}")
    short_name = factory.Sequence(lambda n: f"DC{n}")
    slug = factory.Sequence(lambda n: f"dinas-contoh-{n}")
    public_email = factory.Sequence(lambda n: f"dinas{n}@mamujukab.go.id")
    is_active = True


class UserFactory(factory.django.DjangoModelFactory):
    """A user whose email is already verified with allauth, so they can sign in."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"warga{n}@example.id")
    display_name = factory.Sequence(lambda n: f"Warga {n}")
    first_name = "Andi"
    last_name = factory.Sequence(lambda n: f"Pratama{n}")
    password = factory.django.Password(PASSWORD)
    is_active = True

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            for role in extracted:
                self.groups.add(Group.objects.get(name=role))

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        from allauth.account.models import EmailAddress

        EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)

    @factory.post_generation
    def consented(self, create, extracted, **kwargs):
        """Registered users agreed to the current privacy notice (pass False to test the
        consent page)."""
        if not create or extracted is False:
            return
        from django.conf import settings

        Consent.objects.create(
            user=self, purpose=Consent.Purpose.PRIVACY_NOTICE,
            version=settings.PRIVACY_NOTICE_VERSION, given_at=timezone.now(),
        )


class AsnProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AsnProfile

    user = factory.SubFactory(UserFactory)
    nip = factory.Sequence(nip_for)
    position = "Analis SDM Aparatur Ahli Pertama"
    unit = factory.SubFactory(UnitFactory)
    official_email = factory.Sequence(lambda n: f"asn{n}@mamujukab.go.id")
    status = AsnProfile.Status.PENDING
    requested_at = factory.LazyFunction(timezone.now)

    class Params:
        verified = factory.Trait(
            status=AsnProfile.Status.VERIFIED,
            decided_at=factory.LazyFunction(timezone.now),
        )
        rejected = factory.Trait(
            status=AsnProfile.Status.REJECTED,
            decided_at=factory.LazyFunction(timezone.now),
            decision_reason="NIP tidak cocok dengan data kepegawaian.",
        )
