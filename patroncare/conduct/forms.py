from datetime import datetime

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from patroncare.accounts.models import User
from patroncare.core.concurrency import VersionFormMixin
from patroncare.core.forms import LanguageVersionsMixin
from patroncare.libraries.models import Branch
from patroncare.rulebook.models import (
    EXCLUDING_OUTCOMES,
    AppealSettings,
    AuthorityGroup,
    BehaviourClass,
    Counting,
    LadderStep,
    LadderStepChoice,
    LimitRole,
    LookbackUnit,
    Outcome,
    PeriodUnit,
    Rule,
)
from patroncare.rulebook.services import CHOICE_FIELDS, LIMIT_FIELDS, STEP_FIELDS

from .models import (
    Acknowledgement,
    AppealDecision,
    Attendance,
    DeliveryMethod,
    LiftDecision,
    LiftRequestMethod,
)

DATE = {"type": "date"}

SPANISH_MISSING = _("Missing: letters in Spanish print the English text here.")


class SpanishVersionMixin:
    """Beside each Spanish field whose English text is written but which is itself empty: "Missing"."""

    spanish_of: dict[str, str] = {}  # Spanish field -> its English field

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for spanish, english in self.spanish_of.items():
            if self._current(english).strip() and not self._current(spanish).strip():
                field = self.fields[spanish]
                field.help_text = f"{SPANISH_MISSING} {field.help_text}".strip()

    def _current(self, name: str) -> str:
        if self.is_bound:
            return self.data.get(self.add_prefix(name), "") or ""
        return str(self.initial.get(name) or getattr(self.instance, name, "") or "")


class RuleForm(LanguageVersionsMixin, SpanishVersionMixin, VersionFormMixin, forms.ModelForm):
    versioned_fields = ("title", "text")
    spanish_of = {"title_es": "title", "text_es": "text"}
    change_note = forms.CharField(label=_("What changed, and why"), max_length=200, required=False)

    class Meta:
        model = Rule
        fields = ["code", "title", "text", "title_es", "text_es", "behaviour_class", "is_active"]

    def __init__(self, *args, system, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.system = system
        self.fields["behaviour_class"].queryset = BehaviourClass.objects.filter(system=system)
        if not self.instance.pk:
            self.fields["version"].required = False

    def service_values(self):
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class LadderStepForm(VersionFormMixin, LanguageVersionsMixin, SpanishVersionMixin, forms.ModelForm):
    versioned_fields = ("note",)
    spanish_of = {"note_es": "note"}

    class Meta:
        model = LadderStep
        fields = STEP_FIELDS

    def __init__(self, *args, system, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.system = system
        self.fields["behaviour_class"].queryset = BehaviourClass.objects.filter(system=system)
        if not self.instance.pk:
            del self.fields["version"]
            self._offer_class_defaults()

    def _offer_class_defaults(self):
        """A new row left as it is takes its class's usual look-back and counting (the service fills them)."""
        class_default = _("The class's usual one")
        self.fields["lookback_number"].initial = None
        for name, choices in (("lookback_unit", LookbackUnit.choices), ("counts", Counting.choices)):
            field = self.fields[name]
            field.required = False
            field.choices = [("", class_default), *choices]
            field.initial = ""
        self.fields["lookback_unit"].help_text = _("Leave as it is to use the class's usual look-back.")
        self.fields["counts"].help_text = _("Leave as it is to use the class's usual counting.")

    def clean(self):
        data = super().clean()
        if not data.get("lookback_unit") and not self.instance.pk:
            if data.get("lookback_number"):
                self.add_error("lookback_unit", _("Choose the unit of the look-back window."))
        elif data.get("lookback_unit") == LookbackUnit.NONE:
            data["lookback_number"] = None
        elif data.get("lookback_unit") and not data.get("lookback_number"):
            self.add_error("lookback_number", _("Give the look-back window, or choose “no look-back”."))
        if data.get("outcome") == Outcome.SUSPENSION and not data.get("length_min"):
            self.add_error("length_min", _("A suspension needs its length, for example 7 days or 1 month."))
        if data.get("length_min") and not data.get("length_max"):
            data["length_max"] = data["length_min"]
        return data


class LadderChoiceForm(forms.ModelForm):
    """A further option of a row ("or ..."): an outcome, and its length when it is a suspension."""

    class Meta:
        model = LadderStepChoice
        fields = list(CHOICE_FIELDS)
        labels = {"outcome": _("or")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].required = False

    def clean(self):
        data = super().clean()
        if not data.get("outcome") and not data.get("DELETE"):
            if data.get("length_min") or data.get("length_max"):
                self.add_error("outcome", _("Choose the outcome, or empty this option."))
            return data
        if data.get("outcome") == Outcome.SUSPENSION and not data.get("length_min"):
            self.add_error("length_min", _("A suspension needs its length, for example 7 days or 1 month."))
        if data.get("length_min") and not data.get("length_max"):
            data["length_max"] = data["length_min"]
        return data

    @property
    def is_kept(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return bool(data.get("outcome")) and not data.get("DELETE")


class BaseLadderChoiceFormSet(forms.BaseInlineFormSet):
    """The options are saved by the service together with their row, never by the formset itself."""

    @property
    def messages(self) -> list[str]:
        """Every problem of the options, for the summary at the top of the form."""
        found = list(self.non_form_errors())
        for number, form in enumerate(self.forms, start=2):
            for name, errors in form.errors.items():
                label = form.fields[name].label if name in form.fields else ""
                found.extend(
                    _("Option %(number)s, %(field)s: %(error)s")
                    % {"number": number, "field": label, "error": e}
                    for e in errors
                )
        return found

    def choice_values(self) -> list[dict]:
        """The options kept, in their order, as the service takes them."""
        return [
            {name: form.cleaned_data.get(name) for name in CHOICE_FIELDS}
            for form in self.forms
            if form.is_kept
        ]


LadderChoiceFormSet = forms.inlineformset_factory(
    LadderStep,
    LadderStepChoice,
    form=LadderChoiceForm,
    formset=BaseLadderChoiceFormSet,
    fields=list(CHOICE_FIELDS),
    extra=1,
    can_delete=True,
)


class BehaviourClassForm(VersionFormMixin, LanguageVersionsMixin, SpanishVersionMixin, forms.ModelForm):
    versioned_fields = ("name", "in_sentence")
    spanish_of = {"name_es": "name"}

    class Meta:
        model = BehaviourClass
        fields = [
            "name",
            "rank",
            "in_sentence",
            "name_es",
            "in_sentence_es",
            "default_lookback_number",
            "default_lookback_unit",
            "default_counts",
        ]

    def __init__(self, *args, system, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.system = system
        if not self.instance.pk:
            del self.fields["version"]
        # Sent without a usual look-back or counting, a class keeps its own (new: 12 months, same class).
        self.fields["default_lookback_unit"].required = False
        self.fields["default_counts"].required = False

    def clean(self):
        data = super().clean()
        others = BehaviourClass.objects.filter(system=self.instance.system).exclude(pk=self.instance.pk)
        if not data.get("default_lookback_unit"):
            data["default_lookback_unit"] = self.instance.default_lookback_unit
            if not data.get("default_lookback_number"):
                data["default_lookback_number"] = self.instance.default_lookback_number
        if not data.get("default_counts"):
            data["default_counts"] = self.instance.default_counts
        if data.get("default_lookback_unit") == LookbackUnit.NONE:
            data["default_lookback_number"] = None
        elif data.get("default_lookback_unit") and not data.get("default_lookback_number"):
            self.add_error(
                "default_lookback_number", _("Give the look-back window, or choose “no look-back”.")
            )
        if data.get("name") and others.filter(name__iexact=data["name"]).exists():
            self.add_error("name", _("Another class already has this name."))
        return data


class LimitFields(forms.Form):
    """A limit: a length in calendar units from the exclusion's first day, and the open-ended outcomes."""

    length_number = forms.IntegerField(
        label=_("Longest exclusion"),
        min_value=0,
        required=False,
        help_text=_("Counted from the exclusion's first day. 0 for none at all; leave empty for no limit."),
    )
    length_unit = forms.ChoiceField(label=_("Unit"), choices=PeriodUnit.choices, initial=PeriodUnit.DAYS)
    may_issue_open_ended = forms.BooleanField(
        label=_("May issue permanent or pending-review exclusions"), required=False
    )

    def limit_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in LIMIT_FIELDS}


class IssueLimitForm(LimitFields):
    # Every role may be given a limit, and so may the director (who has none until one is set).
    role = forms.ChoiceField(label=_("Role"), choices=LimitRole.choices)
    field_order = ["role", "length_number", "length_unit", "may_issue_open_ended"]


class AuthorityGroupForm(LanguageVersionsMixin, VersionFormMixin, LimitFields, forms.ModelForm):
    versioned_fields = ("name",)

    class Meta:
        model = AuthorityGroup
        fields = ["name", "name_es", "members"]
        widgets = {"members": forms.CheckboxSelectMultiple}

    field_order = ["name", "name_es", "members", "length_number", "length_unit", "may_issue_open_ended"]

    def __init__(self, *args, system, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.system = system
        # Only the staff of this library system can be chosen; the service refuses anyone else as well.
        self.fields["members"].queryset = User.objects.filter(library_system=system, is_active=True)
        self.fields["members"].required = False
        if not self.instance.pk:
            self.fields["version"].required = False
        limit = getattr(self.instance, "limit", None) if self.instance.pk else None
        if limit is not None and not self.is_bound:
            self.initial.update({name: getattr(limit, name) for name in LIMIT_FIELDS})

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        others = AuthorityGroup.objects.filter(system=self.instance.system).exclude(pk=self.instance.pk)
        if others.filter(name__iexact=name).exists():
            raise forms.ValidationError(_("Another group already has this name."))
        return name

    def service_values(self) -> dict:
        return {
            "name": self.cleaned_data["name"],
            "name_es": self.cleaned_data["name_es"],
            "members": list(self.cleaned_data["members"]),
            **self.limit_values(),
        }


class AppealSettingsForm(LanguageVersionsMixin, SpanishVersionMixin, VersionFormMixin, forms.ModelForm):
    versioned_fields = ("how_to_appeal",)
    spanish_of = {"how_to_appeal_es": "how_to_appeal"}

    class Meta:
        model = AppealSettings
        fields = [
            "min_days_appealable",
            "filing_days",
            "filing_unit",
            "late_with_good_cause",
            "stays_in_force",
            "decider",
            "decision_days",
            "decision_unit",
            "appeal_after_end",
            "how_to_appeal",
            "how_to_appeal_es",
            "lift_request_interval_days",
            "hearing_required",
            "hearing_days",
            "hearing_unit",
            "disclosure_days",
            "disclosure_unit",
        ]

    def service_values(self):
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ExclusionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Consequence"), choices=[c for c in Outcome.choices if c[0] in EXCLUDING_OUTCOMES]
    )
    start_date = forms.DateField(label=_("First day"), widget=forms.DateInput(attrs=DATE))
    end_date = forms.DateField(
        label=_("Last day"),
        required=False,
        widget=forms.DateInput(attrs=DATE),
        help_text=_("For a suspension. Not used for leave for the day, permanent or pending review."),
    )
    branch = forms.ModelChoiceField(
        label=_("Only at branch"),
        queryset=Branch.objects.none(),
        required=False,
        empty_label=_("Every branch of the system"),
    )
    rules = forms.ModelMultipleChoiceField(
        label=_("Rules broken"), queryset=Rule.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    conditions = forms.CharField(
        label=_("Conditions for return"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    summary_es = forms.CharField(
        label=_("What happened, in Spanish"),
        max_length=600,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For a letter in Spanish: it replaces the incident's summary in the letter."),
    )
    conditions_es = forms.CharField(
        label=_("Conditions for return, in Spanish"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For a letter in Spanish, when you set conditions for return."),
    )
    without_spanish = forms.BooleanField(
        label=_("Issue it anyway: the Spanish letter quotes the English text"),
        required=False,
        help_text=_("Only when no one can write it in Spanish now."),
    )
    deviation_reason = forms.CharField(
        label=_("Reason for choosing another consequence"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only when you do not follow the recommendation. A supervisor must approve it."),
    )
    person_name = forms.CharField(
        label=_("Name for the letter"),
        max_length=150,
        required=False,
        help_text=_("If the person gave their name. Otherwise the letter is handed over in person."),
    )
    guardian_name = forms.CharField(label=_("Parent or guardian to notify"), max_length=150, required=False)
    letter_language = forms.ChoiceField(label=_("Letter language"), choices=settings.LANGUAGES)

    def __init__(self, *args, system, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["branch"].queryset = Branch.objects.filter(system=system, is_active=True).order_by("name")
        self.fields["rules"].queryset = Rule.objects.filter(system=system).order_by("code")

    def clean(self):
        data = super().clean()
        if data.get("start_date") and data.get("end_date") and data["end_date"] < data["start_date"]:
            self.add_error("end_date", _("The last day cannot be before the first day."))
        if data.get("letter_language") == "es" and not data.get("without_spanish"):
            self._ask_for_spanish(data)
        return data

    @property
    def spanish_missing(self) -> bool:
        """Whether the page asked for the Spanish texts (and so offers to issue without them)."""
        return self.is_bound and any(
            error.code == "spanish_missing"
            for name in ("summary_es", "conditions_es")
            for error in self.errors.as_data().get(name, [])
        )

    def _ask_for_spanish(self, data) -> None:
        """A letter in Spanish quotes what staff typed: ask for it in Spanish before issuing."""
        if not data.get("summary_es", "").strip():
            self.add_error(
                "summary_es",
                forms.ValidationError(
                    _("The letter is in Spanish: write what happened in Spanish, in a sentence or two."),
                    code="spanish_missing",
                ),
            )
        if data.get("conditions", "").strip() and not data.get("conditions_es", "").strip():
            self.add_error(
                "conditions_es",
                forms.ValidationError(
                    _("The letter is in Spanish: write the conditions for return in Spanish."),
                    code="spanish_missing",
                ),
            )


class DeliveryForm(forms.Form):
    method = forms.ChoiceField(label=_("How the notice was delivered"), choices=DeliveryMethod.choices)
    delivered_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs=DATE))
    acknowledgement = forms.ChoiceField(
        label=_("Signature (in person)"), choices=Acknowledgement.choices, required=False
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)
    earlier_reason = forms.CharField(
        label=_("Why it is recorded later than it was given"),
        max_length=300,
        required=False,
        help_text=_("Required when the notice was given before today, e.g. a paper notice during an outage."),
    )


class AppealForm(forms.Form):
    received_at = forms.DateTimeField(
        label=_("Received"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    statement = forms.CharField(label=_("What the person says"), widget=forms.Textarea(attrs={"rows": 4}))
    good_cause = forms.CharField(
        label=_("Good cause for a late appeal"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only if the appeal arrived after the deadline."),
    )
    letter_language = forms.ChoiceField(label=_("Letter language"), choices=settings.LANGUAGES)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=AppealDecision.choices, widget=forms.RadioSelect
    )
    decision_reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("It is quoted in the decision letter."),
    )
    decision_reason_es = forms.CharField(
        label=_("Reason, in Spanish"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The decision letter is in Spanish: it quotes this reason."),
    )
    new_end_date = forms.DateField(
        label=_("New last day (if shortened)"), required=False, widget=forms.DateInput(attrs=DATE)
    )


class ReviewForm(forms.Form):
    period_start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs=DATE))
    period_end = forms.DateField(label=_("To"), widget=forms.DateInput(attrs=DATE))
    findings = forms.CharField(
        label=_("What the team found and decided"), widget=forms.Textarea(attrs={"rows": 4})
    )


class ReviewCompleteForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome of the review"),
        choices=[
            (Outcome.SUSPENSION, _("Suspension until a last day")),
            (Outcome.PERMANENT, _("Permanent exclusion")),
        ],
        widget=forms.RadioSelect,
    )
    end_date = forms.DateField(label=_("Last day"), required=False, widget=forms.DateInput(attrs=DATE))


class PhotoForm(forms.Form):
    photo = forms.FileField(label=_("Photo of the person"), help_text=_("JPEG or PNG, up to 5 MB."))


class LiftRequestForm(forms.Form):
    received_on = forms.DateField(label=_("Received on"), widget=forms.DateInput(attrs=DATE))
    received_time = forms.TimeField(
        label=_("At (time, if known)"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    received_how = forms.ChoiceField(label=_("How it was received"), choices=LiftRequestMethod.choices)
    statement = forms.CharField(label=_("What the person says"), widget=forms.Textarea(attrs={"rows": 4}))
    what_changed = forms.CharField(
        label=_("What has changed"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Supporting information: courses, letters of support, a change in circumstances."),
    )
    early_cause = forms.CharField(
        label=_("Good cause for an early request"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only if the request arrived before the date from which one may ask."),
    )
    letter_language = forms.ChoiceField(label=_("Letter language"), choices=settings.LANGUAGES)

    def service_values(self) -> dict:
        """The values for `lift_request_record`: a date alone, or a local date and time."""
        data = dict(self.cleaned_data)
        day, moment = data.pop("received_on"), data.pop("received_time")
        data["received_at"] = datetime.combine(day, moment) if moment else day
        return data


class LiftDecisionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    decision = forms.ChoiceField(label=_("Decision"), choices=LiftDecision.choices, widget=forms.RadioSelect)
    decision_reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("It is quoted in the decision letter."),
    )
    lifted_from = forms.DateField(
        label=_("May return from (if granted)"), required=False, widget=forms.DateInput(attrs=DATE)
    )
    return_conditions = forms.CharField(
        label=_("Conditions for return (if granted)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    decision_reason_es = forms.CharField(
        label=_("Reason, in Spanish"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The decision letter is in Spanish: it quotes this reason."),
    )
    return_conditions_es = forms.CharField(
        label=_("Conditions for return, in Spanish (if granted)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class HearingScheduleForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)
    scheduled_at = forms.DateTimeField(
        label=_("Date and time of the hearing"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    place = forms.CharField(
        label=_("Place"), max_length=200, help_text=_("For example, the meeting room at Central.")
    )
    panel_members = forms.ModelMultipleChoiceField(
        label=_("Panel members who use PatronCare"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    panel_names = forms.CharField(
        label=_("Other people on the panel"),
        max_length=300,
        required=False,
        help_text=_("Names of people who are not users of PatronCare, separated by commas."),
    )
    late_reason = forms.CharField(
        label=_("Reason for holding it after the deadline"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only if the hearing is later than your appeal rules allow."),
    )

    def __init__(self, *args, system, **kwargs):
        super().__init__(*args, **kwargs)
        from patroncare.accounts.models import User

        self.fields["panel_members"].queryset = User.objects.filter(
            library_system=system, is_active=True, role_assignments__isnull=False
        ).distinct()


class HearingDisclosureForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    documents_disclosed_on = forms.DateField(
        label=_("Documents sent to the person on"), widget=forms.DateInput(attrs=DATE)
    )
    documents_note = forms.CharField(
        label=_("Documents sent"),
        max_length=300,
        required=False,
        help_text=_("For example, the incident report."),
    )


class HearingAttendanceForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    attendance = forms.ChoiceField(
        label=_("Attendance"), choices=Attendance.choices, widget=forms.RadioSelect
    )
    represented_by = forms.CharField(label=_("Represented by"), max_length=150, required=False)
    outcome_notes = forms.CharField(
        label=_("Notes of the hearing"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
