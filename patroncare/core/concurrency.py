"""Optimistic locking: two people editing one record never silently overwrite each other.

A model with a `version` field is saved through `save_if_unchanged`, which writes only if the row still has
the version the editor started from, and bumps it. The form carries that version in a hidden field.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from patroncare.core.languages import localized_names

STALE_EDIT_MESSAGE = _(
    "Someone else saved this record while you were editing it. Your changes were not saved: they are still "
    "in the form below. Open the record in a new tab to see the other changes, then save again."
)


class StaleEditError(ValidationError):
    """A save from a page opened before a colleague's save; `saved_by` names that colleague when known."""

    def __init__(self, *, saved_by=None):
        message = str(STALE_EDIT_MESSAGE)
        if saved_by is not None:
            message += " " + gettext("The last change was saved by %(name)s.") % {"name": saved_by}
        super().__init__(message, code="stale")


class VersionedModel(models.Model):
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


def save_if_unchanged(instance: VersionedModel, *, expected_version: int, fields: list[str]) -> None:
    """Write `fields` only if the row still has `expected_version`; otherwise raise StaleEditError."""
    instance.full_clean()
    # A field with one version per language is written column by column (core.languages): its plain name
    # would read the page's language, falling back to another version, and write that into the wrong column.
    names = localized_names(type(instance), fields)
    attnames = [instance._meta.get_field(name).attname for name in names]
    values = {attname: instance.__dict__.get(attname, getattr(instance, attname)) for attname in attnames}
    queryset = instance._meta.model._default_manager.filter(pk=instance.pk, version=expected_version)
    if hasattr(queryset, "rewrite"):
        queryset = queryset.rewrite(False)
    updated = queryset.update(version=F("version") + 1, **values)
    if updated != 1:
        raise StaleEditError()
    instance.version = expected_version + 1


class VersionFormMixin(forms.Form):
    """Adds the hidden version the editor started from."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if instance is not None and instance.pk and not self.is_bound:
            self.initial["version"] = instance.version


def save_versioned(instance: VersionedModel, *, expected_version: int | None, fields: list[str]) -> None:
    """Create a settings row no one has saved yet (its form sent version 0), or update it if unchanged.

    Settings pages show defaults until someone saves them. When a colleague saved them first, the row
    exists and has a version other than 0, so the later save is refused like any stale edit.
    """
    if instance.pk is None:
        if expected_version:
            raise StaleEditError()
        instance.full_clean()
        instance.save()
        return
    save_if_unchanged(instance, expected_version=expected_version or 0, fields=fields)


class SettingsVersionFormMixin(forms.Form):
    """The version of a settings row the page started from; 0 when nothing was saved yet."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)
