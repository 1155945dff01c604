from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from patroncare.core.concurrency import VersionFormMixin

from .models import Person, RightsRequestKind, RightsRequestOutcome
from .services import MERGED_FIELDS


class PersonSearchForm(forms.Form):
    q = forms.CharField(label=_("Card number, name or e-mail"), max_length=150, required=False, strip=True)


class PersonCorrectForm(VersionFormMixin, forms.ModelForm):
    """An administrator's correction of a person's details, at a patron's request."""

    class Meta:
        model = Person
        fields = ["card_number", "name", "email", "phone", "language", "description", "is_minor"]


class MergeForm(forms.Form):
    """For each detail the two records hold differently, which one to keep."""

    kept_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    other_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, kept: Person, other: Person, **kwargs):
        super().__init__(*args, **kwargs)
        self.differing = [
            name
            for name in MERGED_FIELDS
            if _shown(kept, name) != _shown(other, name) and _shown(other, name)
        ]
        if not self.is_bound:
            self.initial.update(kept_version=kept.version, other_version=other.version)
        for name in self.differing:
            label = Person._meta.get_field(name).verbose_name
            self.fields[f"keep_{name}"] = forms.ChoiceField(
                label=label,
                widget=forms.RadioSelect,
                choices=[("kept", _shown(kept, name) or _("(empty)")), ("other", _shown(other, name))],
                initial="kept",
                # Nothing chosen keeps the kept record's value, as the page preselects it.
                required=False,
            )

    def from_other(self) -> list[str]:
        return [name for name in self.differing if self.cleaned_data.get(f"keep_{name}") == "other"]


def _shown(person: Person, name: str) -> str:
    value = getattr(person, name)
    if name == "photo":
        return _("A photo") if value else ""
    if name == "is_minor":
        return _("Under 18") if value else _("Not under 18")
    if name == "language":
        return dict(settings.LANGUAGES).get(value, "")
    return str(value or "")


class RightsRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of request"), choices=RightsRequestKind.choices)
    received_on = forms.DateField(label=_("Received on"), widget=forms.DateInput(attrs={"type": "date"}))
    person = forms.IntegerField(
        label=_("Person's record number"),
        required=False,
        min_value=1,
        help_text=_("As shown on the person's page. Leave empty if the library holds no record of them."),
    )


class RightsRequestHandleForm(forms.Form):
    handled_on = forms.DateField(label=_("Handled on"), widget=forms.DateInput(attrs={"type": "date"}))
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[choice for choice in RightsRequestOutcome.choices if choice[0]],
    )
    outcome_note = forms.CharField(label=_("What was done"), max_length=500, required=False)
