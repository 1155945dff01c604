"""The trail as a reader sees it: messages in the reader's language, records labelled as they are now."""

from dataclasses import dataclass, field

from django.apps import apps
from django.utils.translation import gettext as _

from .events import event_type
from .labels import labels_for, type_label
from .models import AuditEvent


@dataclass(frozen=True)
class ChangeLine:
    label: str
    text: str  # "old → new", the value, or "changed" when the values are withheld


@dataclass(frozen=True)
class RenderedEvent:
    event: AuditEvent
    summary: str
    record: str
    record_type: str
    changes: list[ChangeLine] = field(default_factory=list)

    @property
    def text(self) -> str:
        """Everything the trail shows about the event, for searching."""
        parts = [self.summary, self.record, self.record_type]
        parts += [f"{line.label}: {line.text}" for line in self.changes]
        return " | ".join(parts)


def render_events(events) -> list[RenderedEvent]:
    events = list(events)
    labels = labels_for((event.object_type, event.object_id) for event in events)
    return [_render(event, labels) for event in events]


def render_event(event: AuditEvent) -> RenderedEvent:
    return render_events([event])[0]


def _render(event: AuditEvent, labels) -> RenderedEvent:
    kind = event_type(event.event) if event.event else None
    summary = kind.render(event.params) if kind else (event.event or event.summary)
    record = labels.get((event.object_type, event.object_id), "")
    return RenderedEvent(
        event=event,
        summary=summary,
        record=record,
        record_type=type_label(event.object_type) if event.object_type else "",
        changes=[_change_line(event, kind, name, values) for name, values in (event.changes or {}).items()],
    )


def _change_line(event, kind, name, values) -> ChangeLine:
    label = (
        _field_label(event.object_type, name)
        or (kind and kind.change_labels.get(name))
        or name.replace("_", " ")
    )
    if isinstance(values, dict) and "old" in values:
        text = f"{_shown(values['old'])} → {_shown(values['new'])}"
    elif isinstance(values, dict) and "value" in values:
        text = _shown(values["value"])
    else:
        text = _("changed")
    return ChangeLine(label=str(label), text=text)


def _field_label(object_type: str, name: str) -> str:
    try:
        return str(apps.get_model(object_type)._meta.get_field(name).verbose_name)
    except (LookupError, ValueError, AttributeError, Exception):
        return ""


def _shown(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return ", ".join(_shown(item) for item in value) or "—"
    return str(value)
