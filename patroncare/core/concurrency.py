"""Optimistic locking: two people editing one record never silently overwrite each other.

A model with a `version` field is saved through `save_if_unchanged`, which writes only if the row still has
the version the editor started from, and bumps it. The form carries that version in a hidden field.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from patroncare.core.languages import localized_names

STALE_EDIT_MESSAGE = _(
    "Someone else saved this record while you were editing it. Your changes were not saved: they are still "
    "in the form below. Open the record in a new tab to see the other changes, then save again."
)


class StaleEditError(ValidationError):
    def __init__(self):
        super().__init__(STALE_EDIT_MESSAGE, code="stale")


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
    queryset = type(instance)._default_manager.filter(pk=instance.pk, version=expected_version)
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
