"""Exclusions, from a register of exclusions or a plain ban list (a name or card, the dates, the reason).

Each row is first reported as the incident the exclusion rests on (`incident_report`, with the person as its
subject: found by card number, else by name), then issued by `conduct.services.exclusion_issue` as decided
before PatronCare: the ladder and today's limits of the importer do not apply to a decision made then, but
every other rule of an exclusion does (dates in order, the person and branch of the system)."""

from datetime import datetime, time

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from patroncare.conduct.models import Exclusion
from patroncare.conduct.services import exclusion_issue
from patroncare.incidents import services as incident_services
from patroncare.incidents import writing_help
from patroncare.incidents.models import Incident, InvolvementRole
from patroncare.incidents.services import PersonEntry
from patroncare.rulebook.models import EXCLUDING_OUTCOMES, Outcome, Rule

from .common import Importer, refuse_built_on, split_values
from .incidents import behaviours_of, branch_of
from .incidents import choices as incident_choices

LABELS = {
    "person_name": gettext_lazy("Name"),
    "card_number": gettext_lazy("Library card number"),
    "description": gettext_lazy("Appearance and clothing"),
    "branch": gettext_lazy("Branch"),
    "start_date": gettext_lazy("First day"),
    "end_date": gettext_lazy("Last day"),
    "outcome": gettext_lazy("Consequence"),
    "reason": gettext_lazy("Reason"),
    "rules": gettext_lazy("Rules"),
    "behaviours": gettext_lazy("Behaviours"),
    "conditions": gettext_lazy("Conditions for return"),
}
# What a ban list writes in the branch column for "the whole system".
EVERY_BRANCH = {"all", "all branches", "system", "system-wide", "systemwide", "every branch", "todas", "todo"}
OUTCOMES = {key: label for key, label in Outcome.choices if key in EXCLUDING_OUTCOMES}
OUTCOMES |= {Outcome.PERMANENT.value: "permanent ban"}  # the word ban lists use


def choices(system) -> dict:
    rules = {}
    for rule in Rule.objects.filter(system=system):
        rules[str(rule.pk)] = f"{rule.code} {rule.title}"
    return {
        "branch": incident_choices(system)["branch"],
        "behaviours": incident_choices(system)["behaviours"],
        "outcome": dict(OUTCOMES),
        "rules": rules,
    }


def _scope(row):
    """The branch the exclusion is limited to (None: every branch) and the branch of its incident."""
    text = row.cell("branch")
    if text.lower() in EVERY_BRANCH or not text:
        if text:
            row.cells = {**row.cells, row.mapping.columns["branch"]: ""}
        return None, branch_of(row)
    branch = branch_of(row)
    return branch, branch


def _outcome(row, start, end) -> str:
    text = row.cell("outcome")
    if text:
        key = row.matched("outcome", text)
        if key in OUTCOMES:
            return key
        row.errors["outcome"] = _("“%(value)s” is not a consequence we know. Match it to one.") % {
            "value": text
        }
    if end is None:
        return Outcome.PERMANENT
    return Outcome.LEAVE_DAY if start == end else Outcome.SUSPENSION


def _rules(row):
    ids = [row.matched("rules", text) for text in split_values(row.cell("rules"))]
    return list(Rule.objects.filter(system=row.system, pk__in=[i for i in ids if i and str(i).isdigit()]))


def make(*, actor, row) -> tuple[int, bool]:
    start = row.day("start_date")
    end = row.day("end_date", required=False)
    reason = row.need("reason", _("The row gives no reason for the exclusion."))
    only_at, branch = _scope(row)
    outcome = _outcome(row, start, end)
    person = PersonEntry(
        role=InvolvementRole.SUBJECT,
        card_number=row.cell("card_number"),
        name=row.cell("person_name")[:150],
        description=row.cell("description")[:300],
    )
    if not (person.card_number or person.name or person.description):
        row.errors["person_name"] = _("The row names no one: give a name, a card number or a description.")
    row.check()
    rules = _rules(row)
    incident = incident_services.incident_report(
        actor=actor,
        branch=branch,
        occurred_at=_noon(row.system, start),
        summary=reason.split(".")[0][:150],
        narrative=reason,
        behaviours=behaviours_of(row),
        rules=rules,
        people=[person],
    )
    subject = incident.involvements.get(role=InvolvementRole.SUBJECT).person
    exclusion = exclusion_issue(
        actor=actor,
        incident=incident,
        person=subject,
        outcome=outcome,
        start_date=start,
        end_date=end,
        branch=only_at,
        rules=rules,
        conditions=row.cell("conditions"),
        decided_before_in=row.mapping.source,
    )
    return exclusion.pk, bool(writing_help.check(reason))


def _noon(system, day):
    return datetime.combine(day, time(12), tzinfo=system.zone)


def undo(*, system, ids) -> None:
    exclusions = Exclusion.objects.filter(pk__in=ids, system=system)
    refuse_built_on(
        exclusions.filter(version__gt=1).exists()
        or exclusions.filter(appeals__isnull=False).exists()
        or exclusions.filter(letters__isnull=False).exists()
        or exclusions.filter(lift_requests__isnull=False).exists()
        or exclusions.filter(deliveries__isnull=False).exists()
    )
    incident_ids = list(exclusions.values_list("incidents", flat=True))
    exclusions.delete()
    incidents = Incident.objects.filter(pk__in=incident_ids, system=system, exclusions__isnull=True)
    refuse_built_on(
        incidents.filter(version__gt=1).exists() or incidents.filter(follow_ups__isnull=False).exists()
    )
    incidents.delete()


IMPORTER = Importer(
    fields=tuple(LABELS),
    required=("start_date", "reason"),
    labels=LABELS,
    choices=choices,
    make=make,
    undo=undo,
    multiple=frozenset({"behaviours", "rules"}),
    defaults=("branch",),
)
