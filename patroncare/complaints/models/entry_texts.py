"""The words of a timeline entry, rendered from its codes in the reader's language (no queries)."""

from datetime import date

from django.core.exceptions import FieldDoesNotExist
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .choices import Channel, Judgement


def _label(choices, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def _field_names(names) -> str:
    from .case import Complaint

    shown = []
    for name in names:
        try:
            shown.append(str(Complaint._meta.get_field(name).verbose_name))
        except FieldDoesNotExist:
            shown.append(name)
    return ", ".join(shown)


def _day(value: str) -> str:
    try:
        return date_format(date.fromisoformat(value))
    except (TypeError, ValueError):
        return value or ""


def entry_text(entry) -> str:
    data = entry.data or {}
    code = data.get("code")
    typed = entry.body
    if code == "received":
        return _label(Channel, data.get("channel", ""))
    if code == "changed":
        return _field_names(data.get("fields", []))
    if code == "merged_into":
        return _("Merged into %(reference)s: %(reason)s") % {
            "reference": data.get("reference"),
            "reason": typed,
        }
    if code == "merged_from":
        return _("%(reference)s merged into this case: %(reason)s") % {
            "reference": data.get("reference"),
            "reason": typed,
        }
    if code == "closed":
        return f"{_label(Judgement, data.get('judgement', ''))}: {typed}"
    if code == "action_added":
        return _("Action added: %(action)s (%(owner)s, by %(date)s)") % {
            "action": typed,
            "owner": data.get("owner", ""),
            "date": _day(data.get("date")),
        }
    if code == "action_done":
        return _("Done: %(action)s") % {"action": typed}
    if code == "praise_passed":
        return _("Praise passed on to %(names)s") % {"names": typed}
    return typed
