from django import forms
from django.utils.translation import gettext_lazy as _

from patroncare.accounts.models import Role
from patroncare.core.concurrency import VersionFormMixin
from patroncare.core.forms import https_by_default

from .models import OidcProvider, RoleMapping


class OidcProviderForm(VersionFormMixin, forms.ModelForm):
    client_secret = forms.CharField(
        label=_("Client secret"),
        required=False,
        max_length=500,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text=_("Stored encrypted. Leave empty to keep the current one."),
    )

    class Meta:
        model = OidcProvider
        formfield_callback = https_by_default
        fields = ["name_en", "name_es", "issuer", "client_id", "allowed_domains", "enabled"]
        labels = {
            "name_en": _("Name on the button (English)"),
            "name_es": _("Name on the button (Spanish)"),
        }

    def __init__(self, *args, secret_from_environment: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name_en"].required = True
        self.fields["name_es"].required = True
        if not self.instance.pk:
            self.fields["version"].required = False
        if secret_from_environment:
            self.fields["client_secret"].disabled = True
            self.fields["client_secret"].help_text = _(
                "Set by the server's environment; it cannot be changed here."
            )

    def clean_issuer(self):
        issuer = self.cleaned_data["issuer"].rstrip("/")
        if not issuer.startswith("https://") and not issuer.startswith(
            ("http://127.0.0.1", "http://localhost")
        ):
            raise forms.ValidationError(_("The issuer must be an https:// address."))
        return issuer

    def clean_allowed_domains(self):
        domains = [d.strip().lower().lstrip("@") for d in self.cleaned_data["allowed_domains"].split(",")]
        domains = [d for d in domains if d]
        if not domains or any("." not in d or " " in d for d in domains):
            raise forms.ValidationError(
                _("Enter at least one domain, such as riverbend.example, separated by commas.")
            )
        return ", ".join(domains)

    def clean(self):
        data = super().clean()
        if (
            not self.instance.pk
            and not data.get("client_secret")
            and not self.fields["client_secret"].disabled
        ):
            self.add_error("client_secret", _("Enter the client secret the provider gave you."))
        return data

    def service_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class RoleMappingForm(forms.ModelForm):
    class Meta:
        model = RoleMapping
        fields = ["source", "group", "role", "branch"]
        help_texts = {
            "group": _(
                "The group's name as the directory or the provider's groups claim gives it; "
                "* gives the role to everyone the provider lets in."
            )
        }

    def __init__(self, *args, system, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["branch"].queryset = system.branches.order_by("name")
        self.fields["branch"].empty_label = _("Whole library system")
        self.fields["role"].choices = Role.choices
