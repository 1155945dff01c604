"""Incidents: each row is reported by `incidents.services.incident_report` (the branch and place, a time not
in the future, at least one behaviour, the level from the behaviours) and its narrative goes through the
writing help."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from patroncare.incidents import services as incident_services
from patroncare.incidents import writing_help
from patroncare.incidents.models import Behaviour, Incident
from patroncare.libraries.models import Branch, Location

from .common import Importer, refuse_built_on, split_values

LABELS = {
    "occurred_at": gettext_lazy("When it happened"),
    "branch": gettext_lazy("Branch"),
    "location": gettext_lazy("Place"),
    "summary": gettext_lazy("Summary"),
    "narrative": gettext_lazy("What happened"),
    "behaviours": gettext_lazy("Behaviours"),
    "injuries": gettext_lazy("Injuries"),
    "damage": gettext_lazy("Damage"),
}


def choices(system) -> dict:
    return {
        "branch": {b.code: b.name for b in Branch.objects.filter(system=system)},
        "location": {
            str(p.pk): f"{p.branch.name} · {p.name}"
            for p in Location.objects.filter(branch__system=system).select_related("branch")
        },
        "behaviours": dict(Behaviour.choices),
    }


def branch_of(row, name: str = "branch", *, required: bool = True):
    """The branch a row names (matched by similarity or confirmed), or the file's default branch."""
    text = row.cell(name)
    code = row.matched(name, text) if text else row.default(name)
    branch = Branch.objects.filter(system=row.system, code=code).first() if code else None
    if branch is None and (required or text):
        row.errors[name] = (
            _("“%(value)s” is not a branch of the library. Match it to a branch.") % {"value": text}
            if text
            else _("The row names no branch. Choose the branch these records belong to.")
        )
    return branch


def behaviours_of(row) -> list[str]:
    found = [row.matched("behaviours", text) for text in split_values(row.cell("behaviours"))]
    return [key for key in found if key in Behaviour.values] or [
        row.default("behaviours") or row.mapping.default_behaviour
    ]


def location_of(row, branch):
    text = row.cell("location")
    if not text or branch is None:
        return None
    pk = row.matched("location", text)
    return Location.objects.filter(pk=pk, branch=branch).first() if pk and str(pk).isdigit() else None


def incident_values(row) -> dict:
    moment = row.moment("occurred_at")
    branch = branch_of(row)
    narrative = row.need("narrative", _("The row has no narrative."))
    row.check()
    return {
        "branch": branch,
        "location": location_of(row, branch),
        "occurred_at": moment,
        "summary": (row.cell("summary") or narrative.split(".")[0])[:150],
        "narrative": narrative,
        "behaviours": behaviours_of(row),
        "injuries": row.cell("injuries")[:300],
        "damage": row.cell("damage")[:300],
    }


def make(*, actor, row) -> tuple[int, bool]:
    values = incident_values(row)
    incident = incident_services.incident_report(actor=actor, **values)
    return incident.pk, bool(writing_help.check(values["narrative"]))


def undo(*, system, ids) -> None:
    incidents = Incident.objects.filter(pk__in=ids, system=system)
    refuse_built_on(
        incidents.filter(version__gt=1).exists()
        or incidents.filter(exclusions__isnull=False).exists()
        or incidents.filter(follow_ups__isnull=False).exists()
    )
    incidents.delete()


IMPORTER = Importer(
    fields=tuple(LABELS),
    required=("occurred_at", "branch", "narrative"),
    labels=LABELS,
    choices=choices,
    make=make,
    undo=undo,
    multiple=frozenset({"behaviours"}),
    defaults=("branch", "behaviours"),
)
