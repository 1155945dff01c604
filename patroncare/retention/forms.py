from django import forms
from django.utils.translation import gettext_lazy as _

from . import registry
from .models import Action, KeepUnit


class RuleForm(forms.Form):
    keep_number = forms.IntegerField(label=_("Keep for"), min_value=1, max_value=100 * 366)
    keep_unit = forms.ChoiceField(label=_("Unit"), choices=KeepUnit.choices)
    action = forms.ChoiceField(label=_("Then"), choices=Action.choices)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, kind: registry.RecordType, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [
            (value, label) for value, label in Action.choices if value in kind.actions
        ]
        # Each row of the schedule has its own form: ids must differ from row to row.
        self.prefix = kind.code.replace(".", "-")


class HoldForm(forms.Form):
    record_type = forms.ChoiceField(label=_("What to hold"))
    reference = forms.CharField(
        label=_("Which one"),
        max_length=60,
        help_text=_(
            "A card number or #person number; an incident or exclusion number; a complaint's reference."
        ),
    )
    reason = forms.CharField(label=_("Reason"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))
    review_on = forms.DateField(label=_("Review on"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, system, **kwargs):
        super().__init__(*args, **kwargs)
        self.system = system
        self.fields["record_type"].choices = [
            (kind.code, kind.noun or kind.label) for kind in registry.holdable_types()
        ]

    def clean(self):
        data = super().clean()
        code, reference = data.get("record_type"), data.get("reference")
        if code and reference:
            record = registry.record_type(code).lookup(self.system, reference)
            if record is None:
                self.add_error("reference", _("Nothing of that kind with this reference in your library."))
            else:
                data["record_id"] = record.pk
        return data


class ReleaseForm(forms.Form):
    release_note = forms.CharField(
        label=_("Why it is released"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
