"""The account page's API tokens: create (the secret is shown once), see the last use, revoke.

An administrator also sees and revokes every token of the library system.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from patroncare.core.access import ActionMixin, PermissionRequiredMixin
from patroncare.core.forms import add_service_errors

from . import forms, permissions, selectors, services
from .models import ApiToken

NEW_SECRET_KEY = "api_new_token"  # noqa: S105 (a session key, not a secret)


class TokensView(PermissionRequiredMixin, View):
    permission = permissions.can_hold_tokens
    template_name = "api/tokens.html"

    def get(self, request):
        # The new secret rides in the session from the create action to this page, and is removed as soon
        # as it is shown: a reload shows it no more and never creates a second token.
        return self.render_page(request, forms.TokenForm(), secret=request.session.pop(NEW_SECRET_KEY, ""))

    def render_page(self, request, form, *, secret="", status=200):
        user = request.user
        context = {
            "form": form,
            "tokens": selectors.tokens_of(user=user),
            "secret": secret,
            "can_manage_all": permissions.can_manage_all_tokens(user),
            "now": timezone.now(),
        }
        return render(request, self.template_name, context, status=status)


class TokenCreateView(ActionMixin, TokensView):
    def post(self, request):
        form = forms.TokenForm(request.POST)
        if form.is_valid():
            try:
                token, secret = services.token_create(actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The token was created. Copy it now: it is shown only once."))
                request.session[NEW_SECRET_KEY] = secret
                return redirect("api_tokens:mine")
        return self.render_page(request, form, status=400)


class TokenRevokeView(ActionMixin, PermissionRequiredMixin, View):
    permission = permissions.can_hold_tokens
    scoped_model = ApiToken

    def post(self, request, pk):
        token = selectors.token_get_for(user=request.user, pk=pk)
        services.token_revoke(actor=request.user, token=token)
        messages.success(request, _("The token was revoked. It no longer works."))
        if token.user_id != request.user.pk:
            return redirect("api_tokens:all")
        return redirect("api_tokens:mine")


class AllTokensView(PermissionRequiredMixin, View):
    permission = permissions.can_manage_all_tokens

    def get(self, request):
        tokens = selectors.tokens_of_system(user=request.user)
        return render(request, "api/all_tokens.html", {"tokens": tokens, "now": timezone.now()})
