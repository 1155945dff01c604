"""Form rendering shared by every page: errors tied to their fields, announced by assistive technology."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.forms import Textarea
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext

from patroncare.core.languages import language_codes, main_language, writing_main_language


class AccessibleBoundField(BoundField):
    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        if isinstance(widget, Textarea) and widget.attrs.get("maxlength"):
            # A browser's maxlength cuts a pasted letter without a word; the limit is shown as a counter
            # instead, and the server refuses text over it with a message, keeping what was typed.
            attrs["data-limit"] = widget.attrs["maxlength"]
            attrs["maxlength"] = False
        if self.errors and self.auto_id:
            attrs["aria-invalid"] = "true"
            described = attrs.get("aria-describedby", "")
            if not described and self.help_text and self.use_fieldset:
                described = f"{self.auto_id}_helptext"
            attrs["aria-describedby"] = f"{self.auto_id}_error {described}".strip()
        return attrs


class PatronCareFormRenderer(TemplatesSetting):
    field_template_name = "components/field.html"
    bound_field_class = AccessibleBoundField


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's refusal on the form: on the field it names, else at the top (what was typed stays)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class LanguageVersionsMixin:
    """A form that edits what the library writes in every language, the versions side by side.

    `versioned_fields` names the fields registered with modeltranslation (`title`). The form holds one field
    per language: `title_en`, `title_es`, ... or, in older forms, the plain `title` for the main language's
    version. The main version is required where the model requires the field; the others may come later
    (pages show the main one meanwhile, marked with its `lang`). Each input carries the `lang` of its version,
    so spelling checkers and screen readers treat it rightly. On a model form, the plain name always means
    the main language's version, whatever the language of the page (its value is read and written so).
    Render the pairs with `{% include "components/language_versions.html" %}`.
    """

    versioned_fields: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        names = dict(settings.LANGUAGES)
        main = main_language()
        model = self._meta.model if hasattr(self, "_meta") else None
        instance = getattr(self, "instance", None)
        for base in self.versioned_fields:
            model_field = model._meta.get_field(base) if model else None
            for code in names:
                name = self._version_name(base, code)
                if name is None:
                    continue
                field = self.fields[name]
                field.widget.attrs["lang"] = code
                if model_field is not None:
                    field.label = gettext("%(field)s (%(language)s)") % {
                        "field": str(model_field.verbose_name).capitalize(),
                        "language": str(names[code]),
                    }
                    if name != base:
                        field.required = code == main and not model_field.blank
                if instance is not None and instance.pk and not self.is_bound:
                    self.initial[name] = getattr(instance, f"{base}_{code}", None) or ""

    def _version_name(self, base: str, code: str) -> str | None:
        for name in (f"{base}_{code}", base if code == main_language() else None):
            if name and name in self.fields:
                return name
        return None

    def _post_clean(self):
        with writing_main_language():
            super()._post_clean()

    def language_version_rows(self):
        """[(field name, [bound field per language])] in the order of `versioned_fields`."""
        rows = []
        for base in self.versioned_fields:
            names = [self._version_name(base, code) for code in language_codes()]
            rows.append((base, [self[name] for name in names if name]))
        return rows

    def other_visible_fields(self):
        versioned = {
            self._version_name(base, code) for base in self.versioned_fields for code in language_codes()
        }
        return [field for field in self.visible_fields() if field.name not in versioned]


def https_by_default(db_field, **kwargs):
    """A model form's field for `db_field`, where a web address typed without a scheme is read as https://.

    Django 6 makes https the default; saying so now keeps the behaviour the same across the upgrade (and
    silences its RemovedInDjango60Warning). Set as `Meta.formfield_callback` of model forms with URL fields.
    """
    from django.db import models

    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return db_field.formfield(**kwargs)
