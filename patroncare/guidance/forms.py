from django import forms
from django.utils.translation import gettext_lazy as _

from patroncare.core.concurrency import VersionFormMixin

from .models import PhraseLanguage, PlaybookText

MARKDOWN_HELP = _("Markdown: a numbered list with 1., a bullet list with -, **bold**.")


class PlaybookTextForm(forms.ModelForm):
    # The version guarded is the playbook's (a text has none), so the mixin's instance lookup does not apply.
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    class Meta:
        model = PlaybookText
        fields = ["title", "summary", "steps", "words_to_use", "avoid", "when_to_call"]
        widgets = {
            name: forms.Textarea(attrs={"rows": 6})
            for name in ["steps", "words_to_use", "avoid", "when_to_call"]
        }
        help_texts = {name: MARKDOWN_HELP for name in ["steps", "words_to_use", "avoid", "when_to_call"]}

    def __init__(self, *args, playbook, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["version"] = playbook.version

    def validate_unique(self):
        """The service saves the text of the playbook being edited; nothing else to check here."""


class PlaybookSettingsForm(VersionFormMixin, forms.Form):
    on_desk = forms.BooleanField(label=_("On the desk page (one tap away)"), required=False)
    order = forms.IntegerField(label=_("Order"), min_value=0, max_value=1000)
    is_active = forms.BooleanField(label=_("Active"), required=False)
    related_policies = forms.ModelMultipleChoiceField(
        label=_("Policies involved"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    related_rules = forms.ModelMultipleChoiceField(
        label=_("Rules of conduct involved"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, playbook, policies, rules, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["related_policies"].queryset = policies
        self.fields["related_rules"].queryset = rules
        if not self.is_bound:
            self.initial.update(
                version=playbook.version,
                on_desk=playbook.on_desk,
                order=playbook.order,
                is_active=playbook.is_active,
                related_policies=[p.pk for p in playbook.related_policies.all()],
                related_rules=[r.pk for r in playbook.related_rules.all()],
            )


class PhraseLanguageForm(forms.ModelForm):
    class Meta:
        model = PhraseLanguage
        fields = ["code", "name", "english_name", "direction"]

    def validate_unique(self):
        """The service refuses a language the library already has."""


class PhraseForm(forms.Form):
    meaning_en = forms.CharField(
        label=_("What it says, in English"), max_length=200, widget=forms.TextInput(attrs={"lang": "en"})
    )
    meaning_es = forms.CharField(
        label=_("What it says, in Spanish"), max_length=200, widget=forms.TextInput(attrs={"lang": "es"})
    )


class TranslationsForm(VersionFormMixin):
    """One field per phrase of the library, for one language; the language's version covers them all."""

    def __init__(self, *args, language, phrases, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["version"] = language.version
        current = {
            t.phrase_id: t.text
            for phrase in phrases
            for t in phrase.translations.all()
            if t.language_id == language.pk
        }
        for phrase in phrases:
            self.fields[f"phrase_{phrase.pk}"] = forms.CharField(
                label=phrase.meaning,
                required=False,
                max_length=300,
                initial=current.get(phrase.pk, ""),
                widget=forms.TextInput(attrs={"lang": language.code, "dir": language.direction}),
            )

    def texts(self) -> dict[int, str]:
        return {
            int(name.removeprefix("phrase_")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("phrase_")
        }
