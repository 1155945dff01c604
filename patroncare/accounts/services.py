"""Every change to staff accounts, roles and second factors."""

import time

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from patroncare.accounts import events
from patroncare.audit.services import changed_fields
from patroncare.core.concurrency import save_if_unchanged
from patroncare.core.mail import absolute_link, send_in_language
from patroncare.libraries.models import Branch, LibrarySystem

from .models import Role, RoleAssignment, User
from .permissions import (
    can_change_two_factor_device,
    can_reset_two_factor_of,
    can_turn_off_two_factor,
    forget_roles,
    requires_two_factor,
)

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
    events.staff_created(actor=actor, user=user, roles=_role_codes(roles))
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
    expected_version: int,
) -> User:
    before = {
        "full_name": user.full_name,
        "preferred_language": user.preferred_language,
        "is_active": user.is_active,
    }
    old_roles = _role_codes(list(user.role_assignments.values_list("role", "branch_id")))
    user.full_name, user.preferred_language, user.is_active = full_name, preferred_language, is_active
    save_if_unchanged(
        user, expected_version=expected_version, fields=["full_name", "preferred_language", "is_active"]
    )
    _replace_roles(user=user, roles=roles)
    changes = changed_fields(user, before, list(before))
    new_roles = _role_codes(roles)
    if sorted(old_roles) != sorted(new_roles):
        changes["roles"] = [old_roles, new_roles]
    events.staff_changed(actor=actor, user=user, changes=changes)
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


def _role_codes(roles) -> list[str]:
    """Roles as codes ("supervisor:3", "director:system") for the audit trail: no names."""
    codes = []
    for role, branch in roles:
        branch_id = branch if isinstance(branch, int) else getattr(branch, "pk", None)
        codes.append(f"{role}:{branch_id or 'system'}")
    return sorted(codes)


@transaction.atomic
def profile_update(*, user: User, full_name: str, preferred_language: str, expected_version: int) -> User:
    before = {name: getattr(user, name) for name in PROFILE_FIELDS}
    user.full_name, user.preferred_language = full_name, preferred_language
    save_if_unchanged(user, expected_version=expected_version, fields=PROFILE_FIELDS)
    events.profile_changed(user=user, changes=changed_fields(user, before, PROFILE_FIELDS))
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


TWO_FACTOR_DEVICE_NAME = "Authenticator app"


class TwoFactorChange:
    """What the notice e-mail tells the person happened to their second factor."""

    ADDED = "added"
    REPLACED = "replaced"
    REMOVED = "removed"
    RESET = "reset"


def two_factor_new_key() -> str:
    """A fresh TOTP secret (hex) for an enrolment; kept in the session until a code proves it."""
    return random_hex(20)


@transaction.atomic
def two_factor_device_confirm(*, user: User, key: str, token: str) -> TOTPDevice:
    """Turn the enrolment secret `key` into the user's device once `token` proves the app holds it.

    Only a sign-in verified with the current device, or a user with no device at all, may do this. Any
    earlier device is replaced in the same transaction, so there is never a moment without one.
    """
    _require(can_change_two_factor_device(user))
    device = TOTPDevice(user=user, key=key, name=TWO_FACTOR_DEVICE_NAME, confirmed=True)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if not (token.isdigit() and totp.verify(int(token), device.tolerance, device.last_t + 1)):
        raise ValidationError(
            {"code": _("That code is not right. Check the clock of your phone and enter the code shown now.")}
        )
    # The code just used cannot be used again to pass the verify step.
    device.last_t = totp.t()
    replaced = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True).exists()
    TOTPDevice.objects.filter(user=user).delete()
    device.full_clean()
    device.save()
    events.two_factor_enabled(user=user, replaced=replaced)
    change = TwoFactorChange.REPLACED if replaced else TwoFactorChange.ADDED
    transaction.on_commit(lambda: two_factor_send_notice(user=user, change=change))
    return device


def two_factor_disable(*, user: User, token: str) -> None:
    """Turn off optional two-factor sign-in: a verified sign-in and a current code from the device."""
    if requires_two_factor(user):
        raise ValidationError(_("Your role requires two-factor sign-in, so it cannot be turned off."))
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        raise ValidationError(_("Two-factor sign-in is already off."))
    if not can_turn_off_two_factor(user):
        raise ValidationError(_("Enter a code at sign-in first, then turn two-factor sign-in off."))
    # Checked outside the transaction below: a wrong code must count towards the device's throttle even
    # though the request is refused.
    allowed, _details = device.verify_is_allowed()
    if not allowed:
        raise ValidationError({"code": _("Too many wrong codes. Wait a minute, then try again.")})
    if not device.verify_token(token):
        raise ValidationError({"code": _("That code is not right or has expired. Enter the code shown now.")})
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        events.two_factor_disabled(user=user)
        transaction.on_commit(lambda: two_factor_send_notice(user=user, change=TwoFactorChange.REMOVED))


@transaction.atomic
def two_factor_reset(*, actor: User, user: User) -> None:
    """Remove the device of someone who lost it, so they set up a new one at their next sign-in."""
    _require(can_reset_two_factor_of(actor, user))
    deleted, _by_model = TOTPDevice.objects.filter(user=user).delete()
    if not deleted:
        raise ValidationError(_("%(name)s has no two-factor device to reset.") % {"name": user})
    events.two_factor_reset(actor=actor, user=user)
    transaction.on_commit(lambda: two_factor_send_notice(user=user, change=TwoFactorChange.RESET))


def two_factor_send_notice(*, user: User, change: str) -> None:
    """Tell the person their second factor changed, so a change they did not make does not go unnoticed."""
    send_in_language(
        to=user.email,
        language=user.preferred_language,
        subject_template="accounts/email/two_factor_changed_subject.txt",
        body_template="accounts/email/two_factor_changed_body.txt",
        context={
            "user": user,
            "change": change,
            "system": user.library_system,
            "link": absolute_link("accounts:account"),
            "required": requires_two_factor(user),
        },
    )


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def site_base_url(request) -> str:
    return getattr(settings, "PATRONCARE_BASE_URL", "") or request.build_absolute_uri("/")
