"""Single sign-on: a library system's OpenID provider, the mapping of groups to roles, who came from where.

PatronCare keeps no password for a person who signs in through their library's accounts; the provider or the
directory proves who they are and the mapping table says what they may do here.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from patroncare.accounts.models import Role
from patroncare.core.concurrency import VersionedModel
from patroncare.libraries.models import Branch, LibrarySystem


class Source(models.TextChoices):
    OIDC = "oidc", _("OpenID Connect")
    LDAP = "ldap", _("LDAP / Active Directory")


class OidcProvider(VersionedModel):
    """The OpenID Connect provider of one library system (Microsoft Entra ID, Google Workspace, Okta...)."""

    library_system = models.OneToOneField(
        LibrarySystem, on_delete=models.CASCADE, related_name="oidc_provider"
    )
    name = models.CharField(
        _("name shown on the button"), max_length=60, help_text=_("For example: Riverbend staff account.")
    )
    issuer = models.URLField(
        _("issuer"),
        max_length=300,
        help_text=_("The provider's address; its /.well-known/openid-configuration must answer."),
    )
    client_id = models.CharField(_("client ID"), max_length=200)
    # Fernet-encrypted under the server key; an environment variable named after the system wins over it.
    client_secret_encrypted = models.TextField(blank=True, default="")
    allowed_domains = models.CharField(
        _("allowed e-mail domains"),
        max_length=500,
        help_text=_("Separated by commas, for example: riverbend.example. Other addresses are refused."),
    )
    enabled = models.BooleanField(_("show the button on the sign-in page"), default=True)

    class Meta:
        verbose_name = _("OpenID provider")
        verbose_name_plural = _("OpenID providers")

    def __str__(self) -> str:
        return self.name

    @property
    def domains(self) -> list[str]:
        return [part.strip().lower().lstrip("@") for part in self.allowed_domains.split(",") if part.strip()]


class RoleMapping(models.Model):
    """A directory group (or a value of the provider's groups claim) gives a role, at a branch or in all."""

    library_system = models.ForeignKey(LibrarySystem, on_delete=models.CASCADE, related_name="role_mappings")
    source = models.CharField(_("source"), max_length=8, choices=Source.choices)
    group = models.CharField(
        _("group"),
        max_length=200,
        help_text=_("The group's name as the directory or the provider's groups claim gives it."),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    branch = models.ForeignKey(
        Branch,
        verbose_name=_("branch"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Leave empty for the whole library system."),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["source", "group", "role"]
        verbose_name = _("role mapping")
        verbose_name_plural = _("role mappings")
        indexes = [models.Index(fields=["library_system", "source"])]
        constraints = [
            models.CheckConstraint(condition=Q(role__in=Role.values), name="rolemapping_role_valid"),
            models.CheckConstraint(condition=Q(source__in=Source.values), name="rolemapping_source_valid"),
            models.CheckConstraint(condition=~Q(group=""), name="rolemapping_group_not_empty"),
            models.UniqueConstraint(
                fields=["library_system", "source", "group", "role", "branch"],
                condition=Q(branch__isnull=False),
                name="rolemapping_unique_per_branch",
            ),
            models.UniqueConstraint(
                fields=["library_system", "source", "group", "role"],
                condition=Q(branch__isnull=True),
                name="rolemapping_unique_systemwide",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group} → {self.get_role_display()}"


class ExternalIdentity(models.Model):
    """Ties an account to the person the provider or the directory knows (their subject or DN)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    library_system = models.ForeignKey(LibrarySystem, on_delete=models.CASCADE, related_name="+")
    source = models.CharField(max_length=8, choices=Source.choices)
    subject = models.CharField(max_length=300)
    last_sign_in_at = models.DateTimeField(default=timezone.now)
    # Switched off because the directory no longer gives a role: a later sign-in with a role switches it on.
    deactivated_by_directory = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["library_system", "source", "subject"], name="externalidentity_unique_subject"
            ),
            models.CheckConstraint(
                condition=Q(source__in=Source.values), name="externalidentity_source_valid"
            ),
        ]
        indexes = [models.Index(fields=["source", "deactivated_by_directory"])]

    def __str__(self) -> str:
        return f"{self.source}:{self.subject}"
