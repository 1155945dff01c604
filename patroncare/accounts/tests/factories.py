import factory
from django_otp.plugins.otp_totp.models import TOTPDevice

from patroncare.accounts.models import RoleAssignment, User
from patroncare.libraries.tests.factories import LibrarySystemFactory

PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"staff{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Staff Member {n}")
    library_system = factory.SubFactory(LibrarySystemFactory)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        """roles=[(role, branch or None), ...]"""
        for role, branch in extracted or []:
            RoleAssignment.objects.create(user=self, role=role, branch=branch)
        if create:
            self.save()


class TOTPDeviceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TOTPDevice

    user = factory.SubFactory(UserFactory)
    name = "Phone"
    confirmed = True
