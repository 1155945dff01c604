"""What each kind of import says about itself: its fields, which of them a person must map, the library's
values its free text is matched to, how a row becomes a record (by the owning app's service) and how an
import is undone (refused once something was built on its records)."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Importer:
    fields: tuple[str, ...]
    required: tuple[str, ...]
    labels: dict  # field -> its name for people (lazy text)
    choices: Callable  # (system) -> {field: {key: label}} for the matched fields
    make: Callable  # (*, actor, row) -> (object id, flagged by the writing help)
    undo: Callable  # (*, system, ids) -> None, raising ValidationError when built on
    multiple: frozenset = field(default_factory=frozenset)  # fields with several values in one cell
    defaults: tuple[str, ...] = ()  # the defaults a person may give for the whole file


def refuse_built_on(built_on: bool) -> None:
    if built_on:
        raise ValidationError(
            _("Records of this import were changed or used since; it can no longer be undone.")
        )


def split_values(text: str) -> list[str]:
    return [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]
