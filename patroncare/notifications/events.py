"""Audit events: codes and non-personal values only; the trail renders them when read."""

from django.utils.translation import gettext_lazy as _

from patroncare.audit.events import define
from patroncare.audit.models import AuditAction as Action
from patroncare.audit.services import audit_event

CHOICES_SAVED = define("notifications.choices_saved", Action.UPDATE, _("Notification choices saved"))


def choices_saved(*, user):
    return audit_event(CHOICES_SAVED, actor=user, obj=user)
