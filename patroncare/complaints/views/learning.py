"""Learning pages: patterns, policy reviews, public statements and aggregate figures."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View

from patroncare.core.access import ActionMixin, PermissionRequiredMixin
from patroncare.core.concurrency import StaleEditError
from patroncare.core.forms import add_service_errors

from .. import forms, permissions, selectors, services
from ..models import PolicyReview, PublicStatement, StatementStatus


class PatternsView(PermissionRequiredMixin, View):
    permission = permissions.can_see_patterns

    def get(self, request):
        return self.render_patterns(request)

    def post(self, request):
        """Open a review for one pattern: its cases come from the form, limited to what the user can see."""
        owners = list(selectors.owner_choices(system=request.user.library_system))
        form = forms.PatternReviewForm(request.POST, owners=owners)
        if form.is_valid():
            data = form.cleaned_data
            cases = list(selectors.visible_complaints(user=request.user).filter(pk__in=data["cases"]))
            try:
                review = services.review_open_for_pattern(
                    actor=request.user,
                    system=request.user.library_system,
                    subject=data["subject"],
                    owner=data["owner"],
                    due_date=data["due_date"],
                    cases=cases,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The review was opened and the cases linked to it."))
                return redirect("complaints:review_detail", pk=review.pk)
        return self.render_patterns(request, failed=form, status=400)

    def render_patterns(self, request, failed=None, status=200):
        patterns = selectors.patterns_for(user=request.user)
        ids = {pk for pattern in patterns for pk in pattern.case_ids}
        cases = {
            c.pk: c
            for c in selectors.visible_complaints(user=request.user)
            .filter(pk__in=ids)
            .select_related("branch", "category")
        }
        owners = list(selectors.owner_choices(system=request.user.library_system))
        rows = []
        for number, pattern in enumerate(patterns, start=1):
            members = [cases[pk] for pk in pattern.case_ids if pk in cases]
            ids = ",".join(str(case.pk) for case in members)
            form = (
                failed
                if failed is not None and failed.data.get("cases") == ids
                else forms.PatternReviewForm(owners=owners, initial={"subject": pattern.label, "cases": ids})
            )
            form.auto_id = f"id_pattern{number}_%s"
            rows.append((pattern, members, form))
        return render(
            request,
            "complaints/patterns.html",
            {
                "rows": rows,
                "config": selectors.settings_for(request.user.library_system),
                "nav_current": "complaints",
            },
            status=status,
        )


class ReviewListView(PermissionRequiredMixin, View):
    permission = permissions.can_manage_reviews

    def get(self, request):
        return render(
            request,
            "complaints/reviews.html",
            {"reviews": selectors.reviews_visible_to(user=request.user), "nav_current": "complaints"},
        )


class ReviewDetailView(PermissionRequiredMixin, View):
    permission = permissions.can_manage_reviews
    scoped_model = PolicyReview

    def _render(self, request, review, form=None, status=200):
        return render(
            request,
            "complaints/review_detail.html",
            {
                "review": review,
                "cases": selectors.review_cases(user=request.user, review=review),
                "form": form or forms.ReviewCompleteForm(),
                "nav_current": "complaints",
            },
            status=status,
        )

    def get(self, request, pk):
        return self._render(request, selectors.review_get_for(user=request.user, pk=pk))

    def post(self, request, pk):
        review = selectors.review_get_for(user=request.user, pk=pk)
        form = forms.ReviewCompleteForm(request.POST)
        if form.is_valid():
            try:
                services.review_complete(
                    actor=request.user, review=review, outcome=form.cleaned_data["outcome"]
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The review is recorded as done."))
                return redirect("complaints:review_detail", pk=review.pk)
        return self._render(request, review, form, status=400)


class StatementListView(PermissionRequiredMixin, View):
    permission = permissions.can_see_statements

    def get(self, request):
        rows = [
            (statement, *statement.text_in(get_language())[::2])
            for statement in selectors.statements_visible_to(user=request.user)
        ]
        return render(request, "complaints/statements.html", {"rows": rows, "nav_current": "complaints"})


class StatementDetailView(PermissionRequiredMixin, View):
    permission = permissions.can_see_statements
    scoped_model = PublicStatement

    def edit_form(self, statement, data=None):
        initial = {
            "title": statement.title_en,
            "body": statement.body_en,
            "title_es": statement.title_es or "",
            "body_es": statement.body_es or "",
        }
        form = forms.StatementEditForm(data, initial={**initial, "version": statement.version})
        form.auto_id = "id_edit_%s"
        return form

    def comment_form(self, data=None):
        form = forms.StatementCommentForm(data)
        form.auto_id = "id_comment_%s"
        return form

    def render_statement(self, request, statement, *, edit_form=None, comment_form=None, status=200):
        can = permissions.StatementCapabilities.for_user(request.user, statement)
        heading, _body, heading_lang = statement.text_in(get_language())
        return render(
            request,
            "complaints/statement_detail.html",
            {
                "statement": statement,
                "heading": heading,
                "heading_lang": heading_lang,
                "comments": selectors.statement_comments(statement=statement),
                "nav_current": "complaints",
                "needs_spanish": not statement.has_both_languages,
                "can": can,
                "edit_form": (edit_form or self.edit_form(statement)) if can.edit else None,
                "comment_form": (comment_form or self.comment_form()) if can.comment else None,
            },
            status=status,
        )

    def get(self, request, pk):
        return self.render_statement(request, selectors.statement_get_for(user=request.user, pk=pk))


class StatementEditView(ActionMixin, StatementDetailView):
    """The drafter or the director changes the draft's text; after approval it is refused."""

    def post(self, request, pk):
        statement = selectors.statement_get_for(user=request.user, pk=pk)
        if not permissions.can_edit_statement(request.user, statement):
            raise PermissionDenied
        form = self.edit_form(statement, request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.statement_edit(
                    actor=request.user,
                    statement=statement,
                    expected_version=data["version"],
                    title=data["title"],
                    body=data["body"],
                    title_es=data["title_es"],
                    body_es=data["body_es"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
                stale = isinstance(error, StaleEditError)
            else:
                messages.success(request, _("The statement was saved."))
                return redirect("complaints:statement_detail", pk=statement.pk)
        else:
            stale = False
        statement.refresh_from_db()
        if stale:
            # What was typed stays; saving again (after a look at the other changes) is then deliberate.
            form.data = form.data.copy()
            form.data["version"] = statement.version
        if statement.status != StatementStatus.DRAFT:
            messages.error(request, " ".join(form.non_field_errors()))
        return self.render_statement(request, statement, edit_form=form, status=400)


class StatementCommentView(ActionMixin, StatementDetailView):
    """A trustee comments or objects; the director may reply. Other roles are refused."""

    def post(self, request, pk):
        statement = selectors.statement_get_for(user=request.user, pk=pk)
        if not permissions.can_comment_statement(request.user, statement):
            raise PermissionDenied
        form = self.comment_form(request.POST)
        objection = request.POST.get("intent") == "object"
        if form.is_valid():
            try:
                services.statement_comment(
                    actor=request.user,
                    statement=statement,
                    body=form.cleaned_data["body"],
                    is_objection=objection,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Your objection was recorded. The statement is back with the director as a draft.")
                    if objection
                    else _("Your comment was added."),
                )
                return redirect("complaints:statement_detail", pk=statement.pk)
        statement.refresh_from_db()
        return self.render_statement(request, statement, comment_form=form, status=400)


class StatementStepView(PermissionRequiredMixin, View):
    permission = permissions.can_see_statements
    scoped_model = PublicStatement
    steps = {
        "approve": (permissions.can_approve_statement, services.statement_approve),
        "trustee-review": (permissions.can_trustee_review, services.statement_trustee_review),
        "publish": (permissions.can_publish_statement, services.statement_publish),
    }

    def post(self, request, pk, step):
        if step not in self.steps:
            raise Http404
        statement = selectors.statement_get_for(user=request.user, pk=pk)
        allowed, service = self.steps[step]
        if not allowed(request.user):
            raise PermissionDenied
        extra = {}
        if step == "approve" and request.POST.get("version", "").isdigit():
            # The director approves the text they read: an edit saved meanwhile stops the approval.
            extra["expected_version"] = int(request.POST["version"])
        try:
            service(actor=request.user, statement=statement, **extra)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The statement was updated."))
        return redirect("complaints:statement_detail", pk=statement.pk)


class FiguresView(PermissionRequiredMixin, View):
    """Aggregate figures. Trustees see these and nothing else: no reference, no narrative, no patron."""

    permission = permissions.can_see_figures

    def get(self, request):
        return render(
            request,
            "complaints/figures.html",
            {"figures": selectors.figures_for(user=request.user), "nav_current": "complaints"},
        )
