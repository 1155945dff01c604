from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from patroncare.core.concurrency import SettingsVersionFormMixin, VersionFormMixin
from patroncare.libraries.models import Branch, Location
from patroncare.rulebook.models import Rule

from .models import (
    BEHAVIOUR_LEVEL,
    ActionKind,
    AlertSettings,
    Behaviour,
    Feeling,
    InvolvementRole,
    Level,
)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data if item]
        return [super().clean(data, initial)] if data else []


def behaviour_choices():
    """Behaviours grouped by their level on the continuum, for the checkboxes."""
    return [
        (str(level.label), [(b.value, b.label) for b in Behaviour if BEHAVIOUR_LEVEL[b] == level])
        for level in Level
    ]


class IncidentForm(forms.Form):
    branch = forms.ModelChoiceField(label=_("Branch"), queryset=Branch.objects.none())
    location = forms.ModelChoiceField(
        label=_("Where in the branch"), queryset=Location.objects.none(), required=False
    )
    occurred_at = forms.DateTimeField(
        label=_("When it happened"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    behaviours = forms.MultipleChoiceField(
        label=_("What you saw and heard"), choices=behaviour_choices, widget=forms.CheckboxSelectMultiple
    )
    summary = forms.CharField(
        label=_("In a few words"),
        max_length=150,
        help_text=_("For example: shouting at a patron at the computers."),
    )
    narrative = forms.CharField(
        label=_("What happened, in order"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What was said and done, as you saw and heard it. Quote words."),
    )
    rules = forms.ModelMultipleChoiceField(
        label=_("Rules of conduct touched"),
        queryset=Rule.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    staff_involved = forms.ModelMultipleChoiceField(
        label=_("Colleagues involved"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("They are offered a debrief and a private well-being check-in, as you are."),
    )
    actions = forms.MultipleChoiceField(
        label=_("What staff did"),
        choices=ActionKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    police_report = forms.CharField(label=_("Police report number"), max_length=40, required=False)
    ems_report = forms.CharField(label=_("EMS report number"), max_length=40, required=False)
    injuries = forms.CharField(label=_("Injuries"), max_length=300, required=False)
    damage = forms.CharField(label=_("Damage"), max_length=300, required=False)
    files = MultipleFileField(
        label=_("Photos or files"), required=False, help_text=_("JPEG, PNG or PDF, up to 5 MB each.")
    )
    follow_ups = forms.CharField(
        label=_("Follow-up tasks"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line. A supervisor assigns them and sets a due date on the incident's page."),
    )

    def __init__(self, *args, user, branches, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["branch"].queryset = branches
        self.fields["location"].queryset = (
            Location.objects.filter(branch__in=branches, is_active=True)
            .select_related("branch")
            .order_by("branch__name", "name")
        )
        self.fields["location"].label_from_instance = lambda loc: f"{loc.branch.name}: {loc.name}"
        from patroncare.accounts.models import User

        self.fields["staff_involved"].queryset = (
            User.objects.filter(
                library_system_id=user.library_system_id,
                is_active=True,
                role_assignments__branch__in=branches,
            )
            .exclude(pk=user.pk)
            .distinct()
            .order_by("full_name")
        )
        self.fields["rules"].queryset = Rule.objects.filter(system_id=user.library_system_id, is_active=True)
        self.fields["occurred_at"].initial = timezone.localtime(
            timezone.now(), user.library_system.zone
        ).replace(second=0, microsecond=0, tzinfo=None)
        if len(branches) == 1:
            self.fields["branch"].initial = branches[0]

    def action_reports(self) -> dict[str, str]:
        numbers = {
            ActionKind.POLICE: self.cleaned_data["police_report"],
            ActionKind.EMS: self.cleaned_data["ems_report"],
        }
        return {kind: numbers.get(kind, "") for kind in self.cleaned_data["actions"]}


class PersonForm(forms.Form):
    role = forms.ChoiceField(
        label=_("Role in the incident"),
        choices=[("", "—")] + [c for c in InvolvementRole.choices if c[0] != InvolvementRole.STAFF],
        required=False,
    )
    card_number = forms.CharField(label=_("Library card number"), max_length=20, required=False)
    name = forms.CharField(label=_("Name, if known"), max_length=150, required=False)
    description = forms.CharField(
        label=_("Appearance and clothing"),
        max_length=300,
        required=False,
        help_text=_("For example: tall, grey hooded jacket, red backpack."),
    )
    is_minor = forms.BooleanField(label=_("Under 18"), required=False)

    def clean(self):
        data = super().clean()
        filled = any(data.get(f) for f in ("card_number", "name", "description"))
        if filled and not data.get("role"):
            self.add_error("role", _("Choose this person's role."))
        if data.get("role") and not filled:
            self.add_error("description", _("Give a card number, a name or a description."))
        return data


PersonFormSet = forms.formset_factory(PersonForm, extra=3, max_num=8)


class DebriefForm(VersionFormMixin):
    held_on = forms.DateField(label=_("Held on"), widget=forms.DateInput(attrs={"type": "date"}))
    notes = forms.CharField(label=_("What we learned and will do"), widget=forms.Textarea(attrs={"rows": 4}))


class CheckInForm(VersionFormMixin):
    feeling = forms.ChoiceField(
        label=_("How are you after this incident?"), choices=Feeling.choices, widget=forms.RadioSelect
    )
    would_like = forms.CharField(
        label=_("Anything you would like (time off, a talk, support)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    share_with = forms.ModelMultipleChoiceField(
        label=_("Share my answers with"),
        required=False,
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Nobody else sees them."),
    )

    def __init__(self, *args, colleagues, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["share_with"].queryset = colleagues


def naive_local(value: datetime, zone) -> datetime:
    return timezone.make_aware(value.replace(tzinfo=None), zone) if timezone.is_naive(value) else value


class AssigneeField(forms.ModelChoiceField):
    default_error_messages = {
        "invalid_choice": _("Choose someone who works at this branch or across the whole library system.")
    }

    def label_from_instance(self, obj):
        return obj.full_name or obj.email


class FollowUpAssignForm(VersionFormMixin, forms.Form):
    assignee = AssigneeField(
        label=_("Assigned to"), queryset=None, required=False, empty_label=_("Nobody yet")
    )
    due_on = forms.DateField(
        label=_("Due by"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = staff


class FollowUpAddForm(FollowUpAssignForm):
    description = forms.CharField(
        label=_("What needs doing"),
        max_length=200,
        help_text=_("For example: ask for the camera footage; call the parent back."),
    )
    field_order = ["description", "assignee", "due_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["version"]


class FollowUpCompleteForm(VersionFormMixin, forms.Form):
    note = forms.CharField(
        label=_("What was done"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A few words: what you did and what came of it."),
    )
    referral_need = forms.ModelChoiceField(
        label=_("Referral offered"),
        queryset=None,
        required=False,
        empty_label=_("No referral"),
        help_text=_("If a community resource was offered, its need. Only a count is kept, never who."),
    )

    def __init__(self, *args, needs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["referral_need"].queryset = needs


class AlertSettingsForm(SettingsVersionFormMixin, forms.ModelForm):
    class Meta:
        model = AlertSettings
        fields = ["escalate_after_minutes"]
