from django import forms
from django.utils.translation import gettext_lazy as _

from patroncare.accounts.models import Role
from patroncare.core.concurrency import VersionFormMixin
from patroncare.core.forms import LanguageVersionsMixin

from .models import RATING_MAX, ActionKind, Question, QuestionKind

RATING_CHOICES = [(str(n), str(n)) for n in range(1, RATING_MAX + 1)]


class RoundForm(forms.Form):
    title_en = forms.CharField(label=_("Title (English)"), max_length=150)
    title_es = forms.CharField(label=_("Title (Spanish)"), max_length=150)
    opens_on = forms.DateField(label=_("Opens on"), widget=forms.DateInput(attrs={"type": "date"}))
    closes_on = forms.DateField(label=_("Closes on"), widget=forms.DateInput(attrs={"type": "date"}))
    branches = forms.ModelMultipleChoiceField(
        label=_("Branches"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    roles = forms.MultipleChoiceField(
        label=_("Roles asked"),
        choices=[(r.value, r.label) for r in Role if r != Role.TRUSTEE],
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, branches, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["branches"].queryset = branches

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("opens_on")
            and cleaned.get("closes_on")
            and cleaned["closes_on"] < cleaned["opens_on"]
        ):
            self.add_error("closes_on", _("The closing date must be on or after the opening date."))
        return cleaned


class AnswerForm(forms.Form):
    """One field per question; none is required, a person may skip any."""

    def __init__(self, *args, round_, branches, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["branch"] = forms.ChoiceField(
            label=_("Your branch"),
            choices=[(b.pk, b.name) for b in branches],
            help_text=_("Only used to group results of five people or more."),
        )
        self.questions = list(round_.questions.all())
        for question in self.questions:
            name = f"q{question.pk}"
            if question.kind == QuestionKind.RATING:
                self.fields[name] = forms.ChoiceField(
                    label=question.text,
                    choices=RATING_CHOICES,
                    required=False,
                    widget=forms.RadioSelect,
                    help_text=_("1: strongly disagree, 5: strongly agree."),
                )
            elif question.kind == QuestionKind.CHOICE:
                self.fields[name] = forms.ChoiceField(
                    label=question.text,
                    choices=list(enumerate(question.choice_list)),
                    required=False,
                    widget=forms.RadioSelect,
                )
            else:
                self.fields[name] = forms.CharField(
                    label=question.text,
                    required=False,
                    max_length=2000,
                    widget=forms.Textarea(attrs={"rows": 3}),
                    help_text=_("Please do not name anyone."),
                )

    def answers(self) -> dict[int, object]:
        return {q.pk: self.cleaned_data.get(f"q{q.pk}") for q in self.questions}


class ActionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Action"), choices=ActionKind.choices)
    question = forms.ModelChoiceField(label=_("About the question"), queryset=None, required=False)
    note = forms.CharField(label=_("What and why"), max_length=300)
    policy = forms.ModelChoiceField(label=_("Policy to review"), queryset=None, required=False)
    playbook = forms.ModelChoiceField(label=_("Playbook to change"), queryset=None, required=False)
    scenario = forms.ModelChoiceField(label=_("Practice scenario"), queryset=None, required=False)
    assignee = forms.ModelChoiceField(label=_("Person to train"), queryset=None, required=False)
    due_date = forms.DateField(
        label=_("Due date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, questions, policies, playbooks, scenarios, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["question"].queryset = questions
        self.fields["policy"].queryset = policies
        self.fields["playbook"].queryset = playbooks
        self.fields["scenario"].queryset = scenarios
        self.fields["assignee"].queryset = staff


class QuestionForm(LanguageVersionsMixin, VersionFormMixin, forms.ModelForm):
    """A question in both languages side by side; choices one per line, in the same order in each."""

    versioned_fields = ("text", "choices")

    class Meta:
        model = Question
        fields = ["text_en", "text_es", "choices_en", "choices_es"]
        widgets = {
            "choices_en": forms.Textarea(attrs={"rows": 4}),
            "choices_es": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.kind != QuestionKind.CHOICE:
            del self.fields["choices_en"], self.fields["choices_es"]
            self.versioned_fields = ("text",)
