import factory
from django.utils import timezone

from patroncare.conduct.models import Exclusion, LadderStep, Outcome, Rule, Tier


class RuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Rule

    system = factory.SubFactory("patroncare.libraries.tests.factories.LibrarySystemFactory")
    code = factory.Sequence(lambda n: f"R{n}")
    title = "Respectful conduct"
    text = "Do not harass, insult or use slurs toward anyone."
    tier = Tier.SERIOUS


class LadderStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LadderStep

    tier = Tier.SERIOUS
    offence_from = 1
    offence_to = 1
    lookback_days = 365
    outcome = Outcome.WARNING


class ExclusionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Exclusion
        skip_postgeneration_save = True

    outcome = Outcome.SUSPENSION
    issued_at = factory.LazyFunction(timezone.now)
    recommended_outcome = Outcome.SUSPENSION
    recommendation = "Second serious violation in 12 months: 30 days"

    @factory.post_generation
    def incidents(self, create, extracted, **kwargs):
        if extracted:
            self.incidents.set(extracted)

    @factory.post_generation
    def rules(self, create, extracted, **kwargs):
        if extracted:
            self.rules.set(extracted)
