"""Complaints (and praise and suggestions) from an old log or a feedback form's spreadsheet.

Each row is recorded by `complaints.services.complaint_record` (the branch and place, a time not in the
future, the category's restriction, the deadlines from the day it was received) without mailing the patron
or notifying staff: they heard of it when it happened. A row with a resolution is closed as resolved, one-off,
with that text as the reason, through the same service."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from patroncare.complaints.models import CaseEntry, Category, Channel, Complaint, EntryKind, Severity
from patroncare.complaints.models import Kind as ComplaintKind
from patroncare.complaints.services import categories_install_defaults, complaint_record
from patroncare.libraries.models import Location

from .common import Importer, refuse_built_on
from .incidents import branch_of

LABELS = {
    "received_at": gettext_lazy("Received"),
    "branch": gettext_lazy("Branch"),
    "narrative": gettext_lazy("What the patron said"),
    "kind": gettext_lazy("Kind"),
    "channel": gettext_lazy("How it came in"),
    "category": gettext_lazy("Category"),
    "severity": gettext_lazy("Severity"),
    "location": gettext_lazy("Place"),
    "occurred_at": gettext_lazy("When it happened"),
    "patron_name": gettext_lazy("Patron's name"),
    "patron_email": gettext_lazy("Patron's e-mail"),
    "patron_phone": gettext_lazy("Patron's phone"),
    "resolution": gettext_lazy("How it was resolved"),
}


def choices(system) -> dict:
    categories_install_defaults(system=system)
    return {
        "branch": {b.code: b.name for b in system.branches.all()},
        "location": {
            str(p.pk): f"{p.branch.name} · {p.name}"
            for p in Location.objects.filter(branch__system=system).select_related("branch")
        },
        "kind": dict(ComplaintKind.choices),
        "channel": dict(Channel.choices) | {Channel.WEB.value: "Google Form online"},
        "category": {c.key: c.name for c in Category.objects.filter(system=system, is_active=True)},
        "severity": dict(Severity.choices),
    }


def _choice(row, name: str, allowed, default: str = "") -> str:
    text = row.cell(name)
    if not text:
        return row.default(name) or default
    key = row.matched(name, text)
    if key in allowed:
        return key
    row.errors[name] = _("“%(value)s” is not a value we know here. Match it to one.") % {"value": text}
    return default


def make(*, actor, row) -> tuple[int, bool]:
    received = row.moment("received_at")
    occurred = row.moment("occurred_at", required=False)
    branch = branch_of(row)
    narrative = row.need("narrative", _("The row has no text of the complaint."))
    kind = _choice(row, "kind", ComplaintKind.values, ComplaintKind.COMPLAINT)
    channel = _choice(row, "channel", Channel.values, Channel.EMAIL)
    severity = _choice(row, "severity", Severity.values)
    category_key = _choice(
        row,
        "category",
        set(row.suggestions.get("category", {}).values())
        | set(row.mapping.values.get("category", {}).values()),
    )
    row.check()
    location = None
    if row.cell("location"):
        pk = row.matched("location", row.cell("location"))
        location = Location.objects.filter(pk=pk, branch=branch).first() if pk and str(pk).isdigit() else None
    resolution = row.cell("resolution")
    name, email, phone = row.cell("patron_name"), row.cell("patron_email"), row.cell("patron_phone")
    complaint, _secret = complaint_record(
        actor=actor,
        branch=branch,
        channel=channel,
        kind=kind,
        category=Category.objects.filter(system=row.system, key=category_key).first()
        if category_key
        else None,
        severity=severity,
        narrative=narrative,
        anonymous=not (name or email or phone),
        patron_name=name[:150],
        patron_email=email,
        patron_phone=phone[:40],
        received_at=received,
        location=location,
        occurred_at=occurred,
        resolved_now=bool(resolution),
        resolution=resolution,
        announce=False,
    )
    return complaint.pk, False


def undo(*, system, ids) -> None:
    complaints = Complaint.objects.filter(pk__in=ids, system=system)
    refuse_built_on(
        CaseEntry.objects.filter(complaint__in=complaints)
        .exclude(kind__in=[EntryKind.RECEIVED, EntryKind.CLOSED])
        .exists()
        or complaints.filter(responses__isnull=False).exists()
        or complaints.filter(actions__isnull=False).exists()
        or complaints.filter(attachments__isnull=False).exists()
        or complaints.filter(merged_cases__isnull=False).exists()
    )
    complaints.delete()


IMPORTER = Importer(
    fields=tuple(LABELS),
    required=("received_at", "narrative"),
    labels=LABELS,
    choices=choices,
    make=make,
    undo=undo,
    defaults=("branch", "channel", "kind", "severity"),
)
