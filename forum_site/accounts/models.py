from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .validators import validate_nip


class UserManager(DjangoUserManager):
    """Email is the login; addresses are stored lower-cased so lookups are exact."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        email = self.normalize_email(email).lower()
        user = self.model(email=email, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractUser):
    """A person with an account. The real name (first/last name) is private; the
    display name is what the public sees next to a post."""

    username = None
    email = models.EmailField(_("email address"), unique=True)
    display_name = models.CharField(
        _("display name"),
        max_length=50,
        help_text=_("Shown publicly next to your posts. It does not have to be your real name."),
    )
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.public_name

    @property
    def public_name(self) -> str:
        return self.display_name or _("User %(id)s") % {"id": self.pk}


class Unit(models.Model):
    """An OPD (Organisasi Perangkat Daerah): the government unit threads are routed to
    and ASN work in."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    public_email = models.EmailField(
        _("public contact email"), blank=True,
        help_text=_("The unit's office address, shown publicly. Never a personal address."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("unit (OPD)")
        verbose_name_plural = _("units (OPD)")

    def __str__(self) -> str:
        return self.short_name or self.name


class AsnProfile(models.Model):
    """A user's claim to be a civil servant of a unit, and its verification.

    The NIP is private: it is shown to moderators only, never on a public page,
    export or API."""

    class Status(models.TextChoices):
        AWAITING_EMAIL = "awaiting_email", _("Awaiting confirmation of the official email")
        PENDING = "pending", _("Awaiting verification")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Rejected")
        REVOKED = "revoked", _("Verification withdrawn")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="asn_profile",
        verbose_name=_("user"),
    )
    # Several requests may name one NIP (someone may type another person's): a conflict
    # goes to the moderators, never to the visitor; only one account is verified with it.
    nip = models.CharField(_("NIP"), max_length=18, db_index=True, validators=[validate_nip])
    position = models.CharField(_("position"), max_length=150)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="asn_profiles", verbose_name=_("unit")
    )
    official_email = models.EmailField(_("official email"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    requested_at = models.DateTimeField(_("requested at"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("decided by"),
    )
    decision_reason = models.TextField(_("reason"), blank=True)
    email_confirmed_at = models.DateTimeField(
        _("official email confirmed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("ASN profile")
        verbose_name_plural = _("ASN profiles")
        permissions = [("verify_asnprofile", _("Can verify ASN accounts"))]
        indexes = [models.Index(fields=["status", "requested_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["nip"], condition=models.Q(status="verified"),
                name="accounts_asnprofile_one_verified_per_nip",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user.public_name} — {self.position}, {self.unit}"

    @property
    def is_verified(self) -> bool:
        return self.status == self.Status.VERIFIED


class Consent(models.Model):
    """Explicit consent to a version of the privacy notice (UU 27/2022), append-only."""

    class Purpose(models.TextChoices):
        PRIVACY_NOTICE = "privacy_notice", _("Privacy notice")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consents"
    )
    purpose = models.CharField(max_length=32, choices=Purpose.choices)
    version = models.CharField(max_length=32)
    given_at = models.DateTimeField()

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "purpose", "version"], name="accounts_consent_once_per_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.purpose} {self.version} ({self.user_id})"


class PersonalDataRequest(models.Model):
    """A request to the office about the user's personal data (UU 27/2022): correction,
    objection to processing, access or other. The office answers within 3×24 hours."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", _("Correct my data")
        OBJECTION = "objection", _("Object to processing of my data")
        ACCESS = "access", _("Access to my data")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", pgettext_lazy("personal data request status", "Done")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
        related_name="personal_data_requests", verbose_name=_("user"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    message = models.TextField(_("message"), max_length=4000)
    created_at = models.DateTimeField(_("created"))
    due_at = models.DateTimeField(_("due"))
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.OPEN
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("handled by"),
    )
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    response = models.TextField(_("response"), max_length=4000, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("personal data request")
        verbose_name_plural = _("personal data requests")
        indexes = [models.Index(fields=["status", "due_at"], name="accounts_pdr_queue_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def is_overdue(self) -> bool:
        return self.status == self.Status.OPEN and self.due_at < timezone.now()
