"""Exclusions that follow Riverbend's ladder for its repeat incidents.

Notices are delivered, one deviation is approved, and appeals are decided.
"""

from datetime import datetime, time, timedelta

from django.db.models import Q

from patroncare.incidents.models import Incident, InvolvementRole
from patroncare.libraries.calendar import Unit, add_period, local_date, period_last_day
from patroncare.patrons.models import Person
from patroncare.retention.models import LegalHold
from patroncare.rulebook.models import (
    EXCLUDING_OUTCOMES,
    AppealSettings,
    AuthorityGroup,
    BehaviourClass,
    Outcome,
    Rule,
)
from patroncare.rulebook.services import (
    appeal_settings_to_edit,
    authority_group_create,
    behaviour_class_create,
    default_limits_install,
    ladder_rows_install,
    rule_create,
)

from .models import (
    Appeal,
    AppealDecision,
    Delivery,
    Exclusion,
    Hearing,
    LiftDecision,
    LiftRequest,
    LiftRequestMethod,
    ReviewRecord,
)
from .services.exclusions import recommendation_for

GUARDIANS = {"21000400519": "Karen Brandt", "21000400602": "Rosa Ortiz"}
SUPERVISORS = {
    "CEN": "supervisor",
    "EAS": "supervisor",
    "NOR": "nor_supervisor",
    "WIL": "nor_supervisor",
    "HAR": "har_supervisor",
    "PIN": "har_supervisor",
}


# What the Spanish letters say happened (staff write it when they issue a Spanish letter).
SPANISH_SUMMARIES = {
    "Left with unchecked laptop from the lending kiosk": "Se fue con una computadora portátil del quiosco de "
    "préstamo sin registrarla",
    "Wrote on the restroom mirror and broke the soap dispenser": "Escribió en el espejo del baño y rompió el "
    "dispensador de jabón",
    "Insults at the desk over a fine": "Insultos en el mostrador por una multa",
    "Young child left alone in the children's area": "Un niño pequeño se quedó solo en el área infantil",
    "Smelled of alcohol and fell asleep at a table": "Olía a alcohol y se quedó dormido en una mesa",
}


def load(context) -> None:
    system = context.system
    director = context.staff["director"]
    incidents = (
        Incident.objects.filter(
            system=system,
            involvements__role=InvolvementRole.SUBJECT,
            involvements__person__card_number__gt="",
        )
        .select_related("branch")
        .prefetch_related("rules", "involvements__person")
        .order_by("occurred_at")
    )
    created = []
    for incident in incidents:
        person = next(i.person for i in incident.involvements.all() if i.role == InvolvementRole.SUBJECT)
        recommendation = recommendation_for(incident=incident, person=person)
        if recommendation is None or recommendation.outcome not in EXCLUDING_OUTCOMES:
            continue
        start = local_date(system, incident.occurred_at)
        if (
            Exclusion.objects.filter(system=system, person=person, start_date__lte=start)
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=start))
            .exists()
        ):
            continue  # already excluded that day (or this exclusion exists from an earlier load)
        outcome = recommendation.outcome
        end = start if outcome == Outcome.LEAVE_DAY else recommendation.shortest_last_day(start)
        if outcome == Outcome.PENDING_REVIEW:
            outcome = Outcome.SUSPENSION  # the review that followed set six months
            end = period_last_day(start, 6, Unit.MONTHS)
        days = (end - start).days + 1 if end else None
        issuer = (
            context.staff["director"]
            if outcome == Outcome.PERMANENT or (days or 0) > 365
            else context.staff[SUPERVISORS[incident.branch.code]]
        )
        exclusion = Exclusion.objects.create(
            system=system,
            person=person,
            branch=incident.branch if outcome == Outcome.LEAVE_DAY else None,
            outcome=outcome,
            start_date=start,
            end_date=end,
            recommended_outcome=recommendation.outcome,
            recommendation=recommendation.explanation,
            issued_by=issuer,
            issued_at=incident.occurred_at + timedelta(hours=1),
            conditions="Speak with the branch manager before your first visit back."
            if (days or 999) > 30
            else "",
            conditions_es="Hable con la gerencia de la sucursal antes de su primera visita."
            if (days or 999) > 30 and incident.branch.code in ("HAR", "EAS")
            else "",
            guardian_name=GUARDIANS.get(person.card_number, "Parent or guardian") if person.is_minor else "",
            letter_language="es" if incident.branch.code in ("HAR", "EAS") else "en",
            # A Spanish letter asks for what happened in Spanish, as the issuing form does.
            summary_es=SPANISH_SUMMARIES.get(incident.summary, "")
            if incident.branch.code in ("HAR", "EAS")
            else "",
        )
        exclusion.incidents.add(incident)
        exclusion.rules.set(incident.rules.all())
        Delivery.objects.create(
            exclusion=exclusion,
            method="in_person",
            delivered_on=start,
            acknowledgement="signed" if len(created) % 3 else "refused",
            recorded_by=issuer,
        )
        created.append(exclusion)
    _deviation(context, created)
    _appeals(context, created, director)
    _review(context)
    _lakeshore_table(context)
    _lift_requests(context)
    _review_team(context)
    _legal_hold(context)


def _review_team(context) -> None:
    """Riverbend's review team: two people who issue what their roles alone could not (only once)."""
    system = context.system
    if AuthorityGroup.objects.filter(system=system, name="Review team").exists():
        return
    authority_group_create(
        actor=None,
        system=system,
        name="Review team",
        name_es="Equipo de revisión",
        members=[context.staff["supervisor"], context.staff["security"]],
        length_number=2,
        length_unit=Unit.YEARS,
        may_issue_open_ended=True,
    )


def _deviation(context, created):
    """One shorter-than-recommended exclusion, with its reason and a supervisor's approval."""
    candidates = [
        e
        for e in created
        if e.outcome == Outcome.SUSPENSION and e.end_date and e.length_days >= 30 and not e.deviation_reason
    ]
    if (
        not candidates
        or Exclusion.objects.filter(system=context.system).exclude(deviation_reason="").exists()
    ):
        return
    exclusion = candidates[0]
    exclusion.end_date = exclusion.start_date + timedelta(days=13)
    exclusion.deviation_reason = (
        "The person apologised to the staff member the same day and agreed to use the "
        "lobby for calls; 14 days is enough to make the point."
    )
    exclusion.deviation_approved_by = context.staff["director"]
    exclusion.deviation_approved_at = exclusion.issued_at + timedelta(hours=3)
    exclusion.save()


def _appeals(context, created, director):
    if Appeal.objects.filter(exclusion__system=context.system).exists():
        return
    long_ones = [e for e in created if e.length_days is None or e.length_days >= 30]
    if len(long_ones) < 2:
        return
    decided, pending = long_ones[0], long_ones[-1]
    received = decided.issued_at + timedelta(days=4)
    new_end = decided.start_date + timedelta(days=max(1, (decided.length_days or 60) // 2) - 1)
    Appeal.objects.create(
        exclusion=decided,
        received_at=received,
        recorded_by=context.staff["administrator"],
        statement="I was angry about the fine and said things I should not have. I use the library for job "
        "applications and ask to come back sooner.",
        decision=AppealDecision.SHORTENED,
        decided_by=director,
        decided_at=received + timedelta(days=6),
        decision_reason="This was a first exclusion and the person took responsibility in writing. "
        "The exclusion "
        "is halved; the conditions for return stay.",
        new_end_date=new_end,
    )
    if decided.end_date:
        decided.end_date = new_end
        decided.outcome = Outcome.SUSPENSION
        decided.save()
    if pending.pk != decided.pk and context.today <= (pending.end_date or context.today):
        appeal = Appeal.objects.create(
            exclusion=pending,
            received_at=datetime.combine(
                context.today - timedelta(days=1), time(11), tzinfo=context.system.zone
            ),
            recorded_by=context.staff["administrator"],
            statement="The other person started it; please look at the camera at the door.",
        )
        _hearing(context, appeal, director)


def _hearing(context, appeal, director):
    """The open appeal has its hearing scheduled, as the demo library's rules require one."""
    appeal_settings_to_edit(context.system)
    AppealSettings.objects.filter(system=context.system).update(
        hearing_required=True, hearing_days=10, hearing_unit="working_days", disclosure_days=3
    )
    hearing = Hearing.objects.create(
        appeal=appeal,
        scheduled_at=datetime.combine(
            context.today + timedelta(days=6), time(15), tzinfo=context.system.zone
        ),
        place="Meeting room 2, Central Library (ground floor, beside the lifts)",
        panel_names="Rosa Delgado (trustee)",
        scheduled_by=director,
        scheduled_recorded_at=appeal.received_at + timedelta(hours=3),
    )
    hearing.panel_members.set([director])


def _review(context):
    first_of_month = context.today.replace(day=1)
    end = first_of_month - timedelta(days=1)
    start = end.replace(day=1)
    ReviewRecord.objects.get_or_create(
        system=context.system,
        period_start=start,
        period_end=end,
        defaults={
            "findings": "Lengths were consistent across branches. One deviation (shorter, approved) was "
            "reasonable. Eastside issued more leave-for-the-day outcomes for noise than other "
            "branches: the supervisor will review the reminders script with staff.",
            "recorded_by": context.staff["director"],
        },
    )


# Lakeshore publishes its rules in five classes, A (least serious) to E, with its own table of consequences.
# (rank, name, Spanish name)
LAKESHORE_CLASSES = [
    (1, "Class A", "Clase A"),
    (2, "Class B", "Clase B"),
    (3, "Class C", "Clase C"),
    (4, "Class D", "Clase D"),
    (5, "Class E", "Clase E"),
]
# code, class rank, title, text
LAKESHORE_RULES = [
    ("A-1", 1, "Quiet areas", "Keep conversation and devices quiet in reading and study areas."),
    ("A-2", 1, "Food and drink", "Eat only in the café and the lobby; drinks with a lid are welcome."),
    ("B-1", 2, "Staff directions", "Follow the reasonable directions of library staff."),
    ("B-2", 2, "Equipment", "Use computers and equipment as intended and within your time."),
    ("C-1", 3, "Harassment", "Do not follow, stare at, photograph or insult anyone who asked you to stop."),
    ("D-1", 4, "Threats", "Do not threaten anyone, by words or gestures."),
    ("D-2", 4, "Theft and damage", "Do not take or damage library or personal property."),
    ("E-1", 5, "Violence and weapons", "Do not strike anyone, or carry or show a weapon."),
]
# Rows in the format of `ladder.LADDER_ROW`, in the units Lakeshore publishes them in.
M, Y = Unit.MONTHS, Unit.YEARS
LAKESHORE_LADDER = [
    (
        1,
        False,
        1,
        1,
        (6, M),
        "same",
        "warning",
        None,
        None,
        None,
        ("correct the behaviour or leave for the day", "corregir la conducta o retirarse por el día"),
    ),
    (1, False, 2, 2, (6, M), "same", "leave_day", None, None, None, ""),
    (1, False, 3, None, (6, M), "same", "suspension", 3, 7, None, ""),
    (2, False, 1, 1, (12, M), "same", "leave_day", None, None, None, ""),
    (2, False, 2, 2, (12, M), "same", "suspension", 14, 14, None, ""),
    (2, False, 3, None, (12, M), "same", "suspension", 30, 60, None, ""),
    (3, False, 1, 1, (12, M), "same", "suspension", (1, M), (1, M), None, ""),
    (3, False, 2, None, (12, M), "at_least", "suspension", (6, M), (12, M), None, ""),
    (4, False, 1, 1, (3, Y), "at_least", "suspension", (6, M), (12, M), None, ""),
    (4, False, 2, None, (3, Y), "at_least", "permanent", None, None, (2, Y), ""),
    (5, False, 1, 1, (5, Y), "any", "pending_review", None, None, None, ""),
    (5, False, 2, None, None, "any", "permanent", None, None, (3, Y), ""),
    (
        1,
        True,
        1,
        3,
        (3, M),
        "same",
        "warning",
        None,
        None,
        None,
        ("a parent or guardian is called", "se llama a la madre, al padre o al tutor"),
    ),
    (1, True, 4, None, (3, M), "same", "leave_day", None, None, None, ""),
]


def _lakeshore_table(context) -> None:
    """Lakeshore's published Class A-E table, entered as it stands (only once)."""
    system = context.systems["lakeshore"]
    if BehaviourClass.objects.filter(system=system).exists():
        return
    classes = {
        rank: behaviour_class_create(actor=None, system=system, rank=rank, name=name, name_es=name_es)
        for rank, name, name_es in LAKESHORE_CLASSES
    }
    for code, rank, title, text in LAKESHORE_RULES:
        rule_create(
            actor=None, system=system, code=code, title=title, text=text, behaviour_class=classes[rank]
        )
    ladder_rows_install(actor=None, system=system, classes=classes, rows=LAKESHORE_LADDER)
    default_limits_install(system=system)
    appeal_settings_to_edit(system)


# Two permanent exclusions carried over from the paper register, older than the incidents in PatronCare.
# (card, name, description, rule, days since the exclusion began, letter language)
CARRIED_OVER = [
    ("21000399101", "Gordon Pryce", "Tall, grey beard, green army jacket", "9", 1600, "en"),
    ("21000399202", "Lidia Ferrer", "Short dark hair, red backpack", "10", 1300, "es"),
]


def _carried_over(context, card, name, description, rule_code, days_ago, language) -> Exclusion:
    system = context.system
    person, _ = Person.objects.get_or_create(
        system=system, card_number=card, defaults={"name": name, "description": description}
    )
    start = context.today - timedelta(days=days_ago)
    exclusion = Exclusion.objects.filter(system=system, person=person, outcome=Outcome.PERMANENT).first()
    if exclusion is None:
        exclusion = Exclusion.objects.create(
            system=system,
            person=person,
            outcome=Outcome.PERMANENT,
            start_date=start,
            lift_request_after=add_period(start, 3, Unit.YEARS),
            recommended_outcome=Outcome.PERMANENT,
            recommendation="Carried over from the paper register of exclusions.",
            issued_by=context.staff["administrator"],
            issued_at=datetime.combine(start, time(15), tzinfo=system.zone),
            letter_language=language,
            conditions="Meet the branch manager before any visit back.",
            conditions_es="Reúnase con la gerencia de la sucursal antes de cualquier visita."
            if language == "es"
            else "",
        )
        exclusion.rules.set(Rule.objects.filter(system=system, code=rule_code))
        Delivery.objects.create(
            exclusion=exclusion,
            method="mail",
            delivered_on=start,
            earlier_reason="Carried over from the paper register of exclusions.",
            recorded_by=context.staff["administrator"],
        )
    return exclusion


def _lift_requests(context):
    """One exclusion refused once and asked again (open, on the director's desk); one lifted."""
    director, administrator = context.staff["director"], context.staff["administrator"]
    refused_then_open = _carried_over(context, *CARRIED_OVER[0])
    lifted = _carried_over(context, *CARRIED_OVER[1])
    zone = context.system.zone

    def at(days_ago: int, hour: int = 11) -> datetime:
        return datetime.combine(context.today - timedelta(days=days_ago), time(hour), tzinfo=zone)

    if not refused_then_open.lift_requests.exists():
        LiftRequest.objects.create(
            exclusion=refused_then_open,
            received_at=at(480),
            received_how=LiftRequestMethod.LETTER,
            statement="It has been three years. I am sorry for what happened and I need the computers to "
            "look for work.",
            recorded_by=administrator,
            decision=LiftDecision.REFUSED,
            decision_reason="The letter does not address the assault on a staff member, and there is no sign "
            "yet of the anger-management course the person was asked to complete.",
            decided_by=director,
            decided_at=at(470, 16),
        )
        LiftRequest.objects.create(
            exclusion=refused_then_open,
            received_at=at(3),
            received_how=LiftRequestMethod.IN_PERSON,
            statement="I have finished the course and I have a letter from my counsellor. I would like "
            "to use the Central branch again.",
            what_changed="Certificate of completion of a 12-week anger-management course; a letter of "
            "support from a counsellor at the county health service.",
            recorded_by=administrator,
        )
    if not lifted.lift_requests.exists():
        lifted_from = context.today - timedelta(days=40)
        LiftRequest.objects.create(
            exclusion=lifted,
            received_at=at(60),
            received_how=LiftRequestMethod.EMAIL,
            statement="Pido que se levante la exclusión. Han pasado más de tres años y quiero volver a traer "
            "a mis hijos a la hora del cuento.",
            what_changed="Letter of support from her social worker.",
            recorded_by=administrator,
            decision=LiftDecision.GRANTED,
            decision_reason="More than three years without incident, a written apology and a letter of "
            "support. The exclusion is lifted with conditions.",
            lifted_from=lifted_from,
            return_conditions="Meet the Harbor View branch manager before your first visit. No bags in the "
            "children's area for the first six months.",
            decision_reason_es="Más de tres años sin incidentes, una disculpa por escrito y una carta de "
            "apoyo. Se levanta la exclusión con condiciones.",
            return_conditions_es="Reúnase con la gerencia de la sucursal Harbor View antes de su primera "
            "visita. Durante los primeros seis meses, no lleve bolsas a la zona infantil.",
            decided_by=director,
            decided_at=at(50, 15),
            letter_language="es",
        )
        lifted.end_date = lifted_from - timedelta(days=1)
        lifted.save(update_fields=["end_date"])


HOLD_REASON = (
    "Police request 2026-0412 (Riverbend Police Department): keep every record about this person while the "
    "investigation is open."
)


def _legal_hold(context) -> None:
    """The director has put the first excluded person on hold: the schedule keeps all their records."""
    system = context.system
    if LegalHold.objects.filter(system=system).exists():
        return
    exclusion = Exclusion.objects.filter(system=system).order_by("start_date", "pk").first()
    if exclusion is not None:
        LegalHold.objects.create(
            system=system,
            record_type="patrons.person",
            record_id=exclusion.person_id,
            reason=HOLD_REASON,
            review_on=context.today + timedelta(days=90),
            placed_by=context.staff["director"],
        )
