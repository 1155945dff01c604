"""Every write of single sign-on: the provider settings, the mapping table, and what a sign-in changes.

A person who signs in through the library's accounts gets exactly the roles the mapping table gives their
groups, at every sign-in: a change of the table or of their groups applies the next time. An account is
created only when a mapping gives a role; with no role left, the account is switched off.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from patroncare.accounts.models import RoleAssignment
from patroncare.accounts.permissions import forget_roles
from patroncare.audit.services import changed_fields
from patroncare.core.access import refuse_unless
from patroncare.core.concurrency import save_if_unchanged

from . import events, secrets
from .models import ExternalIdentity, OidcProvider, RoleMapping, Source
from .permissions import can_configure_sign_on

EVERYONE = "*"  # a mapping for "*" gives its role to everyone the provider or directory lets in
PROVIDER_FIELDS = ["name_en", "name_es", "issuer", "client_id", "allowed_domains", "enabled"]


class SignInRefused(Exception):
    """The provider or directory said who the person is, but PatronCare does not let them in."""

    def __init__(self, message, *, reason: str):
        super().__init__(str(message))
        self.message = message
        self.reason = reason


@dataclass(frozen=True)
class Person:
    """What the provider or the directory says about the person signing in."""

    source: str
    subject: str
    email: str
    full_name: str
    groups: tuple[str, ...]


def _refuse_config(user) -> None:
    refuse_unless(can_configure_sign_on(user), _("Only an administrator may change single sign-on."))


@transaction.atomic
def oidc_provider_save(
    *, actor, values: dict, client_secret: str = "", expected_version: int = 0
) -> OidcProvider:
    _refuse_config(actor)
    provider = OidcProvider.objects.filter(library_system_id=actor.library_system_id).first()
    creating = provider is None
    if creating:
        provider = OidcProvider(library_system_id=actor.library_system_id)
        before = {}
    else:
        before = {name: getattr(provider, name) for name in PROVIDER_FIELDS}
    for name in PROVIDER_FIELDS:
        if name in values:
            setattr(provider, name, values[name])
    provider.issuer = provider.issuer.rstrip("/")
    if provider.name_en and not provider.name:
        provider.name = provider.name_en
    if client_secret:
        provider.client_secret_encrypted = secrets.encrypt(client_secret)
    fields = [*PROVIDER_FIELDS, "name", "client_secret_encrypted"]
    if creating:
        provider.full_clean()
        provider.save()
    else:
        save_if_unchanged(provider, expected_version=expected_version, fields=fields)
        provider.refresh_from_db()
    events.provider_saved(
        actor=actor,
        provider=provider,
        changes=changed_fields(provider, before, PROVIDER_FIELDS) if before else {},
        secret_changed=bool(client_secret),
    )
    return provider


@transaction.atomic
def role_mapping_add(*, actor, source: str, group: str, role: str, branch=None) -> RoleMapping:
    _refuse_config(actor)
    if branch is not None and branch.system_id != actor.library_system_id:
        raise ValidationError({"branch": _("Choose a branch of your library system.")})
    mapping = RoleMapping(
        library_system_id=actor.library_system_id,
        source=source,
        group=group.strip(),
        role=role,
        branch=branch,
    )
    mapping.full_clean(validate_constraints=False)
    duplicate = RoleMapping.objects.filter(
        library_system_id=actor.library_system_id,
        source=source,
        group__iexact=mapping.group,
        role=role,
        branch=branch,
    )
    if duplicate.exists():
        raise ValidationError({"group": _("This group already gives this role there.")})
    try:
        with transaction.atomic():
            mapping.save()
    except IntegrityError as error:
        raise ValidationError({"group": _("This group already gives this role there.")}) from error
    events.mapping_added(actor=actor, mapping=mapping)
    return mapping


@transaction.atomic
def role_mapping_remove(*, actor, mapping: RoleMapping) -> None:
    _refuse_config(actor)
    refuse_unless(
        mapping.library_system_id == actor.library_system_id,
        _("Only an administrator may change single sign-on."),
    )
    events.mapping_removed(actor=actor, mapping=mapping)
    mapping.delete()


def roles_for(*, system, source: str, groups) -> set[tuple[str, int | None]]:
    """(role, branch id or None) that the mapping table gives these groups; names compare case-blind."""
    names = {group.strip().lower() for group in groups if group and group.strip()}
    wanted = set()
    for mapping in RoleMapping.objects.filter(library_system=system, source=source).order_by():
        if mapping.group == EVERYONE or mapping.group.lower() in names:
            wanted.add((mapping.role, mapping.branch_id))
    return wanted


def sso_sign_in(*, system, person: Person) -> "get_user_model()":
    """The account of a person the provider or directory has just authenticated, with their mapped roles.

    Raises SignInRefused (nothing created) when no mapping gives a role, when the address belongs to another
    library system, or when an administrator switched the account off. An account whose person no longer has
    a role is switched off here, before the refusal, so leaving the directory's groups ends access at once.
    """
    wanted = roles_for(system=system, source=person.source, groups=person.groups)
    identity = (
        ExternalIdentity.objects.select_related("user")
        .filter(library_system=system, source=person.source, subject=person.subject)
        .first()
    )
    if not wanted:
        if identity is not None and identity.user.is_active:
            identity_withdraw(identity=identity)
        _refused(
            system,
            person.source,
            "no_role",
            _(
                "Your library's accounts let you in, but none of your groups gives you a role in PatronCare. "
                "Ask your library's administrator to add your group to the role mapping."
            ),
        )
    user = identity.user if identity else get_user_model().objects.filter(email__iexact=person.email).first()
    if user is not None and user.library_system_id != system.pk:
        _refused(
            system,
            person.source,
            "other_system",
            _("This e-mail address belongs to an account of another library system. Ask your administrator."),
        )
    if (
        user is not None
        and not user.is_active
        and (identity is None or not identity.deactivated_by_directory)
    ):
        _refused(
            system,
            person.source,
            "inactive",
            _("This account is not active. Ask your library's administrator."),
        )
    return _sign_in_with_roles(system=system, person=person, identity=identity, user=user, wanted=wanted)


@transaction.atomic
def _sign_in_with_roles(*, system, person: Person, identity, user, wanted) -> "get_user_model()":
    User = get_user_model()
    created = False
    if user is None:
        user = User(
            email=person.email.strip().lower(),
            full_name=(person.full_name or person.email.split("@")[0])[:150],
            library_system=system,
            preferred_language=settings.LANGUAGE_CODE,
        )
        user.set_unusable_password()
        user.full_clean()
        user.save()
        created = True
    elif not user.is_active:  # switched off by the directory check, and a role is back
        user.is_active = True
        user.save(update_fields=["is_active"])
    if identity is None:
        identity = ExternalIdentity(
            user=user, library_system=system, source=person.source, subject=person.subject
        )
    identity.last_sign_in_at = timezone.now()
    identity.deactivated_by_directory = False
    identity.full_clean(validate_constraints=False)
    identity.save()
    before = sorted(_codes(user.role_assignments.values_list("role", "branch_id")))
    _replace_roles(user=user, wanted=wanted)
    after = sorted(_codes(wanted))
    if created:
        events.account_created(user=user, source=person.source, roles=", ".join(after))
    elif before != after:
        events.roles_applied(
            user=user, source=person.source, roles=", ".join(after), changes={"roles": [before, after]}
        )
    return user


@transaction.atomic
def identity_withdraw(*, identity: ExternalIdentity) -> None:
    """The directory gives this person no role any more: no roles, account off, until a role comes back."""
    user = identity.user
    RoleAssignment.objects.filter(user=user).delete()
    forget_roles(user)
    user.is_active = False
    user.save(update_fields=["is_active"])
    identity.deactivated_by_directory = True
    identity.save(update_fields=["deactivated_by_directory"])
    events.access_withdrawn(user=user)


def sign_in_refused(*, system, source: str, reason: str) -> None:
    """Record a refusal that happened before PatronCare knew who the person is (wrong secret, expired...)."""
    events.sign_in_refused(system=system, source=source, reason=reason)


def _refused(system, source, reason, message):
    events.sign_in_refused(system=system, source=source, reason=reason)
    raise SignInRefused(message, reason=reason)


def _replace_roles(*, user, wanted) -> None:
    keep = [a.pk for a in user.role_assignments.all() if (a.role, a.branch_id) in wanted]
    user.role_assignments.exclude(pk__in=keep).delete()
    existing = set(user.role_assignments.values_list("role", "branch_id"))
    RoleAssignment.objects.bulk_create(
        RoleAssignment(user=user, role=role, branch_id=branch_id)
        for role, branch_id in sorted(wanted - existing, key=str)
    )
    forget_roles(user)


def _codes(roles) -> list[str]:
    return [f"{role}:{branch_id or 'system'}" for role, branch_id in roles]


__all__ = ["Source", "Person", "SignInRefused", "sso_sign_in", "roles_for"]
