"""Sign-in events for the audit trail. Django reports them only through these signals."""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from patroncare.accounts import events


@receiver(user_logged_in)
def record_sign_in(sender, request, user, **kwargs):
    events.signed_in(user=user)


@receiver(user_logged_out)
def record_sign_out(sender, request, user, **kwargs):
    if user is not None:
        events.signed_out(user=user)


@receiver(user_login_failed)
def record_failed_sign_in(sender, credentials, request=None, **kwargs):
    attempted = (credentials.get("username") or credentials.get("email") or "")[:254]
    # Attach the attempt to the account's library system so its administrators see attacks on their staff.
    account = get_user_model().objects.filter(email__iexact=attempted).only("id", "library_system_id").first()
    events.sign_in_failed(
        attempted=attempted, library_system_id=account.library_system_id if account else None
    )
