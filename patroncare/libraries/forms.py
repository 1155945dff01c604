import zoneinfo

from django import forms
from django.core.exceptions import ValidationError
from django.forms import BaseFormSet, formset_factory
from django.utils.translation import gettext_lazy as _

from patroncare.core.concurrency import VersionFormMixin
from patroncare.core.forms import LanguageVersionsMixin
from patroncare.core.languages import main_language

from .models import WEEKDAY_NAMES, Branch, Closure, Holiday, LibrarySystem, Location

TIME_ZONE_CHOICES = [(zone, zone) for zone in sorted(zoneinfo.available_timezones()) if "/" in zone]
WEEKDAY_CHOICES = [(str(day), name) for day, name in enumerate(WEEKDAY_NAMES)]


class LibrarySystemForm(VersionFormMixin, forms.ModelForm):
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=TIME_ZONE_CHOICES)
    opening_weekdays = forms.MultipleChoiceField(
        label=_("Opening days"),
        choices=WEEKDAY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Deadlines are counted in these days, leaving out holidays and branch closures."),
    )

    class Meta:
        model = LibrarySystem
        fields = ["name", "time_zone", "director"]
        help_texts = {"director": _("Receives critical cases at once and decides reviews.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["director"].queryset = self.instance.staff.filter(is_active=True).order_by("full_name")
        if not self.is_bound:
            self.initial["opening_weekdays"] = [str(day) for day in self.instance.opening_weekdays]

    def clean_opening_weekdays(self):
        return sum(1 << int(day) for day in self.cleaned_data["opening_weekdays"])

    def service_values(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "time_zone": data["time_zone"],
            "director": data["director"],
            "opening_days": data["opening_weekdays"],
        }


class BranchForm(LanguageVersionsMixin, VersionFormMixin, forms.ModelForm):
    # A branch named after its place keeps that name; a Spanish one is written where signage differs.
    versioned_fields = ("name",)

    class Meta:
        model = Branch
        fields = ["name", "name_es", "code", "address", "phone", "is_small", "is_active"]

    def __init__(self, *args, system, **kwargs):
        self.system = system
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            del self.fields["version"]

    def _others(self):
        return Branch.objects.filter(system=self.system).exclude(pk=self.instance.pk)

    def clean_code(self):
        code = self.cleaned_data["code"].upper()
        if self._others().filter(code__iexact=code).exists():
            raise ValidationError(_("Another branch already uses this code."))
        return code

    def clean_name(self):
        return self._unique_name(self.cleaned_data["name"].strip(), main_language())

    def clean_name_es(self):
        return self._unique_name((self.cleaned_data.get("name_es") or "").strip(), "es") or None

    def _unique_name(self, name: str, language: str) -> str:
        if name and self._others().filter(**{f"name_{language}__iexact": name}).exists():
            raise ValidationError(_("Another branch already has this name."))
        return name

    def service_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class DayHoursForm(forms.Form):
    open = forms.BooleanField(label=_("Open"), required=False)
    opens = forms.TimeField(label=_("Opens"), required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    closes = forms.TimeField(
        label=_("Closes"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )

    def clean(self):
        data = super().clean()
        if data.get("open"):
            if not data.get("opens") or not data.get("closes"):
                raise ValidationError(_("Give the opening and the closing time, or untick “Open”."))
            if data["closes"] <= data["opens"]:
                raise ValidationError(_("The closing time must be after the opening time."))
        return data

    def day_hours(self):
        return (
            (self.cleaned_data["opens"], self.cleaned_data["closes"])
            if self.cleaned_data.get("open")
            else None
        )


class BaseWeekFormSet(BaseFormSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for weekday, form in enumerate(self.forms):
            form.weekday_name = WEEKDAY_NAMES[weekday]

    def clean(self):
        super().clean()
        if self.total_form_count() != 7:
            raise ValidationError(_("Give the hours of all seven days."))

    def week(self):
        return [form.day_hours() for form in self.forms]


WeekFormSet = formset_factory(DayHoursForm, formset=BaseWeekFormSet, extra=0, min_num=7, max_num=7)


def week_initial(branch: Branch | None) -> list[dict]:
    rows = {row.weekday: row for row in branch.opening_hours.all()} if branch and branch.pk else {}
    return [
        {
            "open": day in rows,
            "opens": rows[day].opens if day in rows else None,
            "closes": rows[day].closes if day in rows else None,
        }
        for day in range(7)
    ]


class LocationForm(LanguageVersionsMixin, VersionFormMixin, forms.ModelForm):
    versioned_fields = ("name",)

    class Meta:
        model = Location
        fields = ["name", "name_es", "kind", "is_active"]

    def __init__(self, *args, branch, **kwargs):
        self.branch = branch
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            del self.fields["version"]

    def clean_name(self):
        return self._unique_name(self.cleaned_data["name"].strip(), main_language())

    def clean_name_es(self):
        return self._unique_name((self.cleaned_data.get("name_es") or "").strip(), "es") or None

    def _unique_name(self, name: str, language: str) -> str:
        """A location's name is unique in its branch in each language (compared without case)."""
        if not name:
            return name
        others = Location.objects.filter(branch=self.branch).exclude(pk=self.instance.pk)
        if others.filter(**{f"name_{language}__iexact": name}).exists():
            raise ValidationError(_("This branch already has a location with this name."))
        return name


class ClosureForm(LanguageVersionsMixin, forms.ModelForm):
    versioned_fields = ("reason",)

    class Meta:
        model = Closure
        fields = ["start_date", "end_date", "reason", "reason_es"]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "end_date": forms.DateInput(attrs={"type": "date"}),
        }

    def clean(self):
        data = super().clean()
        if data.get("start_date") and data.get("end_date") and data["end_date"] < data["start_date"]:
            self.add_error("end_date", _("The last day closed cannot be before the first day closed."))
        return data


class HolidayForm(LanguageVersionsMixin, forms.ModelForm):
    versioned_fields = ("name",)

    class Meta:
        model = Holiday
        fields = ["date", "name", "name_es"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, system, **kwargs):
        self.system = system
        super().__init__(*args, **kwargs)

    def clean_date(self):
        day = self.cleaned_data["date"]
        if Holiday.objects.filter(system=self.system, date=day).exists():
            raise ValidationError(_("There is already a holiday on this date."))
        return day
