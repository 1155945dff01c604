import factory
from django.utils import timezone

from patroncare.conduct.models import Exclusion
from patroncare.rulebook.models import BehaviourClass, LadderStep, Outcome, Rule


class BehaviourClassFactory(factory.django.DjangoModelFactory):
    """The system's class of that rank, made once: rules and rows of one system share their classes."""

    class Meta:
        model = BehaviourClass
        django_get_or_create = ("system", "rank")

    system = factory.SubFactory("patroncare.libraries.tests.factories.LibrarySystemFactory")
    rank = 2
    name = factory.LazyAttribute(lambda o: f"Tier {o.rank}")
    in_sentence = factory.LazyAttribute(lambda o: {1: "minor", 2: "serious", 3: "severe"}.get(o.rank, ""))


class RuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Rule

    system = factory.SubFactory("patroncare.libraries.tests.factories.LibrarySystemFactory")
    code = factory.Sequence(lambda n: f"R{n}")
    title = "Respectful conduct"
    text = "Do not harass, insult or use slurs toward anyone."
    behaviour_class = factory.SubFactory(BehaviourClassFactory, system=factory.SelfAttribute("..system"))


class LadderStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LadderStep

    behaviour_class = factory.SubFactory(BehaviourClassFactory, system=factory.SelfAttribute("..system"))
    offence_from = 1
    offence_to = 1
    lookback_number = 12
    lookback_unit = "months"
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
