from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Scope
from .services import LIFETIMES


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=80,
        help_text=_("What the token is for, e.g. “Sync with the city's help desk”."),
    )
    scope = forms.ChoiceField(label=_("What it may do"), choices=Scope.choices, initial=Scope.READ)
    days = forms.TypedChoiceField(
        label=_("Lasts"),
        coerce=int,
        choices=(),
        initial=90,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Worded when the form is made, in the reader's language (not once when the module is imported).
        self.fields["days"].choices = [(days, _("%(days)s days") % {"days": days}) for days in LIFETIMES]
