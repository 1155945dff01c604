import factory

from patroncare.guidance.models import Playbook, PlaybookText
from patroncare.libraries.tests.factories import LibrarySystemFactory


class PlaybookFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Playbook

    system = factory.SubFactory(LibrarySystemFactory)
    slug = factory.Sequence(lambda n: f"playbook-{n}")


class PlaybookTextFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlaybookText

    playbook = factory.SubFactory(PlaybookFactory)
    language = "en"
    title = factory.Sequence(lambda n: f"Hard moment {n}")
    summary = "Stay calm."
    steps = "1. Breathe.\n2. Listen."
    words_to_use = '- "I can help."'
    avoid = "- Arguing."
    when_to_call = "- A supervisor."
