"""The forms of the import steps: the upload, the column of each field, the library's value of each text."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Kind
from .reading import MAX_BYTES


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("What the file holds"), choices=Kind.choices)
    source = forms.CharField(
        label=_("Where it comes from"),
        max_length=80,
        help_text=_(
            "A name for this source, e.g. “Incident Google Form”. "
            "The columns you choose are remembered for it."
        ),
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "CSV (UTF-8 or Windows-1252) or XLSX, as Google Forms, Sheets, Excel or LibInsight save it; "
            "20 MB at most."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB. Split it and import each part."))
        return upload


class ColumnsForm(forms.Form):
    """One choice of column per field of the kind; the row key; the defaults for the whole file."""

    def __init__(self, *args, importer, header, defaults_choices, **kwargs):
        super().__init__(*args, **kwargs)
        columns = [("", _("— not in the file —"))] + [(h, h) for h in header]
        for name in importer.fields:
            self.fields[f"col_{name}"] = forms.ChoiceField(
                label=importer.labels[name], choices=columns, required=name in importer.required
            )
        self.fields["row_key"] = forms.ChoiceField(
            label=_("Column that identifies a row"),
            choices=[("", _("— none: the whole row identifies it —"))] + [(h, h) for h in header],
            required=False,
            help_text=_(
                "A form's timestamp or an entry number. Importing the same row again then changes nothing."
            ),
        )
        for name, (label, choices) in defaults_choices.items():
            self.fields[f"default_{name}"] = forms.ChoiceField(
                label=label, choices=[("", "—")] + list(choices), required=False
            )

    def columns(self, importer) -> dict:
        return {name: self.cleaned_data.get(f"col_{name}", "") for name in importer.fields}

    def defaults(self) -> dict:
        return {k[8:]: v for k, v in self.cleaned_data.items() if k.startswith("default_") and v}


class ValuesForm(forms.Form):
    """For each text of the file in a matched column, the library's value it means (suggested by likeness)."""

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.groups = []
        for name, label, choices, texts in groups:
            fields = []
            for index, (text, suggested) in enumerate(texts.items()):
                key = f"v_{name}_{index}"
                self.fields[key] = forms.ChoiceField(
                    label=text,
                    choices=[("", _("— no match —"))] + list(choices),
                    required=False,
                    initial=suggested,
                )
                fields.append((key, text))
            self.groups.append((name, label, fields))

    def values(self) -> dict:
        out = {}
        for name, _label, fields in self.groups:
            chosen = {text: self.cleaned_data.get(key, "") for key, text in fields}
            out[name] = {text: value for text, value in chosen.items() if value}
        return out

    def bound_groups(self):
        return [(name, label, [self[key] for key, _text in fields]) for name, label, fields in self.groups]
