from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from patroncare.core.concurrency import VersionFormMixin

from . import periods
from .models import BoardReport, ReportPeriod

PERIOD_CHOICES = [
    (periods.Kind.MONTH, _("Month")),
    (periods.Kind.QUARTER, _("Quarter")),
    (periods.Kind.YEAR, _("Year")),
    (periods.Kind.CUSTOM, _("From one day to another")),
]
MONTH_CHOICES = [(number, number) for number in range(1, 13)]


class PeriodForm(forms.Form):
    """The dashboard's filters, read from the query string; a wrong value says so and shows the default."""

    period = forms.ChoiceField(label=_("Period"), choices=PERIOD_CHOICES, required=False)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)
    number = forms.IntegerField(
        label=_("Month or quarter number"),
        min_value=1,
        max_value=12,
        required=False,
        help_text=_("1 to 12 for a month, 1 to 4 for a quarter."),
    )
    first = forms.DateField(
        label=_("First day"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    last = forms.DateField(
        label=_("Last day"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    branch = forms.TypedMultipleChoiceField(
        label=_("Branches"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every branch you may see."),
    )

    def __init__(self, *args, branches, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["branch"].choices = [(branch.pk, branch.name) for branch in branches]

    def clean(self):
        data = super().clean()
        kind = data.get("period") or periods.Kind.QUARTER
        year = data.get("year") or self.today.year
        number = data.get("number")
        try:
            if kind == periods.Kind.CUSTOM:
                if not data.get("first") or not data.get("last"):
                    raise ValidationError(_("Give the first and the last day of the period."))
                if (data["last"] - data["first"]).days > 3 * 366:
                    raise ValidationError(_("A custom period can cover three years at most."))
                data["chosen"] = periods.custom(data["first"], data["last"])
            elif kind == periods.Kind.MONTH:
                data["chosen"] = periods.month(year, number or self.today.month)
            elif kind == periods.Kind.QUARTER:
                if number is not None and number > 4:
                    raise ValidationError({"number": _("A quarter is numbered 1 to 4.")})
                data["chosen"] = periods.quarter(year, number or (self.today.month - 1) // 3 + 1)
            else:
                data["chosen"] = periods.year(year)
        except ValueError as error:
            raise ValidationError(_("The last day comes before the first.")) from error
        return data

    def chosen_period(self) -> periods.Period:
        if self.is_valid():
            return self.cleaned_data["chosen"]
        return periods.containing(periods.Kind.QUARTER, self.today)


class BoardReportCreateForm(forms.Form):
    period_kind = forms.ChoiceField(label=_("The report covers"), choices=ReportPeriod.choices)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    quarter = forms.IntegerField(label=_("Quarter (1 to 4)"), min_value=1, max_value=4, required=False)

    def clean(self):
        data = super().clean()
        if data.get("period_kind") == ReportPeriod.QUARTER and not data.get("quarter"):
            self.add_error("quarter", _("Give the quarter the report covers."))
        return data


class BoardReportForm(VersionFormMixin, forms.ModelForm):
    """Both languages side by side: each narrative section in English and in Spanish."""

    class Meta:
        model = BoardReport
        fields = [
            "highlights_en",
            "highlights_es",
            "changes_en",
            "changes_es",
            "public_summary_en",
            "public_summary_es",
        ]
        labels = {
            "highlights_en": _("Highlights, in English"),
            "highlights_es": _("Highlights, in Spanish"),
            "changes_en": _("What we changed because of what we heard, in English"),
            "changes_es": _("What we changed because of what we heard, in Spanish"),
            "public_summary_en": _("Summary for the public page, in English"),
            "public_summary_es": _("Summary for the public page, in Spanish"),
        }
        help_texts = {
            "highlights_en": _("No patron or staff names: the board and, for a year, the public read this."),
        }
        widgets = {name: forms.Textarea(attrs={"rows": 6}) for name in fields}
