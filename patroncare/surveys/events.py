"""Audit events of surveys. Answering is not audited: an audit row would tie a person to a moment."""

from django.utils.translation import gettext_lazy as _

from patroncare.audit.events import define
from patroncare.audit.models import AuditAction as Action
from patroncare.audit.services import audit_event

ROUND_STARTED = define("surveys.round_started", Action.CREATE, _("Staff survey round started"))


def round_started(*, actor, round_):
    return audit_event(ROUND_STARTED, actor=actor, obj=round_, library_system_id=round_.system_id)
