from datetime import time

import factory

from patroncare.libraries.tests.factories import LibrarySystemFactory
from patroncare.referrals.models import Category, Hours, Resource


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    system = factory.SubFactory(LibrarySystemFactory)
    slug = factory.Sequence(lambda n: f"need-{n}")
    name_en = factory.Sequence(lambda n: f"Need {n}")
    name_es = factory.Sequence(lambda n: f"Necesidad {n}")


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource
        skip_postgeneration_save = True

    system = factory.SubFactory(LibrarySystemFactory)
    organisation = factory.Sequence(lambda n: f"Community Organisation {n}")
    name_en = factory.Sequence(lambda n: f"Service {n}")
    name_es = factory.Sequence(lambda n: f"Servicio {n}")
    phone = "555-0100"
    languages = "en,es"

    @factory.post_generation
    def categories(self, create, extracted, **kwargs):
        if create and extracted:
            self.categories.set(extracted)


class HoursFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Hours

    resource = factory.SubFactory(ResourceFactory)
    weekday = 0
    opens = time(9)
    closes = time(17)
