"""The playbooks list the library's matching resources and its crisis line; an incident's follow-up can count
a referral offered."""

import pytest
from django.urls import reverse

from patroncare.guidance.tests.factories import PlaybookFactory, PlaybookTextFactory
from patroncare.incidents import services as incident_services
from patroncare.incidents.tests.factories import FollowUpFactory, IncidentFactory
from patroncare.referrals import services
from patroncare.referrals.models import Referral

from .factories import CategoryFactory, ResourceFactory

pytestmark = pytest.mark.django_db


def test_the_crisis_playbook_lists_matching_resources_and_the_crisis_line(signed_in, world):
    playbook = PlaybookFactory(system=world.system, slug="mental-health-crisis")
    PlaybookTextFactory(playbook=playbook, title="Someone in crisis")
    crisis = CategoryFactory(system=world.system, slug="crisis", playbook_slugs="mental-health-crisis")
    food = CategoryFactory(system=world.system, slug="food", playbook_slugs="")
    ResourceFactory(system=world.system, name_en="Mobile crisis team", categories=[crisis])
    ResourceFactory(system=world.system, name_en="Pantry", categories=[food])
    ResourceFactory(system=world.other_system, name_en="Elsewhere crisis team")
    services.settings_update(
        actor=world.users["administrator"],
        system=world.system,
        crisis_line_name_en="988 Lifeline",
        crisis_line_phone="988",
    )
    content = (
        signed_in(world.users["frontline"])
        .get(reverse("guidance:playbook", args=["mental-health-crisis"]))
        .content.decode()
    )
    assert "Mobile crisis team" in content
    assert "988 Lifeline" in content
    assert "Pantry" not in content
    assert "Elsewhere crisis team" not in content


def test_a_follow_up_done_with_a_referral_offered_counts_it_against_the_incident(world):
    incident = IncidentFactory(system=world.system, branch=world.branch)
    follow_up = FollowUpFactory(incident=incident)
    need = CategoryFactory(system=world.system, slug="shelter")
    incident_services.follow_up_complete(
        actor=world.users["supervisor"],
        follow_up=follow_up,
        note="Gave the shelter's number.",
        expected_version=follow_up.version,
        referral_need=need,
    )
    referral = Referral.objects.get()
    assert (referral.incident_id, referral.branch, referral.need, referral.resource) == (
        incident.pk,
        world.branch,
        need,
        None,
    )
