from base64 import b32encode
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from patroncare.core.forms import add_service_errors
from patroncare.core.headers import set_language_cookie

from . import services
from .forms import (
    EmailAuthenticationForm,
    OneTimeCodeForm,
    ProfileForm,
    QueuedPasswordResetForm,
    TwoFactorDisableForm,
)
from .lockout import address_is_refused, count_failure_from_address
from .models import User
from .permissions import can_change_two_factor_device, has_two_factor_device, requires_two_factor, role_scopes


class SignInView(auth_views.LoginView):
    form_class = EmailAuthenticationForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        if address_is_refused(request):
            form = self.get_form()
            form.errors.clear()
            form.add_error(
                None,
                _(
                    "Too many failed sign-ins have come from this network. Wait an hour and try again, "
                    "or ask your library's administrator."
                ),
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        count_failure_from_address(self.request)
        return super().form_invalid(form)

    def form_valid(self, form):
        response = super().form_valid(form)
        # The interface follows the language the member of staff chose, on every device they sign in from.
        set_language_cookie(response, form.get_user().preferred_language)
        return response


class SignOutView(auth_views.LogoutView):
    http_method_names = ["post", "options"]


class PasswordResetView(auth_views.PasswordResetView):
    form_class = QueuedPasswordResetForm
    success_url = reverse_lazy("accounts:password_reset_done")
    email_template_name = "accounts/email/password_reset_body.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordChangeView(auth_views.PasswordChangeView):
    success_url = reverse_lazy("accounts:account")

    def form_valid(self, form):
        messages.success(self.request, _("Your password was changed."))
        return super().form_valid(form)


def _safe_next(request, default="core:desk"):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse_lazy(default)


class TwoFactorVerifyView(LoginRequiredMixin, View):
    template_name = "accounts/two_factor_verify.html"

    def get(self, request):
        if request.user.is_verified():
            return redirect(_safe_next(request))
        return render(request, self.template_name, {"form": OneTimeCodeForm(), "next": _safe_next(request)})

    def post(self, request):
        form = OneTimeCodeForm(request.POST)
        device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
        if form.is_valid() and device is not None:
            allowed, _details = device.verify_is_allowed()
            if not allowed:
                form.add_error("code", _("Too many wrong codes. Wait a minute, then try again."))
            elif device.verify_token(form.cleaned_data["code"]):
                otp_login(request, device)
                return redirect(_safe_next(request))
            else:
                form.add_error("code", _("That code is not right or has expired. Enter the code shown now."))
        return render(request, self.template_name, {"form": form, "next": _safe_next(request)}, status=400)


def _to_verify_step(request):
    """The verify step, coming back to this page once the code is entered."""
    return redirect(f"{reverse('accounts:two_factor_verify')}?{urlencode({'next': request.get_full_path()})}")


class TwoFactorSetupView(LoginRequiredMixin, View):
    """Enrol an authenticator app, or move to a new one.

    Nothing is written until a code proves the app holds the secret: the secret waits in the session, so
    reloading the page shows the same QR code and the person's current device keeps working until then.
    """

    template_name = "accounts/two_factor_setup.html"
    session_key = "two_factor_setup_key"

    def dispatch(self, request, *args, **kwargs):
        # A password-only sign-in of someone who has a device must first prove they hold it.
        if request.user.is_authenticated and not can_change_two_factor_device(request.user):
            return _to_verify_step(request)
        return super().dispatch(request, *args, **kwargs)

    def _pending_key(self, request) -> str:
        key = request.session.get(self.session_key)
        if not _is_key(key):
            key = services.two_factor_new_key()
            request.session[self.session_key] = key
        return key

    def _render(self, request, form, key, status=200):
        device = TOTPDevice(user=request.user, key=key, name=services.TWO_FACTOR_DEVICE_NAME)
        image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=12)
        context = {
            "form": form,
            "qr_svg": image.to_string(encoding="unicode"),
            "secret": _group(_base32(device.bin_key)),
            "required": requires_two_factor(request.user),
            "replacing": has_two_factor_device(request.user),
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request):
        return self._render(request, OneTimeCodeForm(), self._pending_key(request))

    def post(self, request):
        key = request.session.get(self.session_key)
        if not _is_key(key):  # the page was never shown in this sign-in: show it, with a fresh secret
            return redirect("accounts:two_factor_setup")
        form = OneTimeCodeForm(request.POST)
        if form.is_valid():
            replacing = has_two_factor_device(request.user)
            try:
                device = services.two_factor_device_confirm(
                    user=request.user, key=key, token=form.cleaned_data["code"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                request.session.pop(self.session_key, None)
                otp_login(request, device)
                if replacing:
                    messages.success(request, _("Two-factor sign-in now uses your new phone."))
                else:
                    messages.success(
                        request, _("Two-factor sign-in is on. You will be asked for a code at each sign-in.")
                    )
                return redirect("core:desk")
        return self._render(request, form, key, status=400)


class TwoFactorDisableView(LoginRequiredMixin, View):
    http_method_names = ["post", "options"]

    def post(self, request):
        if requires_two_factor(request.user):
            messages.error(request, _("Your role requires two-factor sign-in, so it cannot be turned off."))
            return redirect("accounts:account")
        form = TwoFactorDisableForm(request.POST)
        if form.is_valid():
            try:
                services.two_factor_disable(user=request.user, token=form.cleaned_data["code"])
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Two-factor sign-in is off."))
                return redirect("accounts:account")
        return AccountView().render_page(
            request, ProfileForm(instance=request.user), disable_form=form, status=400
        )


class AccountView(LoginRequiredMixin, View):
    template_name = "accounts/account.html"

    def render_page(self, request, form, *, disable_form=None, status=200):
        user = request.user
        context = {
            "form": form,
            "disable_form": disable_form or TwoFactorDisableForm(),
            "has_device": has_two_factor_device(user),
            "two_factor_required": requires_two_factor(user),
            "assignments": user.role_assignments.select_related("branch"),
            "has_roles": bool(role_scopes(user)),
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request):
        return self.render_page(request, ProfileForm(instance=request.user))

    def post(self, request):
        # The form works on a copy so a rejected value never reaches the signed-in user object.
        form = ProfileForm(request.POST, instance=User.objects.get(pk=request.user.pk))
        if not form.is_valid():
            return self.render_page(request, form, status=400)
        values = dict(form.cleaned_data)
        try:
            user = services.profile_update(
                user=form.instance, expected_version=values.pop("version"), **values
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.render_page(request, form, status=400)
        response = redirect("accounts:account")
        set_language_cookie(response, user.preferred_language)
        messages.success(request, _("Your details were saved."))
        return response


def _is_key(value) -> bool:
    """A 20-byte secret in hex, as services.two_factor_new_key makes it."""
    return isinstance(value, str) and len(value) == 40 and all(c in "0123456789abcdef" for c in value)


def _base32(key: bytes) -> str:
    return b32encode(key).decode().rstrip("=")


def _group(secret: str) -> str:
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
