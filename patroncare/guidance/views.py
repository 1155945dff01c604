"""Desk guidance pages: readable in seconds on a phone, printable as a quick card."""

import copy

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View

from patroncare.core.access import PermissionRequiredMixin
from patroncare.policies.selectors import policy_choices, rules_for_linking
from patroncare.referrals import selectors as referral_selectors

from . import permissions, selectors, services
from .content import PLAYBOOKS as STANDARD_PLAYBOOKS
from .forms import PhraseForm, PhraseLanguageForm, PlaybookSettingsForm, PlaybookTextForm, TranslationsForm
from .models import LANGUAGE_CODES, PhraseLanguage


class GuidanceView(PermissionRequiredMixin, View):
    permission = permissions.can_read_guidance


def _playbook_context(request, playbook):
    text = selectors.text_for(playbook)
    if text is None:
        raise Http404
    context = {
        "playbook": playbook,
        "text": text,
        "policies": playbook.related_policies.all(),
        "rules": playbook.related_rules.select_related("behaviour_class").order_by("code"),
        "can_edit": permissions.can_edit_guidance(request.user),
        "nav_current": "guidance",
        # The library's own community resources for this situation, and its crisis line.
        "resources": referral_selectors.resources_for_playbook(user=request.user, slug=playbook.slug),
        "crisis_line": referral_selectors.crisis_line(user=request.user),
    }
    if playbook.shows_phrase_cards:
        context["languages"], context["phrases"] = selectors.phrase_cards(user=request.user)
    return context


class PlaybookIndexView(GuidanceView):
    def get(self, request):
        playbooks = selectors.playbook_list(
            user=request.user, include_inactive=permissions.can_edit_guidance(request.user)
        )
        rows = [(playbook, selectors.text_for(playbook)) for playbook in playbooks]
        can_edit = permissions.can_edit_guidance(request.user)
        return render(
            request,
            "guidance/index.html",
            {
                "rows": [r for r in rows if r[1]],
                "nav_current": "guidance",
                "can_install": can_edit and len(rows) < len(STANDARD_PLAYBOOKS),
            },
        )


class InstallStandardView(GuidanceView):
    """A new library adds the playbooks and phrase cards PatronCare ships; ones it already has are kept."""

    permission = permissions.can_edit_guidance

    def post(self, request):
        rules = {rule.code: rule for rule in rules_for_linking(user=request.user)}
        created = services.playbooks_install_standard(
            system=request.user.library_system, actor=request.user, rules=rules
        )
        services.phrase_cards_install_standard(system=request.user.library_system)
        messages.success(request, _("%(count)s playbooks were added.") % {"count": len(created)})
        return redirect("guidance:index")


class PlaybookView(GuidanceView):
    def get(self, request, slug):
        playbook = selectors.playbook_get(user=request.user, slug=slug)
        return render(request, "guidance/playbook.html", _playbook_context(request, playbook))


class PlaybookCardView(GuidanceView):
    """The quick card: one printable page (PDF, WeasyPrint) of the playbook in the active language."""

    def get(self, request, slug):
        from weasyprint import HTML  # imported here: loading pango is only needed for the card itself

        playbook = selectors.playbook_get(user=request.user, slug=slug)
        html = render_to_string(
            "guidance/card_pdf.html", _playbook_context(request, playbook), request=request
        )
        pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = (
            f'inline; filename="playbook-{playbook.slug}-{get_language()[:2]}.pdf"'
        )
        return response


class PhraseCardsView(GuidanceView):
    def get(self, request):
        languages, phrases = selectors.phrase_cards(user=request.user)
        return render(
            request,
            "guidance/phrases.html",
            {
                "languages": languages,
                "phrases": phrases,
                "nav_current": "guidance",
                "can_edit": permissions.can_edit_guidance(request.user),
            },
        )


class PlaybookEditView(GuidanceView):
    permission = permissions.can_edit_guidance
    template_name = "guidance/edit.html"

    def _language(self, request):
        language = request.GET.get("language") or request.POST.get("language") or "en"
        if language not in LANGUAGE_CODES:
            raise Http404
        return language

    def _render(self, request, playbook, form, language, status=200):
        return render(
            request,
            self.template_name,
            {
                "playbook": playbook,
                "form": form,
                "language": language,
                "languages": LANGUAGE_CODES,
                "nav_current": "guidance",
            },
            status=status,
        )

    def get(self, request, slug):
        playbook = selectors.playbook_get(user=request.user, slug=slug, include_inactive=True)
        language = self._language(request)
        text = selectors.text_for(playbook, language)
        instance = text if text is not None and text.language == language else None
        return self._render(
            request, playbook, PlaybookTextForm(instance=instance, playbook=playbook), language
        )

    def post(self, request, slug):
        playbook = selectors.playbook_get(user=request.user, slug=slug, include_inactive=True)
        language = self._language(request)
        form = PlaybookTextForm(request.POST, playbook=playbook)
        if form.is_valid():
            try:
                services.playbook_text_update(
                    actor=request.user,
                    playbook=copy.copy(playbook),
                    language=language,
                    expected_version=form.cleaned_data["version"],
                    **{name: form.cleaned_data[name] for name in PlaybookTextForm.Meta.fields},
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The playbook was saved."))
                return redirect("guidance:playbook", slug=playbook.slug)
        return self._render(request, playbook, form, language, status=400)


class PlaybookSettingsView(GuidanceView):
    permission = permissions.can_edit_guidance
    template_name = "guidance/settings.html"

    def _form(self, request, playbook, data=None):
        return PlaybookSettingsForm(
            data,
            playbook=playbook,
            policies=policy_choices(user=request.user),
            rules=rules_for_linking(user=request.user),
        )

    def get(self, request, slug):
        playbook = selectors.playbook_get(user=request.user, slug=slug, include_inactive=True)
        return render(
            request,
            self.template_name,
            {
                "playbook": playbook,
                "text": selectors.text_for(playbook),
                "form": self._form(request, playbook),
            },
        )

    def post(self, request, slug):
        playbook = selectors.playbook_get(user=request.user, slug=slug, include_inactive=True)
        form = self._form(request, playbook, request.POST)
        if form.is_valid():
            try:
                services.playbook_settings_update(
                    actor=request.user,
                    playbook=copy.copy(playbook),
                    expected_version=form.cleaned_data["version"],
                    on_desk=form.cleaned_data["on_desk"],
                    order=form.cleaned_data["order"],
                    is_active=form.cleaned_data["is_active"],
                    related_policies=list(form.cleaned_data["related_policies"]),
                    related_rules=list(form.cleaned_data["related_rules"]),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The playbook settings were saved."))
                return redirect("guidance:playbook", slug=playbook.slug)
        return render(
            request,
            self.template_name,
            {"playbook": playbook, "text": selectors.text_for(playbook), "form": form},
            status=400,
        )


class PlaybookHistoryView(GuidanceView):
    permission = permissions.can_edit_guidance

    def get(self, request, slug):
        playbook = selectors.playbook_get(user=request.user, slug=slug, include_inactive=True)
        return render(
            request,
            "guidance/history.html",
            {
                "playbook": playbook,
                "text": selectors.text_for(playbook),
                "revisions": selectors.revisions(playbook=playbook),
                "nav_current": "guidance",
            },
        )


class PhraseManageView(GuidanceView):
    """Administrators choose the languages of the phrase cards and add phrases."""

    permission = permissions.can_edit_guidance
    template_name = "guidance/phrases_manage.html"

    def _render(self, request, language_form=None, phrase_form=None, status=200):
        languages, phrases = selectors.phrase_cards(user=request.user)
        return render(
            request,
            self.template_name,
            {
                "languages": languages,
                "phrases": phrases,
                "nav_current": "guidance",
                "language_form": language_form or PhraseLanguageForm(prefix="language"),
                "phrase_form": phrase_form or PhraseForm(prefix="phrase"),
            },
            status=status,
        )

    def get(self, request):
        return self._render(request)

    def post(self, request):
        system = request.user.library_system
        if "language-code" in request.POST:
            form = PhraseLanguageForm(request.POST, prefix="language")
            if form.is_valid():
                try:
                    language = services.phrase_language_add(
                        actor=request.user, system=system, **form.cleaned_data
                    )
                except ValidationError as error:
                    form.add_error(None if not hasattr(error, "error_dict") else "code", error.messages)
                else:
                    messages.success(
                        request,
                        _("%(language)s was added. Now translate the phrases.")
                        % {"language": language.english_name},
                    )
                    return redirect("guidance:phrase_language", pk=language.pk)
            return self._render(request, language_form=form, status=400)
        form = PhraseForm(request.POST, prefix="phrase")
        if form.is_valid():
            try:
                services.phrase_create(actor=request.user, system=system, **form.cleaned_data)
            except ValidationError as error:
                form.add_error("meaning_en", error.messages)
            else:
                messages.success(request, _("The phrase was added. Translate it in each language."))
                return redirect("guidance:phrases_manage")
        return self._render(request, phrase_form=form, status=400)


class PhraseLanguageView(GuidanceView):
    permission = permissions.can_edit_guidance
    scoped_model = PhraseLanguage
    template_name = "guidance/phrase_language.html"

    def _context(self, request, pk, data=None):
        language = selectors.phrase_language_get(user=request.user, pk=pk)
        _languages, phrases = selectors.phrase_cards(user=request.user)
        form = TranslationsForm(data, language=language, phrases=phrases)
        return {"language": language, "form": form, "nav_current": "guidance"}

    def get(self, request, pk):
        return render(request, self.template_name, self._context(request, pk))

    def post(self, request, pk):
        context = self._context(request, pk, request.POST)
        form = context["form"]
        if form.is_valid():
            try:
                services.phrase_translations_save(
                    actor=request.user,
                    language=context["language"],
                    texts=form.texts(),
                    expected_version=form.cleaned_data["version"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The phrase cards were saved."))
                return redirect("guidance:phrases")
        return render(request, self.template_name, context, status=400)
