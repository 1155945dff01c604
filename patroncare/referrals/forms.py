import re
from datetime import time

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from patroncare.core.concurrency import VersionFormMixin
from patroncare.core.forms import https_by_default
from patroncare.libraries.models import WEEKDAY_NAMES

from .models import LANGUAGE_CODE_VALIDATOR, Resource

# The languages a slip is printed in: the interface languages.
SLIP_LANGUAGES = [("en", "English"), ("es", "Español")]
SLUG = re.compile(r"^[-a-z0-9_]{1,60}$")
MAX_PACKAGE_BYTES = 5 * 1024 * 1024


class NeedField(forms.ChoiceField):
    """A need's short name: one this library does not have finds nothing, rather than an error."""

    def valid_value(self, value) -> bool:
        return bool(SLUG.match(str(value)))


class HelpFilterForm(forms.Form):
    need = NeedField(label=_("Need"), required=False)
    language = forms.CharField(
        label=_("Language spoken"),
        required=False,
        max_length=12,
        validators=[LANGUAGE_CODE_VALIDATOR],
        help_text=_("A language code, for example es or vi."),
    )
    open_now = forms.BooleanField(label=_("Open now"), required=False)

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["need"].choices = [("", _("Any need"))] + [(c.slug, c.name) for c in categories]


class ReferralForm(forms.Form):
    need = forms.ChoiceField(label=_("Need"))
    branch = forms.ChoiceField(label=_("Branch"))
    language = forms.CharField(
        label=_("Language of the person helped"), max_length=12, validators=[LANGUAGE_CODE_VALIDATOR]
    )

    def __init__(self, *args, needs, branches, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["need"].choices = [(c.pk, c.name) for c in needs]
        self.fields["branch"].choices = [(b.pk, b.name) for b in branches]


class ResourceForm(VersionFormMixin, forms.ModelForm):
    """Both language versions side by side; the opening hours as one range per weekday."""

    class Meta:
        model = Resource
        formfield_callback = https_by_default
        fields = [
            "organisation",
            "name_en",
            "name_es",
            "categories",
            "description_en",
            "description_es",
            "address",
            "area_served",
            "phone",
            "text_line",
            "website",
            "languages",
            "hours_note_en",
            "hours_note_es",
            "eligibility_en",
            "eligibility_es",
            "cost_en",
            "cost_es",
            "getting_there_en",
            "getting_there_es",
            "accessibility_en",
            "accessibility_es",
            "staff_notes",
            "verify_every_months",
            "owner",
            "is_active",
        ]
        widgets = {
            "categories": forms.CheckboxSelectMultiple,
            **{
                name: forms.Textarea(attrs={"rows": 3})
                for name in [
                    "description_en",
                    "description_es",
                    "eligibility_en",
                    "eligibility_es",
                    "getting_there_en",
                    "getting_there_es",
                    "accessibility_en",
                    "accessibility_es",
                    "staff_notes",
                ]
            },
        }

    def __init__(self, *args, categories, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["categories"].queryset = categories
        self.fields["owner"].queryset = owners
        self.fields["name_en"].required = True
        for name in (
            "name",
            "description",
            "hours_note",
            "eligibility",
            "cost",
            "getting_there",
            "accessibility",
        ):
            base = Resource._meta.get_field(name).verbose_name
            self.fields[f"{name}_en"].label = _("%(field)s (English)") % {"field": base}
            self.fields[f"{name}_es"].label = _("%(field)s (Spanish)") % {"field": base}
        hours = {}
        if self.instance.pk:
            for row in self.instance.hours.all():
                hours.setdefault(row.weekday, row)
            if not self.is_bound:
                self.initial["version"] = self.instance.version
        for weekday, day in enumerate(WEEKDAY_NAMES):
            row = hours.get(weekday)
            self.fields[f"opens_{weekday}"] = forms.TimeField(
                label=_("%(day)s: opens") % {"day": day},
                required=False,
                initial=row.opens if row else None,
                widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            )
            self.fields[f"closes_{weekday}"] = forms.TimeField(
                label=_("%(day)s: closes") % {"day": day},
                required=False,
                initial=row.closes if row else None,
                widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            )

    @property
    def hours_fields(self):
        return [(self[f"opens_{d}"], self[f"closes_{d}"]) for d in range(7)]

    def clean(self):
        cleaned = super().clean()
        hours = []
        for weekday in range(7):
            opens, closes = cleaned.get(f"opens_{weekday}"), cleaned.get(f"closes_{weekday}")
            if opens is None and closes is None:
                continue
            if opens is None or closes is None:
                self.add_error(
                    f"opens_{weekday}", _("Give both the opening and the closing time, or neither.")
                )
                continue
            if opens == closes and opens != time(0):
                self.add_error(
                    f"closes_{weekday}",
                    _("Opening and closing at the same time is not open. For all day, use 00:00 and 00:00."),
                )
                continue
            hours.append((weekday, opens, closes))
        cleaned["hours"] = hours
        return cleaned

    def validate_unique(self):
        """The service saves; the HSDS id is unique in the database."""

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name != "categories"}


class SettingsForm(forms.Form):
    crisis_line_name_en = forms.CharField(
        label=_("Crisis line (English name)"), max_length=120, required=False
    )
    crisis_line_name_es = forms.CharField(
        label=_("Crisis line (Spanish name)"), max_length=120, required=False
    )
    crisis_line_phone = forms.CharField(label=_("Crisis line number"), max_length=40, required=False)
    crisis_line_text = forms.CharField(label=_("Crisis text line"), max_length=40, required=False)


class PackageForm(forms.Form):
    package = forms.FileField(
        label=_("HSDS datapackage (.zip)"),
        help_text=_("A zip file with datapackage.json and the CSV files, at most 5 MB."),
    )

    def clean_package(self):
        upload = self.cleaned_data["package"]
        if upload.size > MAX_PACKAGE_BYTES:
            raise ValidationError(_("The file is larger than 5 MB."))
        head = upload.read(4)
        upload.seek(0)
        if head != b"PK\x03\x04":
            raise ValidationError(_("This is not a zip file. Upload the datapackage as a .zip."))
        return upload
