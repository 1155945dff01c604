"""Audit events of mail from patrons: codes and the reason only, never the sender or the text."""

from django.utils.translation import gettext_lazy as _

from patroncare.audit.events import define
from patroncare.audit.models import AuditAction as Action
from patroncare.audit.services import audit_event

ADDED = define("mailbox.added", Action.CREATE, _("A patron's e-mail was added to its case"))
NEW_CASE = define("mailbox.new_case", Action.CREATE, _("An e-mail to the library started a new case"))
HELD = define("mailbox.held", Action.CREATE, _("An e-mail was held for review (%(reason)s)"))
BOUNCED = define("mailbox.bounced", Action.UPDATE, _("An e-mail to a patron could not be delivered"))
RELEASED = define("mailbox.released", Action.UPDATE, _("An e-mail held for review was added to its case"))
STARTED = define("mailbox.started", Action.UPDATE, _("An e-mail held for review started a new case"))
DISCARDED = define("mailbox.discarded", Action.UPDATE, _("An e-mail held for review was discarded"))
READ = define("mailbox.read", Action.VIEW, _("An e-mail from a patron was read"))


def _system_id(mail):
    return mail.system_id


def mail_added(*, mail):
    return audit_event(ADDED, obj=mail, library_system_id=_system_id(mail), actor_label="e-mail")


def mail_started_case(*, mail):
    return audit_event(NEW_CASE, obj=mail, library_system_id=_system_id(mail), actor_label="e-mail")


def mail_held(*, mail):
    return audit_event(
        HELD,
        obj=mail,
        library_system_id=_system_id(mail),
        actor_label="e-mail",
        params={"reason": mail.reason},
    )


def mail_bounced(*, mail):
    return audit_event(BOUNCED, obj=mail, library_system_id=_system_id(mail), actor_label="e-mail")


def mail_released(*, actor, mail):
    return audit_event(RELEASED, actor=actor, obj=mail)


def mail_started(*, actor, mail):
    return audit_event(STARTED, actor=actor, obj=mail)


def mail_discarded(*, actor, mail):
    return audit_event(DISCARDED, actor=actor, obj=mail)


def mail_read(*, actor, mail):
    return audit_event(READ, actor=actor, obj=mail)
