"""A year of complaints, praise and suggestions at Riverbend, with one recurring pattern the detector finds,
one systemic case with its policy review, and one published public statement.

Idempotent: every case has a reference drawn from a seeded generator, and only missing ones are created.
"""

import random
import uuid
from datetime import datetime, time, timedelta

from django.utils import timezone

from patroncare.libraries.calendar import Unit, add_period
from patroncare.patrons.services import person_for_contact
from patroncare.policies.models import Policy

from .models import (
    CaseEntry,
    Category,
    Complaint,
    ComplaintResponse,
    EntryKind,
    Judgement,
    Outcome,
    OutstandingAction,
    PolicyReview,
    PublicStatement,
    Remedy,
    Status,
)
from .services.configuration import categories_install_defaults
from .services.deadlines import deadlines_for
from .services.intake import complaint_submit_public
from .services.merging import complaint_merge
from .services.replies import reply_templates_install_defaults
from .services.workflow import (
    complaint_patron_reply,
    complaint_send_message,
    complaint_triage,
    default_owner,
    praise_pass_on,
)

SEED = 20261123
CASES_IN_A_YEAR = 170
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"

NARRATIVES = {
    "simple-mistake": [
        (
            "I paid a 3-dollar fee with a 10-dollar bill and was given change for a 5.",
            "Refund the 5 dollars.",
        ),
        (
            "Staff called out my name for a hold and pronounced it wrongly twice, "
            "even after I corrected them.",
            "",
        ),
    ],
    "rudeness": [
        (
            "When I asked for help with the scanner, the staff member sighed, said 'read the sign' "
            "and turned away. "
            "I felt humiliated in front of the people in line.",
            "An apology.",
        ),
        ("I was told loudly that I 'should know how to use a computer by now'. Other patrons laughed.", ""),
    ],
    "unequal-treatment": [
        (
            "The man ahead of me was allowed to print 40 pages for free; "
            "I was told the limit is 10 and had to pay.",
            "The same rule for everyone.",
        ),
        (
            "Staff greeted the family before me warmly and chatted for minutes, "
            "then served me without looking up.",
            "",
        ),
    ],
    "incompetent-help": [
        (
            "I asked three times how to renew online and each staff member told me "
            "something different. None worked.",
            "Someone who can show me.",
        ),
    ],
    "wrong-information": [
        (
            "The website and the desk both said the branch opens at 10 on Saturday. "
            "It opened at 12; I waited with my "
            "children.",
            "Correct the hours.",
        ),
        ("I was told my card had expired and paid to renew it; it was valid until next year.", "A refund."),
    ],
    "wrongful-accusation": [
        (
            "The gate alarm went off and a staff member said in front of everyone "
            "that I was trying to steal. The book "
            "had been checked out to me; the desk had not removed the tag.",
            "A public apology and an explanation.",
        ),
    ],
    "mockery": [
        ("A staff member copied my accent when repeating my question to a colleague, and both smiled.", ""),
        ("I was told my clothes were 'not appropriate for a library' although I broke no rule.", ""),
    ],
    "safety": [
        (
            "A man followed my daughter between the shelves in the children's area. "
            "We told the desk and no one came "
            "for ten minutes.",
            "Know what the library will do next time.",
        ),
    ],
    "money-fines": [
        (
            "I returned my books through the self-check machine and was still "
            "charged overdue fines a week later.",
            "Remove the fines.",
        ),
        ("My account shows fines for two DVDs I returned in the drop box on time.", "Clear my account."),
    ],
    "policy-disagreement": [
        ("The new rule of two hours of computer time is not enough to finish a job application.", ""),
    ],
    "facilities": [
        ("The accessible restroom was locked again and staff needed fifteen minutes to find the key.", ""),
    ],
    "collections-services": [
        ("My hold was given to another person although the notice said it was waiting for me.", ""),
    ],
    "technology-help": [
        ("The Wi-Fi sign-in page keeps failing on my phone and the desk could not help.", ""),
    ],
    "praise": [
        ("Ms. Rahman spent half an hour helping my father set up his e-reader. Thank you!", ""),
        ("The story time on Saturday was wonderful; the children loved it.", ""),
    ],
    "suggestion": [
        ("Could you add a bench near the book drop? Older patrons wait there for the bus.", ""),
        ("Please offer the tax-help sessions in Spanish as well.", ""),
    ],
}
SPANISH = [
    (
        "wrong-information",
        "Me dijeron que necesitaba un comprobante de domicilio para la tarjeta, pero en la web "
        "dice que no. Tuve que volver otro día.",
        "Que den la misma información.",
    ),
    (
        "rudeness",
        "Pregunté por los libros en español y la persona del mostrador me respondió de mala manera.",
        "Una disculpa.",
    ),
]
WEIGHTS = {"CEN": 5, "EAS": 3, "NOR": 3, "WIL": 2, "HAR": 2, "PIN": 1}
SEVERITY_FOR = {
    "rudeness": "serious",
    "unequal-treatment": "serious",
    "wrongful-accusation": "serious",
    "mockery": "serious",
    "safety": "critical",
    "simple-mistake": "minor",
    "praise": "minor",
    "suggestion": "minor",
}
NAMES = [
    "Lena Morales",
    "Walter Briggs",
    "Ana Castillo",
    "Joyce Whitaker",
    "Omar Haddad",
    "Beth Lindqvist",
    "Carlos Mendez",
    "Irene Novak",
    "Tyrone Pike",
    "Mei Tanaka",
    "Gloria Ruiz",
    "Frank Osei",
]


def load(context) -> None:
    system = context.system
    categories_install_defaults(system=system)
    reply_templates_install_defaults(system=system)
    categories = {c.key: c for c in Category.objects.filter(system=system)}
    rng = random.Random(SEED)
    start = context.today - timedelta(days=365)
    plan = _plan(rng, context, start)
    # The policy library is loaded first; fines complaints point at its fines policy.
    fines_policy = Policy.objects.filter(system=system, title="Fines and fees").first()
    for spec in plan:
        if Complaint.objects.filter(reference=spec["reference"]).exists():
            continue
        _create(context, system, categories, spec, rng, fines_policy)
    _about_a_supervisor(context, system, categories)
    _one_complaint_twice(context, system, categories)
    _promises_kept(context, system, categories)
    _at_work_today(context, system, categories)
    _learning(context, system)
    _archive(context, system, categories)


def _reference(rng) -> str:
    chars = "".join(rng.choice(ALPHABET) for _ in range(8))
    return f"{chars[:4]}-{chars[4:]}"


def _plan(rng, context, start) -> list[dict]:
    plan = []
    codes = list(WEIGHTS)
    keys = list(NARRATIVES)
    for _n in range(CASES_IN_A_YEAR):
        key = rng.choice(keys)
        narrative, desired = rng.choice(NARRATIVES[key])
        plan.append(
            {
                "reference": _reference(rng),
                "day": start + timedelta(days=rng.randrange(0, 360)),
                "branch": rng.choices(codes, weights=[WEIGHTS[c] for c in codes])[0],
                "key": key,
                "narrative": narrative,
                "desired": desired,
                "language": "en",
                "hour": rng.randrange(9, 19),
                "name": rng.choice(NAMES),
                "tag": "",
            }
        )
    for key, narrative, desired in SPANISH * 3:
        plan.append(
            {
                "reference": _reference(rng),
                "day": start + timedelta(days=rng.randrange(0, 360)),
                "branch": rng.choice(["EAS", "HAR", "CEN"]),
                "key": key,
                "narrative": narrative,
                "desired": desired,
                "language": "es",
                "hour": rng.randrange(9, 19),
                "name": rng.choice(NAMES),
                "tag": "",
            }
        )
    # The pattern the detector finds: self-check returns at Eastside not clearing, four times in six weeks.
    for offset in (40, 31, 19, 9):
        plan.append(
            {
                "reference": _reference(rng),
                "day": context.today - timedelta(days=offset),
                "branch": "EAS",
                "key": "money-fines",
                "narrative": NARRATIVES["money-fines"][offset % 2][0],
                "desired": "Remove the fines.",
                "language": "en",
                "hour": 15,
                "name": rng.choice(NAMES),
                "tag": "self-check returns",
            }
        )
    return plan


def _create(context, system, categories, spec, rng, fines_policy) -> None:
    branch = context.branches[spec["branch"]]
    received = datetime.combine(spec["day"], time(spec["hour"], rng.randrange(0, 60)), tzinfo=system.zone)
    key = spec["key"]
    kind = key if key in {"praise", "suggestion"} else "complaint"
    severity = SEVERITY_FOR.get(key, rng.choice(["minor", "moderate", "moderate"]))
    deadlines = deadlines_for(system=system, branch=branch, severity=severity, start=received, stage=1)
    owner = default_owner(
        system=system, branch=branch, owner_rule="director" if severity == "critical" else "branch_supervisor"
    )
    recorder = rng.choice(
        [
            u
            for k, u in context.staff.items()
            if k
            in {"frontline", "cen_staff_2", "eas_staff", "nor_staff", "wil_staff", "har_staff", "lone_worker"}
        ]
    )
    anonymous = rng.random() < 0.15
    complaint = Complaint(
        system=system,
        branch=branch,
        reference=spec["reference"],
        kind=kind,
        channel=rng.choice(["desk", "desk", "web", "phone", "email", "letter", "social"]),
        category=categories[key],
        severity=severity,
        narrative=spec["narrative"],
        desired_outcome=spec["desired"],
        anonymous=anonymous,
        patron=None
        if anonymous
        else person_for_contact(
            system=system,
            name=spec["name"],
            email=spec["name"].lower().replace(" ", ".") + "@example.net",
            language=spec["language"],
        ),
        patron_language=spec["language"],
        policy_tag=spec["tag"],
        policy=fines_policy if key == "money-fines" else None,
        owner=owner,
        recorded_by=recorder,
        received_at=received,
        acknowledge_due_at=deadlines.acknowledge_due_at,
        respond_due_at=deadlines.respond_due_at,
    )
    age = (context.today - spec["day"]).days
    now = timezone.now()
    complaint.restricted = categories[key].restricts
    complaint.full_clean()
    complaint.save()
    if complaint.restricted:
        # A complaint about how staff treated someone names a colleague of the branch, never its recorder.
        colleagues = [
            u for u in _frontline_of(branch) if u.pk not in (recorder.pk, owner.pk if owner else None)
        ]
        if colleagues:
            complaint.staff_named.set([rng.choice(colleagues)])
    CaseEntry.objects.create(
        complaint=complaint,
        kind=EntryKind.RECEIVED,
        author=recorder,
        data={"code": "received", "channel": complaint.channel},
    )
    if age < 3 and not spec["tag"]:
        return  # new, not yet acknowledged
    complaint.acknowledged_at = min(received + timedelta(days=rng.randrange(0, 3), hours=2), now)
    complaint.status = Status.ACKNOWLEDGED
    CaseEntry.objects.create(
        complaint=complaint,
        kind=EntryKind.ACKNOWLEDGED,
        author=owner,
        for_patron=True,
        body="Thank you for telling us. We are looking into it.",
    )
    # Some recent cases are still waiting for their response, a few of them past the deadline.
    waiting = age < 30 and rng.random() < 0.4
    if not waiting and (age >= 12 or (age >= 5 and rng.random() < 0.5)):
        outcome = _respond(complaint, owner, key, rng)
        complaint.outcome = outcome
        complaint.responded_at = min(received + timedelta(days=rng.randrange(3, 15)), now)
        complaint.status = Status.RESPONDED
        if age >= 25 and not spec["tag"]:
            complaint.status, complaint.closed_at = Status.CLOSED, complaint.responded_at + timedelta(days=2)
            complaint.judgement = Judgement.ONE_OFF
            complaint.judgement_reason = "A single lapse, handled with the member of staff."
            complaint.satisfaction = rng.choice(["", "satisfied", "satisfied", "partly", "not_satisfied"])
            CaseEntry.objects.create(
                complaint=complaint,
                kind=EntryKind.CLOSED,
                author=owner,
                body=complaint.judgement_reason,
                data={"code": "closed", "judgement": complaint.judgement},
            )
    complaint.full_clean()
    complaint.save()


def _frontline_of(branch) -> list:
    from patroncare.accounts.models import Role, User

    return list(
        User.objects.filter(
            role_assignments__role=Role.FRONTLINE, role_assignments__branch=branch, is_active=True
        ).order_by("id")
    )


def _received_case(system, *, branch, received, severity, **fields) -> Complaint:
    """A case as it was received at `received`, its deadlines counted from then as the pages count them."""
    deadlines = deadlines_for(system=system, branch=branch, severity=severity, start=received, stage=1)
    patron = person_for_contact(
        system=system, name=fields.pop("patron_name", ""), email=fields.pop("patron_email", "")
    )
    complaint = Complaint(
        system=system,
        branch=branch,
        severity=severity,
        patron=patron,
        received_at=received,
        acknowledge_due_at=deadlines.acknowledge_due_at,
        respond_due_at=deadlines.respond_due_at,
        **fields,
    )
    complaint.full_clean()
    complaint.save()
    return complaint


# Cases closed about three years ago, so the retention schedule has something to do: days past the 3-year mark
# on the day the demo is loaded (negative: falls due that many days later).
ARCHIVE = [
    ("ARCH-0001", 30, "Xavier Pruitt", "The returns slot was jammed and my books were marked late."),
    ("ARCH-0002", 9, "Naomi Fairbanks", "The printer took my money and printed nothing."),
    ("ARCH-0003", -6, "Owen Castellano", "Nobody answered the phone at the branch for a whole afternoon."),
    ("ARCH-0004", -21, "Priscilla Huang", "The children's room was closed without notice on a Saturday."),
]


def _archive(context, system, categories) -> None:
    branch, supervisor = context.branches["CEN"], context.staff["supervisor"]
    three_years_ago = add_period(context.today, -3, Unit.YEARS)
    for reference, days_past, name, words in ARCHIVE:
        if Complaint.objects.filter(reference=reference).exists():
            continue
        closed = datetime.combine(
            three_years_ago - timedelta(days=days_past + 1), time(16), tzinfo=system.zone
        )
        received = closed - timedelta(days=12)
        email = name.lower().replace(" ", ".") + "@example.net"
        complaint = _received_case(
            system,
            branch=branch,
            received=received,
            severity="minor",
            reference=reference,
            kind="complaint",
            channel="web",
            category=categories["facilities"],
            narrative=words,
            patron_name=name,
            patron_email=email,
            owner=supervisor,
            recorded_by=supervisor,
        )
        Complaint.objects.filter(pk=complaint.pk).update(
            status=Status.CLOSED,
            closed_at=closed,
            judgement=Judgement.ONE_OFF,
            acknowledged_at=received + timedelta(hours=20),
        )


ABOUT_A_SUPERVISOR = (
    "I asked at the Central desk about the job-search computers and the supervisor on duty told me, in "
    "front of everyone, that people 'like me' should try the shelter instead. I have a library card and "
    "every right to be there."
)


def _about_a_supervisor(context, system, categories) -> None:
    """A restricted case about Central's supervisor: the director owns it; the supervisor never sees it.

    Maria Lopez recorded it; her login shows only its receipt.
    """
    reference = "RSTR-CEN4"
    if Complaint.objects.filter(reference=reference).exists():
        return
    branch, director = context.branches["CEN"], context.staff["director"]
    received = datetime.combine(context.today - timedelta(days=1), time(16, 20), tzinfo=system.zone)
    complaint = _received_case(
        system,
        branch=branch,
        received=received,
        severity="serious",
        reference=reference,
        kind="complaint",
        channel="desk",
        category=categories["discrimination"],
        narrative=ABOUT_A_SUPERVISOR,
        desired_outcome="An apology, and to know that staff are trained on this.",
        patron_name="Derrick Howell",
        patron_email="derrick.howell@example.net",
        staff_involved="The supervisor on duty at the Central desk, late afternoon.",
        restricted=True,
        owner=director,
        recorded_by=context.staff["frontline"],
    )
    complaint.staff_named.set([context.staff["supervisor"]])
    CaseEntry.objects.create(
        complaint=complaint,
        kind=EntryKind.RECEIVED,
        author=context.staff["frontline"],
        data={"code": "received", "channel": "desk"},
    )


def _one_complaint_twice(context, system, categories) -> None:
    """One complaint that came twice, by phone and by letter: the director merged the call into the letter."""
    if Complaint.objects.filter(reference__in=["DUPL-CEN2", "DUPL-CEN3"]).exists():
        return
    branch, director = context.branches["CEN"], context.staff["director"]
    cases = []
    for reference, channel, days, words in (
        ("DUPL-CEN2", "phone", 6, "Called: the room she booked for Saturday was given to another group."),
        ("DUPL-CEN3", "letter", 4, "Wrote: her Saturday room booking was given away without telling her."),
    ):
        received = datetime.combine(context.today - timedelta(days=days), time(11, 5), tzinfo=system.zone)
        complaint = _received_case(
            system,
            branch=branch,
            received=received,
            severity="moderate",
            reference=reference,
            kind="complaint",
            channel=channel,
            category=categories["facilities"],
            narrative=words,
            patron_name="Irene Castillo",
            patron_email="irene.castillo@example.net",
            owner=director,
            recorded_by=context.staff["frontline"],
        )
        entry = CaseEntry.objects.create(
            complaint=complaint, kind=EntryKind.RECEIVED, author=context.staff["frontline"], body=channel
        )
        CaseEntry.objects.filter(pk=entry.pk).update(created_at=received)
        cases.append(complaint)
    complaint_merge(
        actor=director,
        complaint=cases[0],
        into=cases[1],
        reason="The same booking, first by phone and then by letter.",
    )


PROMISED = "PROM-EAS2"


def _promises_kept(context, system, categories) -> None:
    """An Eastside case answered with promises: one done, one due next week, one overdue, each owned.

    Recorded at the desk with where (the children's area) and when it happened. Luis Ortega sees the
    overdue one first on his desk; the patron's status page shows the progress, never a name.
    """
    from patroncare.libraries.models import Location

    if Complaint.objects.filter(reference=PROMISED).exists():
        return
    branch = context.branches["EAS"]
    supervisor, luis = context.staff["supervisor"], context.staff["eas_staff"]
    received = datetime.combine(context.today - timedelta(days=20), time(11, 5), tzinfo=system.zone)
    complaint = _received_case(
        system,
        branch=branch,
        received=received,
        severity="moderate",
        reference=PROMISED,
        kind="complaint",
        channel="desk",
        category=categories["wrong-information"],
        narrative=(
            "The story time my daughter was booked on was cancelled and nobody told us. The sign in the "
            "children's area still shows the old times."
        ),
        desired_outcome="Up-to-date signs, and a call when a session is cancelled.",
        patron_name="Priya Raman",
        patron_email="priya.raman@example.net",
        owner=supervisor,
        recorded_by=luis,
        occurred_at=received - timedelta(hours=1, minutes=20),
        location=Location.objects.filter(branch=branch, name="Children's area").first(),
        acknowledged_at=received + timedelta(hours=3),
        responded_at=received + timedelta(days=6),
        status=Status.RESPONDED,
        outcome=Outcome.UPHELD,
    )
    received_entry = CaseEntry.objects.create(
        complaint=complaint,
        kind=EntryKind.RECEIVED,
        author=luis,
        data={"code": "received", "channel": "desk"},
    )
    acknowledged_entry = CaseEntry.objects.create(
        complaint=complaint,
        kind=EntryKind.ACKNOWLEDGED,
        author=luis,
        for_patron=True,
        channel="phone",
        body="Called Ms Raman: we are sorry and are looking into it.",
    )
    promises = [
        ("Call the patron when a story time is cancelled", luis, -12, True),
        ("Replace the story-time sign in the children's area", luis, -2, False),
        ("Add a cancellation step to the events checklist", supervisor, 7, False),
    ]
    ComplaintResponse.objects.create(
        complaint=complaint,
        stage=1,
        outcome=Outcome.UPHELD,
        reasons="The session was cancelled and the families booked on it were not told.",
        remedies=[Remedy.APOLOGY, Remedy.PROCEDURE],
        remedy_detail="We apologised and booked your daughter on the next session.",
        outstanding_summary="\n".join(text for text, *_rest in promises),
        review_info="You can ask the director to review this response from the status page within 30 days.",
        channel="email",
        sent_by=supervisor,
    )
    response_entry = CaseEntry.objects.create(
        complaint=complaint,
        kind=EntryKind.RESPONSE,
        author=supervisor,
        for_patron=True,
        channel="email",
        body="The session was cancelled and the families booked on it were not told.",
    )
    # The timeline reads as it happened, not as the demo was loaded.
    for entry, moment in (
        (received_entry, received),
        (acknowledged_entry, complaint.acknowledged_at),
        (response_entry, complaint.responded_at),
    ):
        CaseEntry.objects.filter(pk=entry.pk).update(created_at=moment)
    ComplaintResponse.objects.filter(complaint=complaint).update(sent_at=complaint.responded_at)
    for text, owner, days, done in promises:
        OutstandingAction.objects.create(
            complaint=complaint,
            description=text,
            owner=owner,
            created_by=supervisor,
            due_date=context.today + timedelta(days=days),
            done_at=timezone.now() - timedelta(days=13) if done else None,
            done_by=owner if done else None,
        )


def _respond(complaint, owner, key, rng) -> str:
    if key in {"praise", "suggestion"}:
        outcome, remedies = Outcome.FIRST_CONTACT, [Remedy.NONE]
        reasons = "Thank you: we shared your message with the team."
    else:
        outcome = rng.choice([Outcome.UPHELD, Outcome.PARTLY_UPHELD, Outcome.NOT_UPHELD, Outcome.UPHELD])
        remedies = (
            [Remedy.APOLOGY, Remedy.COACHING] if outcome != Outcome.NOT_UPHELD else [Remedy.EXPLANATION]
        )
        reasons = (
            "We spoke with the staff on duty and checked the records. What you described happened and "
            "should not have."
            if outcome != Outcome.NOT_UPHELD
            else "We checked the records: the charge follows the policy, which we explain below."
        )
    ComplaintResponse.objects.create(
        complaint=complaint,
        stage=1,
        outcome=outcome,
        reasons=reasons,
        remedies=remedies,
        remedy_detail="We apologised and talked the situation through with the team.",
        review_info="You can ask the director to review this response from the status page within 30 days.",
        channel="email" if complaint.patron_email else "letter",
        sent_by=owner,
    )
    CaseEntry.objects.create(
        complaint=complaint, kind=EntryKind.RESPONSE, author=owner, for_patron=True, body=reasons
    )
    return outcome


def _learning(context, system) -> None:
    director, supervisor = context.staff["director"], context.staff["supervisor"]
    accusation = (
        Complaint.objects.filter(system=system, category__key="wrongful-accusation", status="closed")
        .order_by("received_at")
        .first()
    )
    if accusation is not None:
        review, _ = PolicyReview.objects.get_or_create(
            system=system,
            subject="Security gate alarms: what staff say and do",
            defaults={
                "owner": director,
                "due_date": context.today + timedelta(days=30),
                "opened_by": supervisor,
            },
        )
        if accusation.judgement != Judgement.SYSTEMIC:
            Complaint.objects.filter(pk=accusation.pk).update(
                judgement=Judgement.SYSTEMIC,
                review=review,
                outcome=Outcome.UPHELD,
                judgement_reason="Staff had no script for gate alarms, so each reacted differently.",
            )
        published = accusation.received_at + timedelta(days=38)
        PublicStatement.objects.get_or_create(
            complaint=accusation,
            defaults={
                "system": system,
                "title": "An apology for a wrongful accusation at a security gate",
                "body": (
                    "A patron was wrongly told in public that they were stealing, "
                    "after a security gate alarm "
                    "sounded for a book that had been properly checked out. The patron did nothing wrong. We "
                    "apologised to them in person and in writing. "
                    "Every branch now follows one procedure when a "
                    "gate alarm sounds: staff speak privately, "
                    "assume a tagging error first, and never accuse. "
                    "All desk staff have been trained in it."
                ),
                "title_es": "Una disculpa por una acusación injusta en un arco de seguridad",
                "body_es": (
                    "A una persona usuaria se le dijo en público, por error, que estaba robando, "
                    "después de que sonara la alarma de un arco de seguridad "
                    "por un libro que había sido prestado correctamente. La persona no hizo nada malo. "
                    "Le pedimos disculpas en persona y por escrito. "
                    "Ahora todas las sucursales siguen un mismo procedimiento cuando "
                    "suena la alarma de un arco: el personal habla en privado, "
                    "supone primero un error de etiquetado y nunca acusa. "
                    "Todo el personal de mostrador recibió capacitación en este procedimiento."
                ),
                "status": "published",
                "drafted_by": supervisor,
                "approved_by": director,
                "approved_at": published - timedelta(days=4),
                "trustee_reviewed_by": context.staff["trustee"],
                "trustee_reviewed_at": published - timedelta(days=2),
                "published_at": published,
            },
        )


# Fixed tokens: loading the demo twice finds these submissions already made (the public form is idempotent).
TODAY_TOKENS = {
    "queue": uuid.UUID("6f1c0e3a-8d51-4b8e-9a57-0c6e3b1d0001"),
    "reply": uuid.UUID("6f1c0e3a-8d51-4b8e-9a57-0c6e3b1d0002"),
    "praise": uuid.UUID("6f1c0e3a-8d51-4b8e-9a57-0c6e3b1d0003"),
}


def _submitted(context, system, key, branch_code, kind, narrative, name, email, language="en"):
    complaint, _secret, created = complaint_submit_public(
        system=system,
        branch=context.branches[branch_code],
        kind=kind,
        narrative=narrative,
        patron_name=name,
        patron_email=email,
        patron_language=language,
        submission_token=TODAY_TOKENS[key],
    )
    return complaint, created


def _at_work_today(context, system, categories) -> None:
    """Cases as a desk finds them this morning, made through the same services as the pages: one waiting in
    the intake queue, one where the patron has answered a question, and praise passed on to the colleague it
    is for."""
    supervisor = context.staff["supervisor"]
    _submitted(
        context,
        system,
        "queue",
        "EAS",
        "complaint",
        "The printer on the second floor took my money twice and printed nothing. Nobody was at the desk.",
        "Omar Haddad",
        "omar.haddad@example.net",
    )
    asked, created = _submitted(
        context,
        system,
        "reply",
        "CEN",
        "complaint",
        "A staff member told my son he could not use the study rooms without an adult. He is 16.",
        "Rosa Jiménez",
        "rosa.jimenez@example.net",
        language="es",
    )
    if created:
        asked = complaint_triage(
            actor=supervisor,
            complaint=asked,
            expected_version=asked.version,
            category=categories["wrong-information"],
            severity="moderate",
            kind="complaint",
        )
        complaint_send_message(
            actor=supervisor,
            complaint=asked,
            channel="email",
            body="Gracias por escribirnos. ¿Qué día y a qué hora ocurrió, más o menos?",
            expects_reply=True,
        )
        complaint_patron_reply(complaint=asked, body="Fue el martes pasado, hacia las cuatro de la tarde.")
    praise, created = _submitted(
        context,
        system,
        "praise",
        "EAS",
        "praise",
        "Luis at the Eastside desk helped me print my job application and found me a quiet room. Thank you.",
        "Helen Park",
        "helen.park@example.net",
    )
    if created:
        praise = complaint_triage(
            actor=supervisor,
            complaint=praise,
            expected_version=praise.version,
            category=categories["praise"],
            severity="",
            kind="praise",
        )
        praise_pass_on(actor=supervisor, complaint=praise, staff=[context.staff["eas_staff"]])
