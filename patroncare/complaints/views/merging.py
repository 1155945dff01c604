"""Merging a duplicate case into the one that carries on."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .. import forms, selectors, services
from .actions import CaseActionView


class MergeView(CaseActionView):
    action = "merge"

    def bound_form(self, request, complaint):
        form = forms.MergeForm(request.POST)
        form.auto_id = "id_merge_%s"
        return form

    def perform(self, request, complaint, form):
        data = form.cleaned_data
        other = selectors.merge_candidate_for(user=request.user, reference=data["reference"])
        if other is None:
            # The same words for a missing case and for one the user may not see.
            raise ValidationError(_("No case with that reference that you can see."))
        services.complaint_merge(actor=request.user, complaint=complaint, into=other, reason=data["reason"])
        return _("%(merged)s merged into %(reference)s.") % {
            "merged": complaint.reference,
            "reference": other.reference,
        }
