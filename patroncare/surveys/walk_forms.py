from django import forms
from django.utils.translation import gettext_lazy as _

from patroncare.core.concurrency import VersionFormMixin
from patroncare.core.forms import LanguageVersionsMixin

from .models import CheckPoint, WalkArea, WalkRating

RATING_CHOICES = [("", _("Not checked")), *[(str(v), label) for v, label in reversed(WalkRating.choices)]]


class WalkStartForm(forms.Form):
    branch = forms.ModelChoiceField(label=_("Branch"), queryset=None)
    walked_on = forms.DateField(
        label=_("Day of the walk-through"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )

    def __init__(self, *args, branches, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["branch"].queryset = branches
        if len(branches) == 1:  # a supervisor of one branch has nothing to choose
            self.fields["branch"].empty_label = None


class AreaForm(VersionFormMixin, forms.Form):
    """One area of the walk: each point rated (or left unchecked), a note and a photo per point."""

    def __init__(self, *args, points, version, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["version"] = version
        self.points = [point for point, _rating in points]
        for point, rating in points:
            self.fields[f"rating_{point.pk}"] = forms.ChoiceField(
                label=point.text, choices=RATING_CHOICES, required=False, widget=forms.RadioSelect
            )
            self.fields[f"note_{point.pk}"] = forms.CharField(
                label=_("Note"),
                required=False,
                max_length=1000,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("What a patron would notice. Please do not name anyone."),
            )
            self.fields[f"photo_{point.pk}"] = forms.FileField(
                label=_("Photo (JPEG or PNG, 5 MB at most)"),
                required=False,
                widget=forms.ClearableFileInput(
                    attrs={"accept": "image/jpeg,image/png", "capture": "environment"}
                ),
                help_text=_("Of a place or a sign, never of a person."),
            )
            if rating is not None and not self.is_bound:
                self.initial[f"rating_{point.pk}"] = str(rating.rating or "")
                self.initial[f"note_{point.pk}"] = rating.note

    def point_fields(self):
        return [
            (point, self[f"rating_{point.pk}"], self[f"note_{point.pk}"], self[f"photo_{point.pk}"])
            for point in self.points
        ]

    def ratings(self) -> dict:
        return {
            point: (
                int(self.cleaned_data[f"rating_{point.pk}"] or 0) or None,
                self.cleaned_data[f"note_{point.pk}"],
            )
            for point in self.points
        }

    def photos(self) -> dict:
        return {
            point: self.cleaned_data[f"photo_{point.pk}"]
            for point in self.points
            if self.cleaned_data.get(f"photo_{point.pk}")
        }


class WalkFinishForm(VersionFormMixin, forms.Form):
    summary = forms.CharField(
        label=_("Overall impression"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class WalkActionForm(forms.Form):
    point = forms.ModelChoiceField(label=_("Finding about"), queryset=None, required=False)
    text = forms.CharField(label=_("What is to be done"), max_length=300)
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=None)
    due_on = forms.DateField(
        label=_("Due on"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )

    def __init__(self, *args, points, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["point"].queryset = points
        self.fields["owner"].queryset = owners


class WalkActionDoneForm(VersionFormMixin, forms.Form):
    done_note = forms.CharField(label=_("What was done"), max_length=300)


class CheckPointForm(LanguageVersionsMixin, VersionFormMixin, forms.ModelForm):
    """A point of the checklist, both languages side by side."""

    versioned_fields = ("text",)

    class Meta:
        model = CheckPoint
        fields = ["area", "text_en", "text_es", "order", "is_active"]


class CheckPointCreateForm(LanguageVersionsMixin, forms.ModelForm):
    versioned_fields = ("text",)

    class Meta:
        model = CheckPoint
        fields = ["area", "text_en", "text_es", "order"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = WalkArea.choices
