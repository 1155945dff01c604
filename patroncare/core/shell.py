"""The application shell: navigation entries and desk sections, contributed by each app's `shell.py`.

An app registers what it adds to the shell; the desk page and the navigation show each user only the
entries their roles allow. Apps never edit the base template to add themselves.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


def _no_roles(user) -> dict:
    return {}


# {role: branch ids} of a user. Core knows no domain: the accounts app supplies this at start-up.
_role_scopes: Callable[..., dict] = _no_roles


def use_role_scopes(source: Callable[..., dict]) -> None:
    global _role_scopes
    _role_scopes = source


def has_any_role(user, roles: Iterable[str]) -> bool:
    scopes = _role_scopes(user)
    return any(role in scopes for role in roles)


@dataclass(frozen=True)
class NavEntry:
    key: str
    label: str | Promise
    url_name: str
    roles: frozenset[str] | None = None  # None: every signed-in member of a library system
    order: int = 100

    def visible_to(self, user) -> bool:
        return self.roles is None or has_any_role(user, self.roles)

    @property
    def url(self) -> str:
        return reverse(self.url_name)


@dataclass(frozen=True)
class DeskItem:
    """One thing that needs the user's attention now."""

    title: str
    url: str = ""
    detail: str = ""
    due_at: datetime | None = None
    overdue: bool = False
    urgent: bool = False


@dataclass(frozen=True)
class DeskSection:
    key: str
    title: str | Promise
    items_for: Callable[[object], list[DeskItem]]
    roles: frozenset[str] | None = None  # None: anyone who holds at least one role
    order: int = 100
    empty_text: str | Promise = ""
    link_url_name: str = ""
    link_label: str | Promise = ""
    link_query: str = ""  # appended to the link, for example "view=triage"
    hide_when_empty: bool = False  # a card that only lists what is left to do disappears when nothing is
    # Called by the desk view as (user, key) when the card is shown with items: the card's app audits a card
    # that names patrons there, as any page showing patron identity is audited.
    on_shown: Callable[[object, str], None] | None = None


@dataclass
class ShellRegistry:
    nav: dict[str, NavEntry] = field(default_factory=dict)
    desk: dict[str, DeskSection] = field(default_factory=dict)


registry = ShellRegistry()


def register_nav(*entries: NavEntry) -> None:
    for entry in entries:
        registry.nav[entry.key] = entry


def register_desk_section(section: DeskSection) -> None:
    registry.desk[section.key] = section


def nav_for(user) -> list[NavEntry]:
    if not getattr(user, "is_authenticated", False):
        return []
    return sorted((e for e in registry.nav.values() if e.visible_to(user)), key=lambda e: (e.order, e.key))


def desk_for(user) -> list[tuple[DeskSection, list[DeskItem]]]:
    if not _role_scopes(user):
        return []
    sections = sorted(registry.desk.values(), key=lambda s: (s.order, s.key))
    shown = []
    for section in sections:
        if section.roles is not None and not has_any_role(user, section.roles):
            continue
        items = section.items_for(user)
        if items or not section.hide_when_empty:
            shown.append((section, items))
    return shown


def roles(*names: Iterable[str]) -> frozenset[str]:
    return frozenset(names)


register_nav(NavEntry(key="desk", label=_("Desk"), url_name="core:desk", order=0))
