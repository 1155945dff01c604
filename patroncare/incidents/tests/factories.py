from datetime import timedelta

import factory
from django.utils import timezone

from patroncare.accounts.tests.factories import UserFactory
from patroncare.incidents.models import (
    AlertReceipt,
    FollowUp,
    Incident,
    IncidentBehaviour,
    Involvement,
    InvolvementRole,
    Level,
)
from patroncare.libraries.tests.factories import BranchFactory


class IncidentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Incident
        skip_postgeneration_save = True

    branch = factory.SubFactory(BranchFactory)
    system = factory.SelfAttribute("branch.system")
    occurred_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))
    level = Level.DISRUPTIVE
    summary = "Shouted at a patron at the computers"
    narrative = "He raised his voice and said 'get off my computer' twice, then left when asked."
    reported_by = factory.SubFactory(UserFactory, library_system=factory.SelfAttribute("..system"))

    @factory.post_generation
    def behaviours(self, create, extracted, **kwargs):
        for behaviour in extracted or ["abusive_language"]:
            IncidentBehaviour.objects.create(incident=self, behaviour=behaviour)

    @factory.post_generation
    def rules(self, create, extracted, **kwargs):
        if extracted:
            self.rules.set(extracted)

    @factory.post_generation
    def subject(self, create, extracted, **kwargs):
        if extracted:
            Involvement.objects.create(incident=self, role=InvolvementRole.SUBJECT, person=extracted)


class FollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUp

    incident = factory.SubFactory(IncidentFactory)
    description = factory.Sequence(lambda n: f"Ask for the camera footage ({n})")
    created_by = factory.SelfAttribute("incident.reported_by")


class AlertReceiptFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AlertReceipt

    incident = factory.SubFactory(IncidentFactory, level=Level.DANGEROUS, behaviours=["threats"])
    recipient = factory.SubFactory(UserFactory, library_system=factory.SelfAttribute("..incident.system"))
