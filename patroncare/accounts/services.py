"""Every change to staff accounts, roles and second factors."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.plugins.otp_totp.models import TOTPDevice

from patroncare.audit.models import AuditAction
from patroncare.audit.services import audit_record, changed_fields
from patroncare.core.mail import send_in_language
from patroncare.libraries.models import Branch, LibrarySystem

from .models import Role, RoleAssignment, User
from .permissions import forget_roles

PROFILE_FIELDS = ["full_name", "preferred_language"]


@transaction.atomic
def staff_create(
    *,
    actor,
    system: LibrarySystem,
    email: str,
    full_name: str,
    preferred_language: str = "en",
    roles: list[tuple[str, Branch | None]] = (),
    invite_base_url: str = "",
) -> User:
    user = User(
        email=User.objects.normalize_email(email).lower(),
        full_name=full_name,
        library_system=system,
        preferred_language=preferred_language,
    )
    user.set_unusable_password()
    user.full_clean()
    user.save()
    _replace_roles(user=user, roles=roles)
    audit_record(
        action=AuditAction.CREATE,
        actor=actor,
        obj=user,
        summary="Staff account created",
        changes={"roles": _role_labels(roles)},
    )
    if invite_base_url:
        transaction.on_commit(lambda: staff_send_invitation(user=user, base_url=invite_base_url))
    return user


@transaction.atomic
def staff_update(
    *,
    actor,
    user: User,
    full_name: str,
    preferred_language: str,
    is_active: bool,
    roles: list[tuple[str, Branch | None]],
) -> User:
    before = {
        "full_name": user.full_name,
        "preferred_language": user.preferred_language,
        "is_active": user.is_active,
    }
    old_roles = _role_labels(list(user.role_assignments.values_list("role", "branch__name")))
    user.full_name, user.preferred_language, user.is_active = full_name, preferred_language, is_active
    user.full_clean()
    user.save(update_fields=["full_name", "preferred_language", "is_active"])
    _replace_roles(user=user, roles=roles)
    changes = changed_fields(user, before, list(before))
    new_roles = _role_labels(roles)
    if sorted(old_roles) != sorted(new_roles):
        changes["roles"] = [old_roles, new_roles]
    audit_record(
        action=AuditAction.UPDATE, actor=actor, obj=user, summary="Staff account changed", changes=changes
    )
    return user


def _replace_roles(*, user: User, roles) -> None:
    wanted = {(role, branch.pk if branch else None) for role, branch in roles}
    for role, _branch_id in wanted:
        if role not in Role.values:
            raise ValueError(f"Unknown role {role!r}")
    user.role_assignments.exclude(
        pk__in=[a.pk for a in user.role_assignments.all() if (a.role, a.branch_id) in wanted]
    ).delete()
    existing = set(user.role_assignments.values_list("role", "branch_id"))
    RoleAssignment.objects.bulk_create(
        RoleAssignment(user=user, role=role, branch_id=branch_id)
        for role, branch_id in sorted(wanted - existing, key=str)
    )
    forget_roles(user)


def _role_labels(roles) -> list[str]:
    labels = []
    for role, branch in roles:
        scope = getattr(branch, "name", branch) or "whole system"
        labels.append(f"{Role(role).label} · {scope}")
    return sorted(str(label) for label in labels)


@transaction.atomic
def profile_update(*, user: User, full_name: str, preferred_language: str) -> User:
    before = {name: getattr(user, name) for name in PROFILE_FIELDS}
    user.full_name, user.preferred_language = full_name, preferred_language
    user.full_clean()
    user.save(update_fields=PROFILE_FIELDS)
    audit_record(
        action=AuditAction.UPDATE,
        actor=user,
        obj=user,
        summary="Own profile changed",
        changes=changed_fields(user, before, PROFILE_FIELDS),
    )
    return user


def password_reset_link(*, user: User, base_url: str) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return base_url.rstrip("/") + reverse("accounts:password_reset_confirm", args=[uid, token])


def staff_send_invitation(*, user: User, base_url: str) -> None:
    """E-mail a new member of staff a link to choose their password, through the task engine."""
    send_in_language(
        to=user.email,
        language=user.preferred_language,
        subject_template="accounts/email/invitation_subject.txt",
        body_template="accounts/email/invitation_body.txt",
        context={
            "user": user,
            "link": password_reset_link(user=user, base_url=base_url),
            "system": user.library_system,
        },
    )


def two_factor_device_start(*, user: User) -> TOTPDevice:
    """An unconfirmed TOTP device for the enrolment page; any earlier unconfirmed one is replaced."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


@transaction.atomic
def two_factor_device_confirm(*, user: User, device: TOTPDevice, token: str) -> bool:
    if device.user_id != user.pk or not device.verify_token(token):
        return False
    TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit_record(action=AuditAction.SECURITY, actor=user, obj=user, summary="Two-factor sign-in enabled")
    return True


@transaction.atomic
def two_factor_disable(*, user: User) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    audit_record(action=AuditAction.SECURITY, actor=user, obj=user, summary="Two-factor sign-in disabled")


def site_base_url(request) -> str:
    return getattr(settings, "PATRONCARE_BASE_URL", "") or request.build_absolute_uri("/")
