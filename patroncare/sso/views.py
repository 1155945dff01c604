from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View

from patroncare.core.access import ActionMixin, PermissionRequiredMixin
from patroncare.core.forms import add_service_errors
from patroncare.core.headers import set_language_cookie

from . import oidc, secrets, selectors, services
from .forms import OidcProviderForm, RoleMappingForm
from .middleware import PROVIDER_MFA_SESSION_KEY
from .permissions import can_configure_sign_on

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _safe(request, target: str) -> str:
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("core:desk")


def _callback_uri(request, provider) -> str:
    return request.build_absolute_uri(reverse("sso:oidc_callback", args=[provider.library_system.slug]))


class OidcStartView(View):
    """The "Sign in with ..." button: off to the library's provider, with state, nonce and PKCE kept here."""

    def get(self, request, slug):
        provider = selectors.provider_for_sign_in(slug=slug)
        try:
            url = oidc.authorization_url(
                provider=provider,
                redirect_uri=_callback_uri(request, provider),
                session=request.session,
                next_url=request.GET.get("next", ""),
            )
        except services.SignInRefused as refusal:
            messages.error(request, refusal.message)
            return redirect("accounts:login")
        return HttpResponseRedirect(url)


class OidcCallbackView(View):
    """The provider sends the browser back here; nothing is created unless every check passes."""

    def get(self, request, slug):
        provider = selectors.provider_for_sign_in(slug=slug)
        try:
            person, second_factor, next_url = oidc.complete(
                provider=provider,
                redirect_uri=_callback_uri(request, provider),
                session=request.session,
                query=request.GET,
            )
            user = services.sso_sign_in(system=provider.library_system, person=person)
        except services.SignInRefused as refusal:
            messages.error(request, refusal.message)
            return redirect("accounts:login")
        auth_login(request, user, backend=MODEL_BACKEND)
        if second_factor:
            request.session[PROVIDER_MFA_SESSION_KEY] = user.pk
        response = redirect(_safe(request, next_url))
        set_language_cookie(response, user.preferred_language)
        return response


class SignOnSettingsView(PermissionRequiredMixin, View):
    permission = can_configure_sign_on
    template_name = "sso/settings.html"

    def render_page(self, request, *, provider_form=None, mapping_form=None, status=200):
        user = request.user
        provider = selectors.provider_of(user=user)
        system = user.library_system
        from_environment = secrets.secret_from_environment(system)
        context = {
            "provider": provider,
            "provider_form": provider_form
            or OidcProviderForm(instance=provider, secret_from_environment=from_environment),
            "mapping_form": mapping_form or RoleMappingForm(system=system),
            "mappings": selectors.mappings_of(user=user),
            "secret_variable": secrets.environment_variable(system),
            "callback_uri": request.build_absolute_uri(reverse("sso:oidc_callback", args=[system.slug])),
            "tab": "sso",
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request):
        return self.render_page(request)


class ProviderSaveView(ActionMixin, SignOnSettingsView):
    def post(self, request):
        provider = selectors.provider_of(user=request.user)
        form = OidcProviderForm(
            request.POST,
            instance=provider,
            secret_from_environment=secrets.secret_from_environment(request.user.library_system),
        )
        if form.is_valid():
            try:
                services.oidc_provider_save(
                    actor=request.user,
                    values=form.service_values(),
                    client_secret=form.cleaned_data.get("client_secret") or "",
                    expected_version=form.cleaned_data.get("version") or 0,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The sign-in service settings were saved."))
                return redirect("sso:settings")
        return self.render_page(request, provider_form=form, status=400)


class MappingAddView(ActionMixin, SignOnSettingsView):
    def post(self, request):
        form = RoleMappingForm(request.POST, system=request.user.library_system)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.role_mapping_add(
                    actor=request.user,
                    source=data["source"],
                    group=data["group"],
                    role=data["role"],
                    branch=data["branch"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, _("The mapping was added. It applies at each person's next sign-in.")
                )
                return redirect("sso:settings")
        return self.render_page(request, mapping_form=form, status=400)


class MappingRemoveView(ActionMixin, SignOnSettingsView):
    def post(self, request, pk):
        mapping = selectors.mapping_get_for(user=request.user, pk=pk)
        services.role_mapping_remove(actor=request.user, mapping=mapping)
        messages.success(request, _("The mapping was removed. It applies at each person's next sign-in."))
        return redirect("sso:settings")
