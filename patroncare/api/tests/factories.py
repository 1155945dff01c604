"""Records of every API resource in the test world: at the staff's branch, at the other branch, and in
another library system, so that each endpoint is checked against each of them."""

from dataclasses import dataclass
from datetime import timedelta

from patroncare.api import services
from patroncare.api.models import Scope
from patroncare.complaints.tests.factories import CategoryFactory, ComplaintFactory
from patroncare.conduct.tests.factories import BehaviourClassFactory, ExclusionFactory, RuleFactory
from patroncare.incidents.tests.factories import IncidentFactory
from patroncare.libraries.calendar import today_in
from patroncare.patrons.tests.factories import PersonFactory
from patroncare.policies.tests.factories import PolicyFactory
from patroncare.referrals.tests.factories import ResourceFactory
from patroncare.rulebook.models import Outcome, Rule
from patroncare.rulebook.services import rules_install_defaults


@dataclass
class Records:
    complaint: object
    other_branch_complaint: object
    other_system_complaint: object
    incident: object
    other_branch_incident: object
    other_system_incident: object
    exclusion: object
    other_system_exclusion: object
    policy: object
    other_system_policy: object
    rule: object
    other_system_rule: object
    category: object
    resource: object = None
    other_system_resource: object = None


def token_for(user, scope=Scope.READ_WRITE, days=30) -> str:
    _token, secret = services.token_create(actor=user, name="Test", scope=scope, days=days)
    return secret


def build_records(world) -> Records:
    rules_install_defaults(system=world.system)
    reporter = world.users["supervisor"]
    elsewhere = world.users["other_system_admin"]
    category = CategoryFactory(system=world.system, key="wrong-fine", name="Wrong fine")
    rule = Rule.objects.filter(system=world.system).order_by("code").first()
    other_rule = RuleFactory(
        system=world.other_system,
        behaviour_class=BehaviourClassFactory(system=world.other_system),
        title="Elsewhere rule of silence",
    )
    Rule.objects.filter(pk=rule.pk).update(title="Respect the Millbrook quiet room")
    rule.refresh_from_db()
    today = today_in(world.system)
    return Records(
        complaint=ComplaintFactory(branch=world.branch, reference="MIL-0001", category=category),
        other_branch_complaint=ComplaintFactory(branch=world.other_branch, reference="OAK-0001"),
        other_system_complaint=ComplaintFactory(branch=world.other_system_branch, reference="ELM-0001"),
        incident=IncidentFactory(branch=world.branch, reported_by=reporter, summary="Shouting at Millbrook"),
        other_branch_incident=IncidentFactory(
            branch=world.other_branch,
            reported_by=world.users["other_branch_supervisor"],
            summary="Oakton door",
        ),
        other_system_incident=IncidentFactory(
            branch=world.other_system_branch, reported_by=elsewhere, summary="Elsewhere stairs"
        ),
        exclusion=ExclusionFactory(
            system=world.system,
            person=PersonFactory(system=world.system, name="Casey Hidden"),
            branch=world.branch,
            outcome=Outcome.SUSPENSION,
            start_date=today - timedelta(days=2),
            end_date=today + timedelta(days=27),
            issued_by=world.users["administrator"],
            rules=[rule],
        ),
        other_system_exclusion=ExclusionFactory(
            system=world.other_system,
            person=PersonFactory(system=world.other_system, name="Jordan Faraway"),
            branch=world.other_system_branch,
            outcome=Outcome.SUSPENSION,
            start_date=today - timedelta(days=2),
            end_date=today + timedelta(days=27),
            issued_by=elsewhere,
            rules=[other_rule],
        ),
        policy=PolicyFactory(system=world.system, title="Computer time"),
        other_system_policy=PolicyFactory(system=world.other_system, title="Elsewhere food and drink"),
        rule=rule,
        other_system_rule=other_rule,
        category=category,
        resource=ResourceFactory(system=world.system, organisation="Harbor Food Pantry"),
        other_system_resource=ResourceFactory(system=world.other_system, organisation="Elsewhere Shelter"),
    )
