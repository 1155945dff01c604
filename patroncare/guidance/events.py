"""Audit events: codes and non-personal values only; the trail renders them when read."""

from django.utils.translation import gettext_lazy as _

from patroncare.audit.events import define
from patroncare.audit.models import AuditAction as Action
from patroncare.audit.services import audit_event

PLAYBOOK_ADDED = define("guidance.playbook_added", Action.CREATE, _("Standard playbook added"))
PLAYBOOK_TEXT_EDITED = define(
    "guidance.playbook_text_edited",
    Action.UPDATE,
    _("Playbook text (%(language)s) edited, revision %(revision)s"),
)
PLAYBOOK_SETTINGS_CHANGED = define(
    "guidance.playbook_settings_changed", Action.UPDATE, _("Playbook settings changed")
)
LANGUAGE_ADDED = define("guidance.language_added", Action.CREATE, _("Phrase-card language added"))
PHRASE_ADDED = define("guidance.phrase_added", Action.CREATE, _("Phrase added to the phrase cards"))
TRANSLATIONS_SAVED = define(
    "guidance.translations_saved", Action.UPDATE, _("Phrase cards: %(count)s phrases changed")
)


def playbook_added(*, actor, playbook, system):
    return audit_event(PLAYBOOK_ADDED, actor=actor, obj=playbook, library_system_id=system.pk)


def playbook_text_edited(*, actor, playbook, language: str, revision: int, changes):
    return audit_event(
        PLAYBOOK_TEXT_EDITED,
        actor=actor,
        obj=playbook,
        params={"language": language, "revision": revision},
        changes=changes,
    )


def playbook_settings_changed(*, actor, playbook, changes):
    return audit_event(PLAYBOOK_SETTINGS_CHANGED, actor=actor, obj=playbook, changes=changes)


def language_added(*, actor, language, system):
    return audit_event(LANGUAGE_ADDED, actor=actor, obj=language, library_system_id=system.pk)


def phrase_added(*, actor, phrase, system):
    return audit_event(PHRASE_ADDED, actor=actor, obj=phrase, library_system_id=system.pk)


def translations_saved(*, actor, language, changed: int):
    return audit_event(
        TRANSLATIONS_SAVED,
        actor=actor,
        obj=language,
        library_system_id=language.system_id,
        params={"count": changed},
    )
