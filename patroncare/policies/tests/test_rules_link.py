"""Rules of conduct carry out policies; playbooks list the rules they involve."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from patroncare.conduct.tests.factories import RuleFactory
from patroncare.guidance import services as guidance_services
from patroncare.guidance.tests.factories import PlaybookTextFactory
from patroncare.policies import services
from patroncare.policies.tests.factories import PolicyFactory

pytestmark = pytest.mark.django_db


def test_an_administrator_links_rules_to_a_policy_and_it_is_audited(signed_in, world):
    policy = PolicyFactory(system=world.system, title="Safety and behaviour")
    threats = RuleFactory(system=world.system, code="8", title="Threats")
    violence = RuleFactory(system=world.system, code="9", title="Violence")
    client = signed_in(world.users["administrator"])
    response = client.post(reverse("policies:rules", args=[policy.pk]), {"rules": [threats.pk, violence.pk]})
    assert response.status_code == 302
    assert set(policy.rules.all()) == {threats, violence}
    page = client.get(reverse("policies:detail", args=[policy.pk])).content.decode()
    assert "8. Threats" in page and "9. Violence" in page


def test_a_rule_of_another_system_cannot_be_linked(world):
    policy = PolicyFactory(system=world.system)
    foreign = RuleFactory(system=world.other_system)
    with pytest.raises(ValidationError):
        services.policy_rules_set(actor=world.users["administrator"], policy=policy, rules=[foreign])
    assert not policy.rules.exists()


@pytest.mark.parametrize(
    ("role", "status"),
    [("frontline", 403), ("supervisor", 403), ("trustee", 403), ("other_system_admin", 404)],
)
def test_only_policy_editors_of_the_system_link_rules_and_nothing_changes(signed_in, world, role, status):
    policy = PolicyFactory(system=world.system)
    rule = RuleFactory(system=world.system)
    response = signed_in(world.users[role]).post(
        reverse("policies:rules", args=[policy.pk]), {"rules": [rule.pk]}
    )
    assert response.status_code == status
    assert not policy.rules.exists()


def test_a_playbook_lists_its_rules_of_conduct_on_the_page_and_the_card(signed_in, world):
    text = PlaybookTextFactory(playbook__system=world.system)
    rule = RuleFactory(system=world.system, code="8", title="Threats")
    guidance_services.playbook_settings_update(
        actor=world.users["administrator"],
        playbook=text.playbook,
        expected_version=1,
        on_desk=False,
        order=1,
        is_active=True,
        related_policies=[],
        related_rules=[rule],
    )
    page = signed_in(world.users["frontline"]).get(reverse("guidance:playbook", args=[text.playbook.slug]))
    assert "8. Threats" in page.content.decode()


def test_a_playbook_cannot_list_a_rule_of_another_system(world):
    text = PlaybookTextFactory(playbook__system=world.system)
    with pytest.raises(PermissionDenied):
        guidance_services.playbook_settings_update(
            actor=world.users["administrator"],
            playbook=text.playbook,
            expected_version=1,
            on_desk=False,
            order=1,
            is_active=True,
            related_policies=[],
            related_rules=[RuleFactory(system=world.other_system)],
        )
    assert not text.playbook.related_rules.exists()


def test_the_linked_rules_and_their_classes_cost_the_same_queries_however_many(signed_in, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from patroncare.conduct.tests.factories import BehaviourClassFactory

    policy = PolicyFactory(system=world.system)
    client = signed_in(world.users["administrator"])
    url = reverse("policies:detail", args=[policy.pk])

    def queries_with(count):
        rules = [
            RuleFactory(
                system=world.system, behaviour_class=BehaviourClassFactory(system=world.system, rank=n + 1)
            )
            for n in range(policy.rules.count(), count)
        ]
        policy.rules.add(*rules)
        with CaptureQueriesContext(connection) as captured:
            page = client.get(url)
        assert page.status_code == 200
        return len(captured)

    assert queries_with(1) == queries_with(6)
