"""Riverbend's sign-on mapping: the groups of its (fictional) Microsoft Entra ID tenant and Active Directory
that give PatronCare roles. No provider is configured in the demo, so nobody signs in with them; the settings
page shows an administrator what a mapping looks like."""

from patroncare.accounts.models import Role

from .models import RoleMapping, Source

MAPPINGS = [
    (Source.OIDC, "PatronCare - Central desk", Role.FRONTLINE, "CEN"),
    (Source.OIDC, "PatronCare - Central supervisors", Role.SUPERVISOR, "CEN"),
    (Source.OIDC, "PatronCare - Security", Role.SECURITY, None),
    (Source.LDAP, "CN=Library Trustees,OU=Board,DC=riverbend,DC=example", Role.TRUSTEE, None),
]


def load(context) -> None:
    for source, group, role, code in MAPPINGS:
        RoleMapping.objects.get_or_create(
            library_system=context.system,
            source=source,
            group=group,
            role=role,
            branch=context.branches[code] if code else None,
        )
