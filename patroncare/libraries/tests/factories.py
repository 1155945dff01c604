from datetime import time

import factory

from patroncare.libraries.models import (
    Branch,
    Closure,
    Holiday,
    LibrarySystem,
    Location,
    LocationKind,
    OpeningHours,
)


class LibrarySystemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LibrarySystem

    name = factory.Sequence(lambda n: f"Test County Library {n}")
    slug = factory.Sequence(lambda n: f"test-county-{n}")
    time_zone = "America/Chicago"


class BranchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Branch

    system = factory.SubFactory(LibrarySystemFactory)
    name = factory.Sequence(lambda n: f"Branch {n}")
    code = factory.Sequence(lambda n: f"B{n}")


class OpeningHoursFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpeningHours

    branch = factory.SubFactory(BranchFactory)
    weekday = 0
    opens = time(9)
    closes = time(17)


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location

    branch = factory.SubFactory(BranchFactory)
    name = factory.Sequence(lambda n: f"Room {n}")
    kind = LocationKind.STACKS


class HolidayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Holiday

    system = factory.SubFactory(LibrarySystemFactory)
    name = "Holiday"


class ClosureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Closure

    branch = factory.SubFactory(BranchFactory)
    reason = "Repairs"
