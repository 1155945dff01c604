import itertools
import uuid

import factory
from django.utils import timezone

from patroncare.complaints import services
from patroncare.complaints.models import Category, Channel, Complaint
from patroncare.libraries.tests.factories import BranchFactory
from patroncare.patrons.tests.factories import PersonFactory


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("system", "key")

    system = factory.LazyAttribute(lambda o: BranchFactory().system)
    key = factory.Sequence(lambda n: f"category-{n}")
    name = factory.Sequence(lambda n: f"Category {n}")
    name_es = factory.Sequence(lambda n: f"Categoría {n}")


class ComplaintFactory(factory.django.DjangoModelFactory):
    """A case made directly (no service), for selector and view tests that need many cases quickly."""

    class Meta:
        model = Complaint

    branch = factory.SubFactory(BranchFactory)
    system = factory.LazyAttribute(lambda o: o.branch.system)
    reference = factory.Sequence(lambda n: f"TEST-{n:04d}")
    channel = Channel.DESK
    narrative = "The patron was told the wrong closing time and waited outside in the rain."
    received_at = factory.LazyFunction(timezone.now)
    anonymous = False
    patron = factory.LazyAttribute(lambda o: _patron_of(o))

    class Params:
        # The patron's contact is their person's: given here as it is on a form.
        patron_name = "Lena Morales"
        patron_email = "lena.morales@example.net"
        patron_phone = ""


def _patron_of(o):
    if o.anonymous or not (o.patron_name or o.patron_email or o.patron_phone):
        return None
    return PersonFactory(
        system=o.system,
        name=o.patron_name,
        email=o.patron_email,
        phone=o.patron_phone,
        card_number="",
        description="",
    )


def record(*, actor, branch, severity="moderate", **kwargs):
    """A case made through the service, as staff record it."""
    values = {
        "channel": Channel.DESK,
        "narrative": "The patron was charged a fine for a book returned on time.",
        "patron_name": "Lena Morales",
        "patron_email": "lena.morales@example.net",
        "patron_language": "es",
    }
    values.update(kwargs)
    complaint, secret = services.complaint_record(actor=actor, branch=branch, severity=severity, **values)
    return complaint, secret


MESSAGE_NUMBERS = itertools.count(1)


def submit(*, system, branch=None, token=None, **kwargs):
    values = {
        "kind": "complaint",
        # A distinct text each time: the same message again within minutes is taken as a resend.
        "narrative": f"Me acusaron de robar un libro que había devuelto (mensaje {next(MESSAGE_NUMBERS)}).",
        "patron_email": "ana@example.net",
        "patron_language": "es",
    }
    values.update(kwargs)
    return services.complaint_submit_public(
        system=system, branch=branch, submission_token=token or uuid.uuid4(), **values
    )


def respond(world, complaint, *, channel="email"):
    """The supervisor's stage-1 answer upholding the case, with nothing left outstanding."""
    services.complaint_respond(
        actor=world.users["supervisor"],
        complaint=complaint,
        expected_version=complaint.version,
        outcome="upheld",
        reasons="The fine was charged in error.",
        remedies=["apology"],
        remedy_detail="We removed the fine.",
        outstanding=[],
        review_info="Ask for a review from the status page.",
        channel=channel,
    )
    complaint.refresh_from_db()
    return complaint
