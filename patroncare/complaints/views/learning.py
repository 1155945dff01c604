"""Learning pages: patterns, policy reviews, public statements and aggregate figures."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from patroncare.core.access import PermissionRequiredMixin

from .. import forms, permissions, selectors, services
from ..models import PolicyReview, PublicStatement


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
        return render(
            request,
            "complaints/statements.html",
            {"statements": selectors.statements_visible_to(user=request.user), "nav_current": "complaints"},
        )


class StatementDetailView(PermissionRequiredMixin, View):
    permission = permissions.can_see_statements
    scoped_model = PublicStatement

    def get(self, request, pk):
        statement = selectors.statement_get_for(user=request.user, pk=pk)
        user = request.user
        return render(
            request,
            "complaints/statement_detail.html",
            {
                "statement": statement,
                "nav_current": "complaints",
                "can_approve": permissions.can_approve_statement(user),
                "can_trustee_review": permissions.can_trustee_review(user),
                "can_publish": permissions.can_publish_statement(user),
            },
        )


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
        try:
            service(actor=request.user, statement=statement)
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
