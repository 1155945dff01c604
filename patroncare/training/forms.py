from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from patroncare.core.concurrency import VersionFormMixin

MAX_UPLOAD_BYTES = 200 * 1024


class ChoiceForm(forms.Form):
    """The responses at one step, as a radio group: arrow keys move, Enter or the button answers."""

    step = forms.CharField(widget=forms.HiddenInput)
    choice = forms.TypedChoiceField(
        label=_("Your response"),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Pick one of the responses.")},
    )

    def __init__(self, *args, step=None, **kwargs):
        super().__init__(*args, **kwargs)
        if step is not None:
            self.fields["choice"].choices = [(i, c.text) for i, c in enumerate(step.choices)]
            self.initial.setdefault("step", step.id)


class GroupChoiceForm(ChoiceForm):
    notes = forms.CharField(
        label=_("Discussion notes"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the group said: the options weighed, what they would say."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["choice"].label = _("The group's choice")
        self.fields["choice"].error_messages["required"] = _("Pick the response the group chose.")


class ScenarioTextForm(forms.Form):
    source = forms.CharField(
        label=_("Scenario text"),
        widget=forms.Textarea(attrs={"rows": 30, "spellcheck": "true"}),
        help_text=_("The plain-text format described in the authoring guide."),
    )


class DraftEditForm(VersionFormMixin, ScenarioTextForm):
    pass


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Scenario file (.toml)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is too large: a scenario file is at most 200 KB."))
        if not upload.name.lower().endswith(".toml"):
            raise forms.ValidationError(_("Choose a .toml scenario file."))
        raw = upload.read()
        if b"\x00" in raw:
            raise forms.ValidationError(_("This is not a text file."))
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise forms.ValidationError(_("The file must be UTF-8 text.")) from error


class PublishForm(forms.Form):
    reviewed = forms.BooleanField(
        label=_(
            "I reviewed this draft: no names, card numbers, dates, places or other details identify anyone."
        ),
        required=False,
    )


def _lines(value: str) -> list[str]:
    return [line.strip() for line in value.splitlines() if line.strip()]


class CaseDraftForm(forms.Form):
    title = forms.CharField(label=_("Working title"), max_length=200)
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    narrative = forms.CharField(
        label=_("What happened (the case narrative)"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    names = forms.CharField(
        label=_("Names of people in the case, one per line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    card_numbers = forms.CharField(
        label=_("Card numbers, one per line"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    places = forms.CharField(
        label=_("Places (branches, streets, businesses), one per line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def lists(self) -> dict:
        return {key: _lines(self.cleaned_data[key]) for key in ("names", "card_numbers", "places")}


class AssignmentForm(forms.Form):
    assignee = forms.ModelChoiceField(label=_("Person"), queryset=None)
    scenario = forms.ChoiceField(label=_("Scenario"))
    due_date = forms.DateField(label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, people, versions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = people
        self.versions = {str(v.scenario_id): v for v in versions}
        self.fields["scenario"].choices = [("", "—")] + [
            (str(v.scenario_id), f"{v.title} ({v.scenario.get_language_display()})") for v in versions
        ]

    def clean_scenario(self):
        return self.versions[self.cleaned_data["scenario"]].scenario


class SessionForm(forms.Form):
    version = forms.ChoiceField(label=_("Scenario"))
    branch = forms.ModelChoiceField(label=_("Branch"), queryset=None, required=False)
    attendees = forms.ModelMultipleChoiceField(
        label=_("Attendees"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, versions, branches, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.versions = {str(v.pk): v for v in versions}
        self.fields["version"].choices = [("", "—")] + [
            (str(v.pk), f"{v.title} ({v.scenario.get_language_display()})") for v in versions
        ]
        self.fields["branch"].queryset = branches
        self.fields["attendees"].queryset = people

    def clean_version(self):
        return self.versions[self.cleaned_data["version"]]


class AttendeesForm(forms.Form):
    attendees = forms.ModelMultipleChoiceField(
        label=_("Attendees"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = people


class SummaryForm(forms.Form):
    summary = forms.CharField(
        label=_("Summary of the session"),
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What the group learned, what it would do differently, any follow-up."),
    )
