from datetime import timedelta

import factory
from django.utils import timezone

from patroncare.accounts.tests.factories import UserFactory
from patroncare.libraries.tests.factories import BranchFactory, LibrarySystemFactory
from patroncare.policies.models import (
    EntryKind,
    EntryStatus,
    ExceptionEntry,
    Flexibility,
    Policy,
    PolicyArea,
    PolicyReview,
    PolicyVersion,
    ReviewTrigger,
)


class PolicyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Policy
        skip_postgeneration_save = True

    system = factory.SubFactory(LibrarySystemFactory)
    title = factory.Sequence(lambda n: f"Policy {n}")
    area = PolicyArea.BORROWING
    flexibility = Flexibility.FLEXIBLE
    body = "Two hours a day on the **public computers**."
    alternatives = "- A laptop loan."
    next_review_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=365))

    @factory.post_generation
    def first_version(self, create, extracted, **kwargs):
        if create:
            PolicyVersion.objects.create(
                policy=self,
                number=1,
                title=self.title,
                body=self.body,
                flexibility=self.flexibility,
                change_summary="First version",
                published_at=timezone.now(),
            )


class ExceptionEntryFactory(factory.django.DjangoModelFactory):
    """A decided entry written straight to the table (for selector tests on known data)."""

    class Meta:
        model = ExceptionEntry

    policy = factory.SubFactory(PolicyFactory)
    system = factory.LazyAttribute(lambda o: o.policy.system)
    branch = factory.SubFactory(BranchFactory, system=factory.SelfAttribute("..policy.system"))
    flexibility = factory.LazyAttribute(lambda o: o.policy.flexibility)
    kind = EntryKind.ENFORCED
    status = EntryStatus.RECORDED
    occurred_on = factory.LazyFunction(timezone.localdate)
    asked = "More computer time."
    granted = factory.LazyAttribute(lambda o: "Thirty minutes." if o.kind == EntryKind.EXCEPTION else "")
    reason = "No one was waiting."
    told_patron = "Told it was a one-off."
    recorded_by = factory.SubFactory(UserFactory, library_system=factory.SelfAttribute("..policy.system"))
    recorded_at = factory.LazyFunction(timezone.now)


class PolicyReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PolicyReview

    policy = factory.SubFactory(PolicyFactory)
    trigger = ReviewTrigger.CYCLE
    opened_at = factory.LazyFunction(timezone.now)
