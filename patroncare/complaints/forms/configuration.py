"""Forms for configuration and learning: deadlines, patterns, categories, reply templates, reviews."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from patroncare.core.concurrency import SettingsVersionFormMixin

from ..models import ReplyPurpose


class SeverityRuleForm(SettingsVersionFormMixin):
    acknowledge_days = forms.IntegerField(label=_("Days to acknowledge"), min_value=1, max_value=60)
    respond_days = forms.IntegerField(label=_("Days to respond"), min_value=1, max_value=120)
    review_acknowledge_days = forms.IntegerField(
        label=_("Days to acknowledge a review"), min_value=1, max_value=60
    )
    review_respond_days = forms.IntegerField(
        label=_("Days to respond to a review"), min_value=1, max_value=120
    )
    owner_rule = forms.ChoiceField(
        label=_("Owner"),
        choices=[("branch_supervisor", _("A supervisor of the branch")), ("director", _("The director"))],
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("respond_days")
            and data.get("acknowledge_days")
            and data["respond_days"] < data["acknowledge_days"]
        ):
            raise forms.ValidationError(_("The response cannot be due before the acknowledgement."))
        return data


class PatternSettingsForm(SettingsVersionFormMixin):
    pattern_window_days = forms.IntegerField(label=_("Window (days)"), min_value=7, max_value=365)
    pattern_threshold = forms.IntegerField(label=_("Cases that make a pattern"), min_value=2, max_value=50)
    board_review = forms.BooleanField(
        label=_("After the director's review, the patron may ask for a review by the board"), required=False
    )


class CategoryForm(SettingsVersionFormMixin):
    key = forms.SlugField(
        label=_("Key"), max_length=40, help_text=_("Letters, numbers and hyphens; never shown.")
    )
    name = forms.CharField(label=_("Name in English"), max_length=120)
    name_es = forms.CharField(label=_("Name in Spanish"), max_length=120)
    position = forms.IntegerField(label=_("Position"), min_value=0, max_value=999, initial=100)
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)
    restricts = forms.BooleanField(
        label=_("About staff conduct or discrimination"),
        required=False,
        help_text=_(
            "Cases in this category are readable only by supervisors, the director and administrators."
        ),
    )
    concerns_safety = forms.BooleanField(
        label=_("Concerns safety"),
        required=False,
        help_text=_("When a case in this category is critical, the security staff of its branch are told."),
    )


class ReplyTemplateForm(SettingsVersionFormMixin):
    key = forms.SlugField(
        label=_("Key"),
        max_length=40,
        help_text=_("The same key in English and Spanish makes one template in two languages."),
    )
    name = forms.CharField(label=_("Name"), max_length=120)
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    purpose = forms.ChoiceField(label=_("Purpose"), choices=ReplyPurpose.choices)
    body = forms.CharField(
        label=_("Text"),
        max_length=6000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Merge fields: {patron_name}, {reference}, {branch}, {staff_name}, {respond_by}, {library}."
        ),
    )
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)


class ReviewCompleteForm(forms.Form):
    outcome = forms.CharField(
        label=_("Outcome of the review"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )


class PatternReviewForm(forms.Form):
    subject = forms.CharField(label=_("Policy or procedure to review"), max_length=200)
    owner = forms.TypedChoiceField(label=_("Review owner"), coerce=int)
    due_date = forms.DateField(label=_("Review due by"), widget=forms.DateInput(attrs={"type": "date"}))
    cases = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, owners, **kwargs):
        # A plain list of choices: one page shows this form once per pattern, read from one query.
        super().__init__(*args, **kwargs)
        self.owners = {owner.pk: owner for owner in owners}
        self.fields["owner"].choices = [(pk, owner.full_name) for pk, owner in self.owners.items()]

    def clean_owner(self):
        return self.owners[self.cleaned_data["owner"]]

    def clean_cases(self):
        try:
            return [int(value) for value in self.cleaned_data["cases"].split(",") if value]
        except ValueError as error:
            raise forms.ValidationError(_("The list of cases is not valid.")) from error
