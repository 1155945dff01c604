import factory

from patroncare.accounts.models import Role
from patroncare.sso import secrets
from patroncare.sso.models import OidcProvider, RoleMapping, Source


class OidcProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OidcProvider

    name = "Riverside staff account"
    name_en = "Riverside staff account"
    name_es = "Cuenta del personal de Riverside"
    issuer = "http://127.0.0.1:9"
    client_id = "patroncare-riverside"
    allowed_domains = "riverside.example"
    enabled = True

    class Params:
        secret = "provider-test-secret-0123456789"

    client_secret_encrypted = factory.LazyAttribute(lambda o: secrets.encrypt(o.secret))


class RoleMappingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleMapping

    source = Source.OIDC
    group = "PatronCare Desk"
    role = Role.FRONTLINE
    branch = None
