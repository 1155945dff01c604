# ruff: noqa: E501  (policy texts and log wording shipped as demo data read better unwrapped)
"""Riverbend's policies, a year of its exceptions log, a review in progress and its Yes-O-Meter.

The East Side branch (EAS) reads the computer-time policy very differently from the rest of the system: it
grants extra time to most people who ask, where other branches grant it to about one in five. The consistency
page marks it as an outlier.
"""

import random
from datetime import datetime, time, timedelta

from django.utils import timezone

from .models import (
    Acknowledgement,
    EntryKind,
    EntryStatus,
    ExceptionEntry,
    Flexibility,
    Policy,
    PolicyArea,
    PolicyReview,
    PolicyVersion,
    RatingArea,
    ReviewOutcome,
    ReviewStatus,
    ReviewTrigger,
    YesOMeterRating,
)

SEED = 2

# key, title, area, flexibility, owner key, body, alternatives
POLICIES = [
    (
        "card",
        "Library cards and proof of address",
        PolicyArea.BORROWING,
        Flexibility.FIRM,
        "administrator",
        "Anyone who lives, works or studies in the county can have a free library card.\n\n"
        "- We ask for a photo ID and proof of address.\n"
        "- A supervisor may accept other documents, such as a letter from a shelter or a school.\n"
        "- Without either, we issue a computer-only card the same day.",
        "- A computer-only card, today.\n- A visitor pass for the computers.\n- Help finding what documents to bring.",
    ),
    (
        "computers",
        "Computer time limits",
        PolicyArea.TECHNOLOGY,
        Flexibility.FLEXIBLE,
        "supervisor",
        "Public computers are booked in sessions of **two hours a day** so that everyone gets a turn.\n\n"
        "- When no one is waiting, staff may add time.\n"
        "- For job applications, benefits and exams, staff may add up to an hour even when others wait.\n"
        "- Say it is an exception, and why.",
        "- A laptop loan for in-library use.\n- A session booked for tomorrow morning.",
    ),
    (
        "fines",
        "Fines and fees",
        PolicyArea.BORROWING,
        Flexibility.FIRM,
        "administrator",
        "We do not charge overdue fines. Lost or damaged items are charged at their replacement cost.\n\n"
        "- A supervisor may waive or reduce a replacement charge.\n- Payment plans are always available.",
        "- A payment plan.\n- Returning a replacement copy instead of paying.",
    ),
    (
        "privacy",
        "Privacy of patron records",
        PolicyArea.PRIVACY,
        Flexibility.FIXED,
        "director",
        "What a person borrows, reads, searches or asks is **confidential**. We never tell anyone else, including "
        "family members, employers or the police without a court order, what another person has borrowed or "
        "asked.",
        "- Explain that the same protection covers them too.\n- The account holder can come in, or call with "
        "their card and PIN.\n- Requests from the police go to the director.",
    ),
    (
        "children",
        "Children in the library",
        PolicyArea.CHILDREN,
        Flexibility.FIXED,
        "supervisor",
        "Children under 10 must be with a responsible adult (16 or older) at all times. Staff never take a child "
        "home or to another place.",
        "- Help the family find a programme the child can join with the adult nearby.\n"
        "- Share the after-school programme times.",
    ),
    (
        "conduct",
        "Safety and behaviour in the library",
        PolicyArea.CONDUCT,
        Flexibility.FIXED,
        "director",
        "Threats, violence, harassment and weapons are never allowed. Staff may ask anyone behaving this way to "
        "leave and may call the police.",
        "- Offer to continue the conversation by phone or e-mail.\n- Explain how to appeal an exclusion.",
    ),
    (
        "resting",
        "Resting and sleeping",
        PolicyArea.SPACES,
        Flexibility.FLEXIBLE,
        "supervisor",
        "Everyone may rest in the library. Staff wake someone when there is a reason: to check they are well, "
        "to clear a walkway or exit, or at closing.",
        "- A quieter seat away from walkways.",
    ),
    (
        "meeting",
        "Meeting room bookings",
        PolicyArea.SPACES,
        Flexibility.FLEXIBLE,
        "supervisor",
        "Community groups book meeting rooms free of charge, up to four times a month, two weeks ahead.",
        "- A study room for small groups.\n- The next free date.",
    ),
    (
        "food",
        "Food and drink",
        PolicyArea.SPACES,
        Flexibility.YES_AND,
        "supervisor",
        "Yes: covered drinks and snacks are welcome everywhere except near the computers and the local history "
        "collection. And we have water and a microwave in the community room.",
        "",
    ),
    (
        "tech",
        "Technology help at the desk",
        PolicyArea.TECHNOLOGY,
        Flexibility.YES_AND,
        "trainer",
        "Yes: staff help with the first steps of any technology question. And for longer help, we book a one-to-one "
        "session or a class.",
        "",
    ),
    (
        "language",
        "Serving patrons in their language",
        PolicyArea.SERVICES,
        Flexibility.YES_AND,
        "administrator",
        "Yes: we serve everyone in their language, with colleagues who speak it, phrase cards or the free phone "
        "interpreting line. And we keep signage in English and Spanish.",
        "",
    ),
    (
        "quiet",
        "Noise and quiet spaces",
        PolicyArea.SPACES,
        Flexibility.FLEXIBLE,
        "supervisor",
        "The library is a shared space: conversation is welcome at normal volume; the quiet room and study rooms "
        "are for silent work. Anyone overwhelmed by noise may use the quiet room.",
        "- The quiet room.\n- Headphones at the desk.",
    ),
    (
        "substances",
        "Alcohol and drugs",
        PolicyArea.CONDUCT,
        Flexibility.FIXED,
        "director",
        "Using or selling alcohol or drugs in the library or on its grounds is not allowed.",
        "- Ask them to put it away or finish it outside, and welcome them back.",
    ),
    (
        "lone",
        "Working alone",
        PolicyArea.CONDUCT,
        Flexibility.FIXED,
        "director",
        "Staff working alone check in with the partner branch at the start, every two hours and at the end of the "
        "shift. Anyone working alone may close the branch for their safety.",
        "- A colleague from the partner branch covers the next shift.",
    ),
    (
        "printing",
        "Printing and copying",
        PolicyArea.TECHNOLOGY,
        Flexibility.FLEXIBLE,
        "supervisor",
        "Ten pages a day are free; further pages are 10 cents each.",
        "- Save to a USB stick or e-mail instead of printing.",
    ),
]

# (policy key, monthly requests per branch, system exception rate); EAS reads "computers" very differently.
VOLUME = {
    "computers": (7, 0.2),
    "fines": (4, 0.45),
    "card": (2, 0.35),
    "meeting": (1, 0.3),
    "printing": (3, 0.4),
    "resting": (1, 0.6),
    "privacy": (1, 0.0),
    "children": (0.5, 0.0),
}
OUTLIER = ("EAS", "computers", 0.72)
BRANCH_STAFF = {
    "CEN": ["frontline", "cen_staff_2", "cen_staff_3"],
    "EAS": ["eas_staff", "eas_staff_2"],
    "NOR": ["nor_staff"],
    "WIL": ["wil_staff"],
    "HAR": ["har_staff", "pin_relief"],
    "PIN": ["lone_worker", "pin_relief"],
}
BRANCH_SUPERVISOR = {
    "CEN": "supervisor",
    "EAS": "supervisor",
    "NOR": "nor_supervisor",
    "WIL": "nor_supervisor",
    "HAR": "har_supervisor",
    "PIN": "har_supervisor",
}
WORDING = {
    "computers": (
        "Asked for more computer time to finish an online job application.",
        "Thirty more minutes on the same computer.",
        "No one was waiting; job applications come first.",
        "Explained this was a one-off because of the application, and how to book tomorrow.",
    ),
    "fines": (
        "Asked to waive the replacement charge for a book damaged by water.",
        "Replacement charge waived.",
        "First time; the book was old and due to be withdrawn.",
        "Told them this was an exception and that future damage is charged.",
    ),
    "card": (
        "Asked for a full card without proof of address.",
        "Full card with a shelter letter.",
        "The shelter letter confirms they live in the county.",
        "Explained which documents we accept, so they know next time.",
    ),
    "meeting": (
        "Asked to book a meeting room with one week's notice.",
        "Room booked for next Tuesday.",
        "The room was free and the group had no other place.",
        "Explained the two-week rule and that this was an exception.",
    ),
    "printing": (
        "Asked to print 25 pages for free.",
        "Fifteen extra pages free.",
        "Court papers needed the same day.",
        "Explained the daily limit and that this was a one-off.",
    ),
    "resting": (
        "Asked to keep resting in the lounge chair near the entrance.",
        "Stayed in the same chair.",
        "Not blocking the walkway.",
        "Said they were welcome to rest.",
    ),
    "privacy": (
        "Asked what a family member had borrowed.",
        "",
        "Records are confidential.",
        "Explained the same protection covers them, and that the account holder can ask.",
    ),
    "children": (
        "Asked to leave a child of seven in the children's area while shopping.",
        "",
        "Children under 10 stay with an adult.",
        "Explained the rule calmly and offered the story time they could attend together.",
    ),
}
ENFORCED_WORDING = {
    "computers": (
        "Others were waiting for a computer.",
        "Explained the two-hour limit and booked a session for the next morning.",
    ),
    "fines": (
        "The item was lost for the second time this year.",
        "Explained the charge and offered a payment plan.",
    ),
    "card": ("No documents at all.", "Issued a computer-only card and listed the documents we accept."),
    "meeting": ("The room was already booked.", "Offered a study room and the next free date."),
    "printing": ("No particular need.", "Explained the 10-cent charge and offered to e-mail the file."),
    "resting": ("Blocking the emergency exit.", "Asked them to move to a seat nearby."),
}


def load(context) -> None:
    system, today = context.system, context.today
    if Policy.objects.filter(system=system).exists():
        return
    rng = random.Random(SEED)
    staff = context.staff
    policies = {}
    year_ago = _aware(today - timedelta(days=420))
    for key, title, area, flexibility, owner, body, alternatives in POLICIES:
        policy = Policy.objects.create(
            system=system,
            title=title,
            area=area,
            flexibility=flexibility,
            body=body,
            alternatives=alternatives,
            owner=staff[owner],
            review_cycle_months=24,
            next_review_on=today + timedelta(days=rng.randint(90, 600)),
        )
        PolicyVersion.objects.create(
            policy=policy,
            number=1,
            title=title,
            body=body,
            flexibility=flexibility,
            change_summary="First version",
            published_by=staff["administrator"],
            published_at=year_ago,
        )
        policies[key] = policy
    _change_computer_policy(policies["computers"], staff, today)
    _reviews(policies, staff, today)
    _acknowledgements(policies, staff, today)
    _exceptions(system, context.branches, policies, staff, today, rng)
    _ratings(context.branches, policies, staff, today, rng)


def _aware(day, hour=10):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _change_computer_policy(policy, staff, today):
    """Version 2, published ten days ago: some staff have not acknowledged it yet."""
    policy.body += "\n- Staff may also add time for school homework after 3 pm."
    policy.current_number = 2
    policy.save(update_fields=["body", "current_number"])
    PolicyVersion.objects.create(
        policy=policy,
        number=2,
        title=policy.title,
        body=policy.body,
        flexibility=policy.flexibility,
        change_summary="Homework after 3 pm added.",
        published_by=staff["administrator"],
        published_at=_aware(today - timedelta(days=10)),
    )


def _reviews(policies, staff, today):
    card = policies["card"]
    PolicyReview.objects.create(
        policy=card,
        trigger=ReviewTrigger.CYCLE,
        opened_at=_aware(today - timedelta(days=18)),
        opened_by=staff["administrator"],
        reasons=f"{today - timedelta(days=18):%Y-%m-%d} · Review cycle: proof of address keeps people out",
        housing_and_id="People without a fixed address cannot show proof of address. A shelter or service letter "
        "should be enough; a computer-only card on the spot.",
        disability="Some people cannot come in to show documents: accept documents by e-mail.",
        language="The list of accepted documents exists only in English.",
    )
    card.next_review_on = today - timedelta(days=3)
    card.save(update_fields=["next_review_on"])
    privacy = policies["privacy"]
    PolicyReview.objects.create(
        policy=privacy,
        trigger=ReviewTrigger.CYCLE,
        status=ReviewStatus.DONE,
        outcome=ReviewOutcome.KEEP,
        opened_at=_aware(today - timedelta(days=200)),
        opened_by=staff["administrator"],
        decided_at=_aware(today - timedelta(days=170)),
        decided_by=staff["administrator"],
        reasons="Review cycle",
        housing_and_id="No barrier: the policy protects everyone equally.",
        disability="A carer may act for the account holder with their written consent.",
        language="Explanation available in Spanish.",
        young_people="Parents see a child's account only with the child's card, in line with state law.",
        crisis="No barrier.",
        outcome_note="Kept: the policy follows state law and protects everyone.",
    )
    policies["meeting"].next_review_on = today + timedelta(days=12)
    policies["meeting"].save(update_fields=["next_review_on"])


def _acknowledgements(policies, staff, today):
    members = [
        user
        for key, user in staff.items()
        if not key.startswith("lakeshore") and key not in ("trustee", "trustee_2")
    ]
    rows = []
    for policy in policies.values():
        for version in policy.versions.all():
            for user in members:
                if version.number == 2 and user.email.split("@")[0] in (
                    "maria.lopez",
                    "luis.ortega",
                    "sam.okafor",
                ):
                    continue
                rows.append(
                    Acknowledgement(
                        version=version, user=user, acknowledged_at=version.published_at + timedelta(days=2)
                    )
                )
    Acknowledgement.objects.bulk_create(rows)


def _exceptions(system, branches, policies, staff, today, rng):
    rows = []
    for code, branch in branches.items():
        scale = 0.5 if branch.is_small else 1.0
        for key, (monthly, rate) in VOLUME.items():
            policy = policies[key]
            if (code, key) == OUTLIER[:2]:
                rate = OUTLIER[2]
            count = round(monthly * 12 * scale * rng.uniform(0.85, 1.15))
            for _i in range(count):
                day = today - timedelta(days=rng.randint(0, 364))
                recorder = staff[rng.choice(BRANCH_STAFF[code])]
                granted = policy.flexibility != Flexibility.FIXED and rng.random() < rate
                rows.append(
                    _entry(
                        system,
                        branch,
                        policy,
                        key,
                        day,
                        recorder,
                        granted,
                        staff[BRANCH_SUPERVISOR[code]],
                        rng,
                        today,
                    )
                )
    # Two requests from this morning wait for a supervisor, so the desk shows them.
    for code, recorder in (("CEN", "frontline"), ("EAS", "eas_staff")):
        entry = _entry(
            system,
            branches[code],
            policies["fines"],
            "fines",
            today,
            staff[recorder],
            True,
            staff[BRANCH_SUPERVISOR[code]],
            rng,
            today,
        )
        rows.append(entry)
    ExceptionEntry.objects.bulk_create(rows)


def _entry(system, branch, policy, key, day, recorder, granted, supervisor, rng, today):
    asked, what, why, told = WORDING[key]
    recorded_at = _aware(day, rng.randint(9, 19))
    entry = ExceptionEntry(
        system=system,
        branch=branch,
        policy=policy,
        flexibility=policy.flexibility,
        occurred_on=day,
        asked=asked,
        recorded_by=recorder,
        recorded_at=recorded_at,
        status=EntryStatus.RECORDED,
    )
    if granted:
        entry.kind, entry.granted, entry.reason, entry.told_patron = EntryKind.EXCEPTION, what, why, told
        if policy.flexibility == Flexibility.FIRM:
            if (today - day).days <= 2:
                entry.status = EntryStatus.PENDING
            else:
                entry.status = EntryStatus.DECLINED if rng.random() < 0.1 else EntryStatus.APPROVED
                entry.decided_by, entry.decided_at = supervisor, recorded_at + timedelta(hours=3)
                entry.decision_note = (
                    "Agreed."
                    if entry.status == EntryStatus.APPROVED
                    else "Declined: a payment plan was offered instead."
                )
    else:
        reason, told = ENFORCED_WORDING.get(key, (why, told))
        entry.kind, entry.reason, entry.told_patron = EntryKind.ENFORCED, reason, told
    return entry


def _ratings(branches, policies, staff, today, rng):
    rows = []
    for code, branch in branches.items():
        rater = staff[BRANCH_SUPERVISOR[code]]
        for area in [
            RatingArea.FIRST_IMPRESSIONS,
            RatingArea.SIGNAGE,
            RatingArea.SERVICE_HABITS,
            RatingArea.POLICY,
        ]:
            rating = rng.randint(0, 2)
            for quarter in range(4, -1, -1):
                rated_on = today - timedelta(days=91 * quarter)
                rating = max(0, min(3, rating + rng.choice([-1, 0, 1, 1])))
                rows.append(
                    YesOMeterRating(
                        branch=branch,
                        area=area,
                        policy=policies["computers"] if area == RatingArea.POLICY else None,
                        rating=rating,
                        rated_on=rated_on,
                        rated_by=rater,
                    )
                )
    YesOMeterRating.objects.bulk_create(rows)
