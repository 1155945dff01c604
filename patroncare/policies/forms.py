from django import forms
from django.utils.translation import gettext_lazy as _

from patroncare.accounts.models import User
from patroncare.core.concurrency import VersionFormMixin
from patroncare.core.forms import LanguageVersionsMixin

from .models import (
    CHECKLIST,
    EntryKind,
    Flexibility,
    Policy,
    PolicyArea,
    RatingArea,
    ReviewOutcome,
    YesRating,
)

PRIVACY_HELP = _(
    "Describe the request and the situation, never the person: no names, card numbers or health details."
)


class PolicyFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    area = forms.ChoiceField(
        label=_("Area"), required=False, choices=[("", _("Every area")), *PolicyArea.choices]
    )
    flexibility = forms.ChoiceField(
        label=_("Scale of Yes"), required=False, choices=[("", _("Every place")), *Flexibility.choices]
    )


class PolicyForm(LanguageVersionsMixin, VersionFormMixin, forms.ModelForm):
    versioned_fields = ("title", "body", "alternatives")

    change_summary = forms.CharField(
        label=_("What changed"),
        required=False,
        max_length=300,
        help_text=_(
            "Needed when the title, the text or the place on the Scale of Yes changes: staff read it "
            "before acknowledging the new version."
        ),
    )

    class Meta:
        model = Policy
        fields = [
            "title",
            "title_es",
            "area",
            "flexibility",
            "body",
            "body_es",
            "alternatives",
            "alternatives_es",
            "owner",
            "review_cycle_months",
            "next_review_on",
        ]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 10}),
            "body_es": forms.Textarea(attrs={"rows": 10}),
            "alternatives": forms.Textarea(attrs={"rows": 4}),
            "alternatives_es": forms.Textarea(attrs={"rows": 4}),
            "next_review_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, system, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = User.objects.filter(library_system=system, is_active=True)
        self.fields["next_review_on"].required = False
        if not self.instance.pk:
            self.fields.pop("version")
            self.fields.pop("change_summary")

    def validate_unique(self):
        """Uniqueness is the service's (and the database's) business; the system is not on the form."""

    def service_values(self) -> dict:
        """The main language's version under the plain name (`title`), the Spanish as `title_es`."""
        versions = {f"{name}_es" for name in self.versioned_fields}
        return {
            name: (self.cleaned_data[name] or "") if name in versions else self.cleaned_data[name]
            for name in self._meta.fields
            if not (name == "next_review_on" and self.cleaned_data[name] is None)
        }


class ExceptionForm(forms.Form):
    branch = forms.ModelChoiceField(label=_("Branch"), queryset=None)
    policy = forms.ModelChoiceField(label=_("Policy"), queryset=None)
    kind = forms.ChoiceField(label=_("What happened"), choices=EntryKind.choices, widget=forms.RadioSelect)
    asked = forms.CharField(
        label=_("What was asked"),
        max_length=1000,
        help_text=PRIVACY_HELP,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    granted = forms.CharField(
        label=_("What was granted"),
        max_length=1000,
        required=False,
        help_text=_("Leave empty when the policy was applied as written."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    reason = forms.CharField(label=_("Why"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))
    told_patron = forms.CharField(
        label=_("How it was put to the patron"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("An exception is told as an exception, so that it does not become an expectation."),
    )
    occurred_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, branches, policies, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["branch"].queryset = branches
        self.fields["policy"].queryset = policies
        self.fields["policy"].widget.attrs.update(
            {
                "hx-get": "",
                "hx-trigger": "change",
                "hx-target": "#policy-hint",
                "hx-select": "#policy-hint",
                "hx-swap": "outerHTML",
                "hx-include": "this",
            }
        )
        if not self.is_bound:
            self.initial.setdefault("occurred_on", today)
            first_two = list(branches[:2])
            if len(first_two) == 1:
                self.initial.setdefault("branch", first_two[0].pk)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        choices=[("approve", _("Approve")), ("decline", _("Decline"))],
    )
    note = forms.CharField(
        label=_("Note for the colleague"),
        required=False,
        max_length=1000,
        help_text=_("Needed when you decline: they will explain it to the patron."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ChecklistForm(VersionFormMixin, forms.Form):
    def __init__(self, *args, review, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in CHECKLIST:
            self.fields[name] = forms.CharField(
                label=_("Could it keep out: %(group)s?") % {"group": label},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            if not self.is_bound:
                self.initial[name] = getattr(review, name)
        if not self.is_bound:
            self.initial["version"] = review.version

    @property
    def checklist_fields(self):
        return [self[name] for name, _label in CHECKLIST]


class ReviewCompleteForm(ChecklistForm):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=ReviewOutcome.choices, widget=forms.RadioSelect)
    outcome_note = forms.CharField(
        label=_("Decision and reasons"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    body = forms.CharField(
        label=_("New text (when the outcome is change)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    flexibility = forms.ChoiceField(
        label=_("Place on the Scale of Yes (when the outcome is change)"),
        choices=Flexibility.choices,
        required=False,
    )
    change_summary = forms.CharField(label=_("What changed"), required=False, max_length=300)

    def __init__(self, *args, review, **kwargs):
        super().__init__(*args, review=review, **kwargs)
        if not self.is_bound:
            self.initial.update(body=review.policy.body, flexibility=review.policy.flexibility)

    def answers(self) -> dict:
        return {name: self.cleaned_data.get(name, "") for name, _label in CHECKLIST}


class RatingForm(forms.Form):
    branch = forms.ModelChoiceField(label=_("Branch"), queryset=None)
    area = forms.ChoiceField(label=_("What you rate"), choices=RatingArea.choices)
    policy = forms.ModelChoiceField(label=_("Policy (when you rate a policy)"), queryset=None, required=False)
    rating = forms.TypedChoiceField(
        label=_("Rating"), coerce=int, choices=YesRating.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(label=_("What we noticed"), max_length=300, required=False)

    def __init__(self, *args, branches, policies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["branch"].queryset = branches
        self.fields["policy"].queryset = policies


class PolicyRulesForm(forms.Form):
    rules = forms.ModelMultipleChoiceField(
        label=_("Rules of conduct that carry out this policy"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, rules, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rules"].queryset = rules
