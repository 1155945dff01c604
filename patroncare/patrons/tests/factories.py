import factory

from patroncare.patrons.models import Person


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    system = factory.SubFactory("patroncare.libraries.tests.factories.LibrarySystemFactory")
    card_number = factory.Sequence(lambda n: f"2100{n:06d}")
    description = "Grey hooded jacket, red backpack"
