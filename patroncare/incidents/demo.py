"""A year of realistic, fictional incidents at Riverbend's branches.

Every narrative describes behaviours. People recur by card number so patterns, history and the ladder have
something to show. Generated with a seeded random.Random from `context.today`, so loading twice adds nothing.
"""

import random
from datetime import datetime, time, timedelta

from patroncare.libraries.calendar import Unit, add_period
from patroncare.patrons.models import Person
from patroncare.rulebook.services import rules_install_defaults

from .alerts import alert_recipients
from .models import (
    ActionKind,
    AlertReceipt,
    CheckIn,
    Debrief,
    Feeling,
    FollowUp,
    Incident,
    IncidentBehaviour,
    Involvement,
    InvolvementRole,
    Level,
    StaffAction,
    WritingFlag,
    level_of,
)

# key, card number, name, description, minor
PEOPLE = [
    ("p1", "21000400112", "Dale Hargrove", "Tall, grey hooded jacket, red backpack", False),
    ("p2", "21000400287", "Marcus Lindqvist", "Green baseball cap, denim jacket", False),
    ("p3", "21000400391", "", "Long black coat, rolling suitcase", False),
    ("p4", "21000400455", "Rick Tolliver", "Orange high-visibility vest, work boots", False),
    ("p5", "21000400519", "Tyler Brandt", "Blue school hoodie, skateboard", True),
    ("p6", "21000400602", "Jaylen Ortiz", "Purple puffer jacket, headphones", True),
    ("p7", "21000400731", "Walter Pruitt", "Brown leather jacket, grey beard", False),
    ("p8", "21000400848", "", "Camouflage trousers, black beanie", False),
    ("p9", "", "", "Short, yellow rain poncho, carries a guitar case", False),
    ("p10", "21000400953", "Gavin Moreau", "White sneakers, red tracksuit", False),
]

# behaviours, rule codes, location kind, summary, narrative, actions
SCENARIOS = [
    (
        ["noise"],
        ["1"],
        "computer_lab",
        "Loud phone call at the computers",
        "Took a phone call on speaker at computer 6 for about ten minutes. Two patrons asked staff for help. "
        "I asked him to take the call to the lobby; he said 'one minute' and ended the call.",
        ["redirected"],
    ),
    (
        ["noise", "rudeness"],
        ["1"],
        "stacks",
        "Loud group in the reading area",
        "Group of four talked and laughed loudly in the quiet area after one reminder. When reminded "
        "again, one said "
        "'relax, it's a library not a prison'. They moved to the lobby.",
        ["redirected", "warned"],
    ),
    (
        ["equipment"],
        ["2"],
        "computer_lab",
        "Unplugged computers to charge devices",
        "Unplugged two public computers to charge a phone and a speaker and left them unplugged for 40 "
        "minutes.",
        ["warned"],
    ),
    (
        ["abusive_language"],
        ["4"],
        "service_desk",
        "Insults at the desk over a fine",
        "Was told a lost-item charge of $18. Raised voice, called the clerk 'a useless idiot' twice and "
        "threw the "
        "receipt across the desk. I said I would help once we could talk calmly; he left.",
        ["warned", "colleague"],
    ),
    (
        ["harassment"],
        ["4"],
        "teen",
        "Followed a teenager between floors",
        "Followed a teenage patron from the teen space to the stacks and back for about 20 minutes and "
        "made comments "
        "about her clothes. She asked staff for help. Asked to leave for the day and did.",
        ["asked_to_leave", "colleague"],
    ),
    (
        ["intoxication"],
        ["5"],
        "entrance",
        "Smelled of alcohol and fell asleep at a table",
        "Smelled strongly of alcohol, speech slurred, stumbled into a display. Slept with his head on a "
        "study table "
        "from about 2 to 3 pm and did not respond to a gentle knock. Asked to leave; left with help from "
        "security.",
        ["asked_to_leave", "security"],
    ),
    (
        ["threats"],
        ["8"],
        "service_desk",
        "Threat to a staff member after a computer time-out",
        "When his computer session ended he stood up, pointed at the clerk and said 'I know when you get "
        "off work'. "
        "Staff member moved behind the workroom door. Security asked him to leave; he did after five "
        "minutes.",
        ["security", "asked_to_leave", "colleague"],
    ),
    (
        ["violence"],
        ["9"],
        "entrance",
        "Pushed another patron at the entrance",
        "Argued with another patron at the door about a bicycle, then pushed him with both hands; he fell "
        "against the "
        "book drop. Police called; no injury reported by the patron.",
        ["security", "police"],
    ),
    (
        ["theft"],
        ["7"],
        "stacks",
        "Left with unchecked laptop from the lending kiosk",
        "Took a laptop from the lending kiosk without checking it out; gate alarm sounded. Stopped at the "
        "door by "
        "security, handed the laptop back.",
        ["security"],
    ),
    (
        ["damage"],
        ["7"],
        "restrooms",
        "Wrote on the restroom mirror and broke the soap dispenser",
        "Wrote with marker on the mirror and pulled the soap dispenser off the wall. Cleaning staff found "
        "it at 4 pm; "
        "camera shows one person entering between 3:40 and 3:55.",
        ["colleague"],
    ),
    (
        ["unattended_child"],
        ["3"],
        "children",
        "Young child left alone in the children's area",
        "A child of about five was alone in the children's area for 45 minutes. The caregiver returned at "
        "5:10 pm "
        "and was told about the rule.",
        ["colleague"],
    ),
    (
        ["medical"],
        [],
        "stacks",
        "Patron collapsed in the stacks",
        "A patron fell and did not respond for about a minute. EMS called; staff stayed with him until "
        "they arrived.",
        ["ems", "colleague"],
    ),
    (
        ["weapon", "threats"],
        ["10", "8"],
        "parking",
        "Showed a knife in the parking lot",
        "In the parking lot he opened a folding knife and told another patron 'keep walking'. Staff locked "
        "the doors "
        "and called police, who arrived in eight minutes.",
        ["police", "security"],
    ),
    (
        ["sexual_misconduct"],
        ["11"],
        "computer_lab",
        "Viewed sexual content at a computer near children",
        "Viewed sexual images at a computer visible from the children's area. Asked to stop; continued. "
        "Asked to leave.",
        ["warned", "asked_to_leave"],
    ),
]

BRANCH_WEIGHTS = {"CEN": 9, "EAS": 5, "NOR": 4, "WIL": 2, "HAR": 4, "PIN": 1}
REPORTERS = {
    "CEN": ["frontline", "cen_staff_2", "cen_staff_3"],
    "EAS": ["eas_staff", "eas_staff_2"],
    "NOR": ["nor_staff"],
    "WIL": ["wil_staff"],
    "HAR": ["har_staff", "pin_relief"],
    "PIN": ["lone_worker", "pin_relief"],
}
HOURS = [10, 11, 12, 13, 14, 15, 15, 16, 16, 16, 17, 17, 18, 19]
SCENARIO_WEIGHTS = [10, 8, 5, 7, 3, 5, 3, 1, 2, 2, 3, 2, 1, 1]
INCIDENT_COUNT = 150
DESCRIPTIONS = [
    "Grey sweatshirt, black jeans",
    "Red scarf, tan coat",
    "Blue windbreaker, glasses",
    "Black puffer jacket, white cap",
    "Green parka, brown boots",
    "Striped shirt, cargo shorts",
]


def load(context) -> None:
    system = context.system
    rules_install_defaults(system=system)
    rules = {rule.code: rule for rule in system.conduct_rules.all()}
    people = {}
    for key, card, name, description, minor in PEOPLE:
        if card:
            person, _ = Person.objects.get_or_create(
                system=system,
                card_number=card,
                defaults={"name": name, "description": description, "is_minor": minor},
            )
        else:
            person, _ = Person.objects.get_or_create(
                system=system,
                card_number="",
                description=description,
                defaults={"name": name, "is_minor": minor},
            )
        people[key] = person
    rng = random.Random(4)
    codes = list(BRANCH_WEIGHTS)
    for n in range(INCIDENT_COUNT):
        code = rng.choices(codes, weights=[BRANCH_WEIGHTS[c] for c in codes])[0]
        branch = context.branches[code]
        behaviours, rule_codes, kind, summary, narrative, actions = rng.choices(
            SCENARIOS, weights=SCENARIO_WEIGHTS
        )[0]
        day = context.today - timedelta(days=rng.randint(1, 365))
        moment = datetime.combine(day, time(rng.choice(HOURS), rng.randrange(0, 60, 5)), tzinfo=system.zone)
        subject_key = rng.choice(list(people) + [None] * 14)
        reporter = context.staff[rng.choice(REPORTERS[code])]
        description = rng.choice(DESCRIPTIONS)
        feeling = rng.choice([Feeling.OK, Feeling.OK, Feeling.SHAKEN])
        _incident(
            system,
            branch,
            moment,
            reporter,
            behaviours,
            [rules[c] for c in rule_codes if c in rules],
            kind,
            summary,
            narrative,
            actions,
            people.get(subject_key) if subject_key else None,
            description,
            feeling,
            n,
            context,
        )
    _archive(context, rules, people)
    _follow_ups(context)
    _alerts(context)
    _what_waits(context)


def _incident(
    system,
    branch,
    moment,
    reporter,
    behaviours,
    rules,
    kind,
    summary,
    narrative,
    actions,
    subject,
    description,
    feeling,
    n,
    context,
):
    if Incident.objects.filter(system=system, branch=branch, occurred_at=moment, summary=summary).exists():
        return
    location = branch.locations.filter(kind=kind).first() or branch.locations.first()
    closed = moment + timedelta(days=7) if moment.date() < context.today - timedelta(days=14) else None
    incident = Incident.objects.create(
        system=system,
        branch=branch,
        location=location,
        occurred_at=moment,
        level=level_of(behaviours),
        summary=summary,
        narrative=narrative,
        reported_by=reporter,
        closed_at=closed,
    )
    incident.rules.set(rules)
    IncidentBehaviour.objects.bulk_create(
        IncidentBehaviour(incident=incident, behaviour=b) for b in behaviours
    )
    if subject is None:
        subject = Person.objects.create(system=system, description=description)
    Involvement.objects.create(incident=incident, role=InvolvementRole.SUBJECT, person=subject)
    Involvement.objects.create(incident=incident, role=InvolvementRole.STAFF, staff_member=reporter)
    for action in actions:
        number = (
            f"RPD-{moment:%y}-{1000 + n}"
            if action == ActionKind.POLICE
            else (f"EMS-{moment:%y}-{500 + n}" if action == ActionKind.EMS else "")
        )
        StaffAction.objects.create(incident=incident, kind=action, report_number=number)
    if n % 9 == 0:
        WritingFlag.objects.create(
            incident=incident,
            term="rude",
            category="character",
            suggestion="Replace the judgement with the facts.",
            kept=False,
        )
    if incident.level != Level.ANNOYING:
        held = moment.date() < context.today - timedelta(days=5)
        Debrief.objects.create(
            incident=incident,
            due_on=moment.date() + timedelta(days=3),
            held_on=moment.date() + timedelta(days=2) if held else None,
            held_by=context.staff["supervisor"] if held else None,
            notes="Talked it through with the team; agreed two people at the desk after 4 pm."
            if held
            else "",
        )
        CheckIn.objects.create(
            incident=incident,
            staff_member=reporter,
            due_on=moment.date() + timedelta(days=1),
            answered_at=moment + timedelta(days=1) if held else None,
            feeling=feeling if held else "",
        )


# Reports from three years ago, so the retention schedule has something to do: days past the 3-year mark on
# the day the demo is loaded (negative: falls due that many days later), and who it was about.
ARCHIVE = [(40, "p1"), (25, None), (12, None), (-10, None), (-24, None)]


def _archive(context, rules, people) -> None:
    system, branch = context.system, context.branches["CEN"]
    behaviours, rule_codes, kind, summary, narrative, actions = SCENARIOS[0]
    three_years_ago = add_period(context.today, -3, Unit.YEARS)
    for n, (days_past, person_key) in enumerate(ARCHIVE):
        closed_on = three_years_ago - timedelta(days=days_past + 1)
        # The report closes a week after it happened (see _incident).
        moment = datetime.combine(closed_on - timedelta(days=7), time(15, 30), tzinfo=system.zone)
        _incident(
            system,
            branch,
            moment,
            context.staff["frontline"],
            behaviours,
            [rules[c] for c in rule_codes if c in rules],
            kind,
            f"{summary} (archive)",
            narrative,
            actions,
            people.get(person_key),
            DESCRIPTIONS[n],
            Feeling.OK,
            900 + n,
            context,
        )


# description, assignee key (or None), due in days from today (or None), done
FOLLOW_UPS = [
    ("Ask for the camera footage from the entrance", "cen_staff_2", 3, False),
    ("Replace the broken chair at computer 4", "frontline", -2, False),
    ("Call the school about the after-school group", "supervisor", 1, True),
    ("Share the description with the other branches", None, None, False),
    ("Add a second person at the desk after 4 pm", "frontline", 5, True),
]


def _follow_ups(context) -> None:
    """Follow-ups on Central's latest serious incidents: assigned, one overdue, some done, one open."""
    incidents = list(
        Incident.objects.filter(
            branch=context.branches["CEN"], level__in=[Level.DISRUPTIVE, Level.DANGEROUS]
        ).order_by("-occurred_at", "-id")[: len(FOLLOW_UPS)]
    )
    supervisor = context.staff["supervisor"]
    for incident, (description, key, due_in, done) in zip(incidents, FOLLOW_UPS, strict=False):
        if FollowUp.objects.filter(incident=incident, description=description).exists():
            continue
        assignee = context.staff[key] if key else None
        created_at = incident.occurred_at + timedelta(hours=2)
        FollowUp.objects.create(
            incident=incident,
            description=description,
            assignee=assignee,
            due_on=context.today + timedelta(days=due_in) if due_in is not None else None,
            created_by=supervisor,
            created_at=created_at,
            done_at=created_at + timedelta(days=1) if done else None,
            done_by=assignee if done else None,
            done_note="Done and talked through with the team." if done else "",
        )


def _alerts(context) -> None:
    """Receipts for the latest dangerous incidents: one waiting, one acknowledged, one escalated."""
    incidents = list(
        Incident.objects.filter(system=context.system, level=Level.DANGEROUS)
        .filter(branch__in=[context.branches["CEN"], context.branches["EAS"]])
        .select_related("system")
        .order_by("-occurred_at", "-id")[:3]
    )
    for position, incident in enumerate(incidents):
        sent_at = incident.occurred_at + timedelta(minutes=5)
        for n, recipient in enumerate(alert_recipients(incident)):
            # The latest: only Central's security officer has answered so far. The next: everyone has.
            acknowledged = position == 1 or (position == 0 and recipient == context.staff["security_2"])
            AlertReceipt.objects.get_or_create(
                incident=incident,
                recipient=recipient,
                defaults={
                    "sent_at": sent_at,
                    "acknowledged_at": sent_at + timedelta(minutes=4 + 3 * n) if acknowledged else None,
                },
            )
        if position == 2 and incident.alert_escalated_at is None:
            Incident.objects.filter(pk=incident.pk).update(alert_escalated_at=sent_at + timedelta(minutes=30))


def _what_waits(context) -> None:
    """The lines the services put in people's lists, for the demo's open work: follow-ups not done, debriefs
    and check-ins of the last fortnight not yet held or answered. Rows only, no e-mail (nothing was sent)."""
    from django.utils import translation
    from django.utils.translation import gettext

    from patroncare.core.mail import absolute_link
    from patroncare.notifications.models import Notification
    from patroncare.notifications.selectors import staff_with_roles
    from patroncare.notifications.targets import target_key

    from .permissions import PATTERN_ROLES

    system = context.system
    since = context.today - timedelta(days=14)

    def put(user, kind, line, params, url, target):
        if Notification.objects.filter(user=user, kind=kind, target=target_key(target)).exists():
            return
        with translation.override(user.preferred_language or "en"):
            text = gettext(line) % params
        Notification.objects.create(user=user, kind=kind, line=text[:300], url=url, target=target_key(target))

    follow_ups = FollowUp.objects.filter(
        incident__system=system, done_at__isnull=True, assignee__isnull=False
    ).select_related("assignee")
    for follow_up in follow_ups:
        put(
            follow_up.assignee,
            "incidents.follow_up",
            "A follow-up on incident #%(number)s is assigned to you",
            {"number": follow_up.incident_id},
            absolute_link("incidents:follow_up", follow_up.pk),
            follow_up,
        )
    debriefs = Debrief.objects.filter(incident__system=system, held_on__isnull=True, due_on__gte=since)
    for debrief in debriefs.select_related("incident"):
        for user in staff_with_roles(
            system_id=system.pk, roles=PATTERN_ROLES, branch_id=debrief.incident.branch_id
        ):
            put(
                user,
                "incidents.debrief_due",
                "A debrief of incident #%(number)s is due by %(due)s",
                {"number": debrief.incident_id, "due": debrief.due_on.isoformat()},
                absolute_link("incidents:debrief", debrief.incident_id),
                debrief,
            )
    check_ins = CheckIn.objects.filter(incident__system=system, answered_at__isnull=True, due_on__gte=since)
    for check_in in check_ins.select_related("staff_member"):
        put(
            check_in.staff_member,
            "incidents.checkin_due",
            "How are you after incident #%(number)s? A private check-in waits for you",
            {"number": check_in.incident_id},
            absolute_link("incidents:checkin", check_in.pk),
            check_in,
        )
