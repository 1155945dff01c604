"""The kinds of message staff receive. Each app registers its own; a person chooses, per kind, to be told at
once or in one daily digest. Kinds that must never wait (a critical case) are always immediate."""

from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class NotificationKind:
    key: str
    label: str | Promise
    always_immediate: bool = False
    order: int = 100


KINDS: dict[str, NotificationKind] = {}


def register_kind(*kinds: NotificationKind) -> None:
    for kind in kinds:
        KINDS[kind.key] = kind


def kinds_in_order() -> list[NotificationKind]:
    return sorted(KINDS.values(), key=lambda kind: (kind.order, kind.key))
