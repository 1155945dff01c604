from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.exceptions import ValidationError
from django.forms import BaseFormSet, formset_factory
from django.template import loader
from django.utils.translation import gettext_lazy as _

from patroncare.core.concurrency import VersionFormMixin
from patroncare.core.tasks import send_email
from patroncare.libraries.models import Branch

from .models import Role, User


class EmailAuthenticationForm(AuthenticationForm):
    # 254 characters is the longest address mail can carry; the lockout records store no more than 255.
    username = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        error_messages={
            "max_length": _("An e-mail address has at most 254 characters. Check what you typed."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    error_messages = {
        "invalid_login": _(
            "That e-mail address and password do not match an active account. Check both and try again."
        ),
        "inactive": _("This account is not active. Ask your library's administrator."),
    }

    def get_invalid_login_error(self):
        # A backend that checked the password but would not let the person in (the library's directory:
        # no role, directory down) leaves its reason on the request; say that rather than "wrong password".
        refusal = getattr(self.request, "sign_in_refusal", None)
        if refusal:
            return ValidationError(refusal, code="refused")
        return super().get_invalid_login_error()


class QueuedPasswordResetForm(PasswordResetForm):
    """Renders the reset message in the request's language, then hands it to the task engine to send."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        send_email.delay(subject=subject, body=body, to=[to_email])


class OneTimeCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Six-digit code from your authenticator app"),
        min_length=6,
        max_length=6,
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "pattern": "[0-9]{6}",
                "autofocus": True,
            }
        ),
    )

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        if not code.isdigit():
            raise ValidationError(_("The code has six digits and nothing else."))
        return code


class TwoFactorDisableForm(OneTimeCodeForm):
    """The current code, asked for again on the account page before two-factor sign-in is turned off."""

    prefix = "disable"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["code"]
        field.label = _("Current code from your authenticator app")
        # The account page opens on the profile form; the cursor must not jump to this field.
        field.widget.attrs.pop("autofocus", None)


class ProfileForm(VersionFormMixin, forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "preferred_language"]


class StaffForm(VersionFormMixin, forms.ModelForm):
    class Meta:
        model = User
        fields = ["email", "full_name", "preferred_language", "is_active"]
        help_texts = {"is_active": _("Inactive staff cannot sign in. Their records stay.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["email"].disabled = True
            self.fields["email"].help_text = _(
                "The e-mail address is the sign-in name and cannot be changed here."
            )
        else:
            del self.fields["is_active"]
            del self.fields["version"]

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        if not self.instance.pk and User.objects.filter(email__iexact=email).exists():
            raise ValidationError(_("An account with this e-mail address already exists."))
        return email


class RoleRowForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=[("", "—")] + Role.choices, required=False)
    branch = forms.ModelChoiceField(
        label=_("Where"),
        queryset=Branch.objects.none(),
        required=False,
        empty_label=_("Whole library system"),
    )

    def __init__(self, *args, system=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["branch"].queryset = Branch.objects.filter(system=system, is_active=True).order_by("name")


class BaseRoleFormSet(BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        seen = set()
        for form in self.forms:
            role, branch = form.cleaned_data.get("role"), form.cleaned_data.get("branch")
            if not role:
                continue
            if (role, branch) in seen:
                raise ValidationError(_("The same role is listed twice for the same place."))
            seen.add((role, branch))

    def assignments(self) -> list[tuple[str, Branch | None]]:
        return [
            (f.cleaned_data["role"], f.cleaned_data.get("branch"))
            for f in self.forms
            if f.cleaned_data.get("role")
        ]


RoleFormSet = formset_factory(RoleRowForm, formset=BaseRoleFormSet, extra=2, max_num=20)
