"""Riverbend's policies, a year of its exceptions log, a review in progress and its Yes-O-Meter.

The East Side branch (EAS) reads the computer-time policy very differently from the rest of the system: it
grants extra time to most people who ask, where other branches grant it to about one in five. The consistency
page marks it as an outlier.
"""

import random
from datetime import datetime, time, timedelta

from django.utils import timezone

from patroncare.rulebook.models import Rule

from .demo_content import (
    BRANCH_STAFF,
    BRANCH_SUPERVISOR,
    ENFORCED_WORDING,
    OUTLIER,
    POLICIES,
    POLICIES_ES,
    SEED,
    VOLUME,
    WORDING,
)
from .models import (
    Acknowledgement,
    EntryKind,
    EntryStatus,
    ExceptionEntry,
    Flexibility,
    Policy,
    PolicyReview,
    PolicyVersion,
    RatingArea,
    ReviewOutcome,
    ReviewStatus,
    ReviewTrigger,
    YesOMeterRating,
)

# Rules of the default rules of conduct (loaded before the policies) that carry out each demo policy.
RULE_CODES_FOR_POLICY = {
    "conduct": ["4", "6", "7", "8", "9", "10", "11"],
    "children": ["3"],
    "quiet": ["1"],
    "substances": ["5"],
    "lone": ["8", "9"],
    "computers": ["2"],
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
        title_es, body_es, alternatives_es = POLICIES_ES[key]
        if key == "computers":  # version 1 had no homework line; _change_computer_policy adds it
            body_es = body_es.rsplit("\n", 1)[0]
        policy = Policy.objects.create(
            system=system,
            title=title,
            area=area,
            flexibility=flexibility,
            body=body,
            alternatives=alternatives,
            title_en=title,
            body_en=body,
            alternatives_en=alternatives,
            title_es=title_es,
            body_es=body_es,
            alternatives_es=alternatives_es,
            owner=staff[owner],
            review_cycle_months=24,
            next_review_on=today + timedelta(days=rng.randint(90, 600)),
        )
        PolicyVersion.objects.create(
            policy=policy,
            number=1,
            title=title,
            body=body,
            title_en=title,
            body_en=body,
            title_es=title_es,
            body_es=body_es,
            flexibility=flexibility,
            change_summary="First version",
            published_by=staff["administrator"],
            published_at=year_ago,
        )
        policies[key] = policy
        policy.rules.set(Rule.objects.filter(system=system, code__in=RULE_CODES_FOR_POLICY.get(key, [])))
    _change_computer_policy(policies["computers"], staff, today)
    _reviews(policies, staff, today)
    _acknowledgements(policies, staff, today)
    _exceptions(system, context.branches, policies, staff, today, rng)
    _ratings(context.branches, policies, staff, today, rng)


def _aware(day, hour=10):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _change_computer_policy(policy, staff, today):
    """Version 2, published ten days ago: some staff have not acknowledged it yet."""
    policy.body_en += "\n- Staff may also add time for school homework after 3 pm."
    policy.body_es = POLICIES_ES["computers"][1]
    policy.__dict__["body"] = policy.body_en
    policy.current_number = 2
    policy.save(update_fields=["body", "body_en", "body_es", "current_number"])
    PolicyVersion.objects.create(
        policy=policy,
        number=2,
        title=policy.title_en,
        body=policy.body_en,
        title_en=policy.title_en,
        body_en=policy.body_en,
        title_es=policy.title_es,
        body_es=policy.body_es,
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
        housing_and_id="People without a fixed address cannot show proof of address. A shelter or service "
        "letter should be enough; a computer-only card on the spot.",
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
