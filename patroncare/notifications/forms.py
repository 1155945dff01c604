from django import forms

from .models import Delivery


class PreferencesForm(forms.Form):
    """One choice per kind of message; kinds that are always immediate are shown, not offered."""

    def __init__(self, *args, preferences, **kwargs):
        super().__init__(*args, **kwargs)
        self.fixed = []
        for kind, delivery in preferences:
            if kind.always_immediate:
                self.fixed.append(kind)
                continue
            self.fields[kind.key] = forms.ChoiceField(
                label=kind.label,
                choices=Delivery.choices,
                initial=delivery,
                required=False,  # a kind left out keeps its current choice
                widget=forms.RadioSelect,
            )
