"""Hand-worked records for the first quarter of 2026 (and the two periods it is compared with).

Library time is America/Chicago. Every figure the tests expect is counted by hand from this list:

Complaints (kind complaint, not merged) received in Q1 2026:
  c1 Millbrook, Wrong information, moderate, desk, 16 Jan: acknowledged after the plain five-day deadline but
     within the one the calendar gives over a holiday (19 Jan) and a branch closure (20-21 Jan); answered on
     time; upheld, a one-off, patron satisfied.
  c2 Millbrook, Wrong information, moderate, phone, 10 Feb: acknowledged and answered late; review asked;
     not upheld, systemic.
  c3 Millbrook, Wrong information, moderate, e-mail, 31 Mar 23:30 local (1 Apr in UTC): never acknowledged
     or answered, both deadlines passed.
  c4 Millbrook, Charged wrongly, serious, desk, 2 Mar: no deadlines (none reached).
  c5 Oakton, Wrong information, minor, web, 5 Jan: acknowledged on time, no response deadline.
Not counted: 1 Apr 00:30 local (Q2), praise, a merged case, another system's case.
Q4 2025: c6 Millbrook, Wrong information, moderate, 31 Dec 23:00 local. Q1 2025: c7, c8 Millbrook, Charged
wrongly, serious, 14 Feb.

Incidents: i1 Millbrook dangerous (threats, weapon) Tue 13 Jan 15:30, police, an injury; i2 Millbrook
disruptive (noise) Tue 13 Jan 15:10; i3 Oakton annoying (noise) Sat 7 Mar 11:00, EMS; Q4 2025: i4 Millbrook
disruptive (abusive language) 10 Dec.

Exclusions: e1 Millbrook suspension (ladder said warning) issued 1 Feb, 1 Feb to 31 Dec, appealed and
upheld; e2 Millbrook leave for the day issued 15 Mar; e3 Millbrook permanent issued 1 Nov 2025.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from patroncare.complaints.models import Complaint
from patroncare.complaints.tests.factories import CategoryFactory, ComplaintFactory
from patroncare.conduct.models import Appeal
from patroncare.conduct.tests.factories import ExclusionFactory
from patroncare.incidents.models import StaffAction
from patroncare.incidents.tests.factories import IncidentFactory
from patroncare.libraries.calendar import working_day_deadline
from patroncare.libraries.tests.factories import ClosureFactory, HolidayFactory
from patroncare.patrons.tests.factories import PersonFactory
from patroncare.reports import periods

CHICAGO = ZoneInfo("America/Chicago")
Q1 = periods.quarter(2026, 1)


def local(*args):
    return datetime(*args, tzinfo=CHICAGO)


@dataclass
class Records:
    world: object
    wrong_information: object
    charged_wrongly: object
    complaints: dict


@pytest.fixture
def records(world):
    system, branch, other = world.system, world.branch, world.other_branch
    wrong = CategoryFactory(system=system, name="Wrong information", name_es="Información equivocada")
    charged = CategoryFactory(system=system, name="Charged wrongly", name_es="Cobro indebido")

    def complaint(at, *, category=wrong, where=branch, severity="moderate", channel="desk", **extra):
        return ComplaintFactory(
            system=system,
            branch=where,
            category=category,
            severity=severity,
            channel=channel,
            received_at=at,
            anonymous=True,
            **extra,
        )

    c1_received = local(2026, 1, 16, 10)
    plain_deadline = working_day_deadline(system=system, received_at=c1_received, days=5, branch=branch)
    HolidayFactory(system=system, date=date(2026, 1, 19), name="Martin Luther King Jr. Day")
    ClosureFactory(branch=branch, start_date=date(2026, 1, 20), end_date=date(2026, 1, 21))
    c1_ack_due = working_day_deadline(system=system, received_at=c1_received, days=5, branch=branch)
    assert c1_ack_due > plain_deadline + timedelta(hours=1), "the holiday and closure move the deadline"
    c1 = complaint(
        c1_received,
        acknowledge_due_at=c1_ack_due,
        acknowledged_at=plain_deadline + timedelta(hours=1),
        respond_due_at=c1_ack_due + timedelta(days=7),
        responded_at=c1_ack_due + timedelta(days=2),
        outcome="upheld",
        judgement="one_off",
        satisfaction="satisfied",
    )
    c2_received = local(2026, 2, 10, 9)
    c2 = complaint(
        c2_received,
        channel="phone",
        acknowledge_due_at=c2_received + timedelta(days=7),
        acknowledged_at=c2_received + timedelta(days=8),
        respond_due_at=c2_received + timedelta(days=14),
        responded_at=c2_received + timedelta(days=20),
        review_requested_at=c2_received + timedelta(days=25),
        outcome="not_upheld",
        judgement="systemic",
    )
    c3_received = local(2026, 3, 31, 23, 30)
    c3 = complaint(
        c3_received,
        channel="email",
        acknowledge_due_at=c3_received + timedelta(days=7),
        respond_due_at=c3_received + timedelta(days=14),
    )
    c4 = complaint(local(2026, 3, 2, 12), category=charged, severity="serious")
    c5_received = local(2026, 1, 5, 12)
    c5 = complaint(
        c5_received,
        where=other,
        severity="minor",
        channel="web",
        acknowledge_due_at=c5_received + timedelta(days=7),
        acknowledged_at=c5_received + timedelta(hours=1),
    )
    complaint(local(2026, 4, 1, 0, 30))  # the second quarter
    complaint(local(2026, 2, 1, 12), kind="praise")
    complaint(
        local(2026, 2, 2, 12),
        merged_into=c2,
        status="closed",
        merged_at=local(2026, 2, 3, 12),
        closed_at=local(2026, 2, 3, 12),
    )
    ComplaintFactory(branch=world.other_system_branch, received_at=local(2026, 2, 3, 12), anonymous=True)
    c6 = complaint(local(2025, 12, 31, 23))
    c7 = complaint(local(2025, 2, 14, 12), category=charged, severity="serious")
    c8 = complaint(local(2025, 2, 14, 13), category=charged, severity="serious")

    reporter = world.users["frontline"]
    i1 = IncidentFactory(
        branch=branch,
        occurred_at=local(2026, 1, 13, 15, 30),
        level="dangerous",
        behaviours=["threats", "weapon"],
        injuries="A bruised arm",
        reported_by=reporter,
    )
    StaffAction.objects.create(incident=i1, kind="police", report_number="24-1187")
    StaffAction.objects.create(incident=i1, kind="security")
    IncidentFactory(
        branch=branch, occurred_at=local(2026, 1, 13, 15, 10), behaviours=["noise"], reported_by=reporter
    )
    i3 = IncidentFactory(
        branch=other,
        occurred_at=local(2026, 3, 7, 11),
        level="annoying",
        behaviours=["noise"],
        reported_by=reporter,
    )
    StaffAction.objects.create(incident=i3, kind="ems")
    IncidentFactory(branch=branch, occurred_at=local(2025, 12, 10, 14), reported_by=reporter)
    IncidentFactory(branch=world.other_system_branch, occurred_at=local(2026, 1, 13, 15))

    issuer = world.users["supervisor"]

    def exclusion(issued, outcome, recommended, start, end):
        return ExclusionFactory(
            system=system,
            branch=branch,
            person=PersonFactory(system=system),
            outcome=outcome,
            recommended_outcome=recommended,
            issued_at=issued,
            issued_by=issuer,
            start_date=start,
            end_date=end,
        )

    e1 = exclusion(local(2026, 2, 1, 10), "suspension", "warning", date(2026, 2, 1), date(2026, 12, 31))
    Appeal.objects.create(
        exclusion=e1,
        received_at=local(2026, 2, 5, 10),
        statement="I was not there that day.",
        recorded_by=issuer,
        decision="upheld",
        decision_reason="The incident report and a witness confirm it.",
        decided_by=world.users["administrator"],
        decided_at=local(2026, 2, 20, 10),
    )
    exclusion(local(2026, 3, 15, 10), "leave_day", "leave_day", date(2026, 3, 15), date(2026, 3, 15))
    exclusion(local(2025, 11, 1, 10), "permanent", "permanent", date(2025, 11, 1), None)
    assert Complaint.objects.filter(system=system).count() == 11
    return Records(
        world,
        wrong,
        charged,
        {"c1": c1, "c2": c2, "c3": c3, "c4": c4, "c5": c5, "c6": c6, "c7": c7, "c8": c8},
    )
