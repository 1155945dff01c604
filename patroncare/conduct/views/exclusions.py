"""The board of who is excluded now, the list, issuing an exclusion and its case page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from patroncare.conduct import events
from patroncare.core.access import ActionMixin
from patroncare.core.files import safe_extension, serve_upload
from patroncare.core.forms import add_service_errors
from patroncare.incidents import selectors as incident_selectors
from patroncare.libraries.calendar import today_in
from patroncare.rulebook import selectors as rulebook_selectors
from patroncare.rulebook.models import Outcome

from .. import selectors, services
from ..forms import (
    AppealForm,
    DecisionForm,
    DeliveryForm,
    ExclusionForm,
    PhotoForm,
    ReviewCompleteForm,
)
from ..models import Exclusion, Letter, LetterKind
from ..permissions import (
    ExclusionCapabilities,
    can_see_board,
)
from ..state import (
    ExclusionState,
    appeal_closed_by_end,
    appeal_deadline,
    appeal_deadlines,
    decision_deadline,
    is_appealable,
    notice_date,
)
from ._base import ConductView, letter_response, lift_context, stored_letter_response

LIST_PAGE_SIZE = 50


class BoardView(ConductView):
    permission = can_see_board

    def get(self, request):
        board = selectors.board_for(user=request.user)
        events.board_viewed(actor=request.user)
        return render(
            request, "conduct/board.html", {"board": board, "today": today_in(request.user.library_system)}
        )


class ExclusionListView(ConductView):
    def get(self, request):
        state = request.GET.get("state", "")
        if state not in ExclusionState.values:
            state = ""
        events.exclusion_list_viewed(actor=request.user)
        exclusions = selectors.exclusion_list(user=request.user, state=state)
        page = Paginator(exclusions, LIST_PAGE_SIZE).get_page(request.GET.get("page"))
        return render(
            request,
            "conduct/exclusion_list.html",
            {
                "page": page,
                "exclusions": selectors.with_states(page.object_list, system=request.user.library_system),
                "state": state,
                "states": ExclusionState.choices,
                "query": f"state={state}" if state else "",
            },
        )


class ExclusionCreateView(ConductView):
    template_name = "conduct/exclusion_form.html"

    def _subject(self, request):
        source = request.POST if request.method == "POST" else request.GET
        try:
            incident_pk, person_pk = int(source.get("incident", "")), int(source.get("person", ""))
        except ValueError:
            raise Http404 from None
        incident = incident_selectors.incident_get_for(user=request.user, pk=incident_pk)
        person = next((p for p in incident_selectors.subjects_of(incident) if p.pk == person_pk), None)
        if person is None:
            raise Http404
        return incident, person

    def _render(self, request, incident, person, form, status=200):
        recommendation = services.recommendation_for(incident=incident, person=person)
        return render(
            request,
            self.template_name,
            {
                "incident": incident,
                "person": person,
                "form": form,
                "recommendation": recommendation,
                "current": selectors.exclusions_in_force(
                    system=incident.system, branch=incident.branch, people=[person]
                ),
            },
            status=status,
        )

    def get(self, request):
        incident, person = self._subject(request)
        recommendation = services.recommendation_for(incident=incident, person=person)
        start = today_in(incident.system)
        initial = {
            "start_date": start,
            "rules": list(incident.rules.all()),
            "letter_language": request.LANGUAGE_CODE,
        }
        if recommendation and recommendation.outcome != Outcome.WARNING:
            initial["outcome"] = recommendation.outcome
            if recommendation.shortest_last_day(start):
                initial["end_date"] = recommendation.shortest_last_day(start)
        return self._render(request, incident, person, ExclusionForm(initial=initial, system=incident.system))

    def post(self, request):
        incident, person = self._subject(request)
        form = ExclusionForm(request.POST, system=incident.system)
        if form.is_valid():
            data = form.cleaned_data
            try:
                exclusion = services.exclusion_issue(
                    actor=request.user,
                    incident=incident,
                    person=person,
                    outcome=data["outcome"],
                    start_date=data["start_date"],
                    end_date=data["end_date"],
                    branch=data["branch"],
                    rules=list(data["rules"]),
                    conditions=data["conditions"],
                    summary_es=data["summary_es"],
                    conditions_es=data["conditions_es"],
                    letter_language=data["letter_language"],
                    deviation_reason=data["deviation_reason"],
                    guardian_name=data["guardian_name"],
                    person_name=data["person_name"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The exclusion was issued. Print or send the notice letter."))
                return redirect("conduct:exclusion_detail", pk=exclusion.pk)
        return self._render(request, incident, person, form, status=400)


class ExclusionDetailView(ConductView):
    scoped_model = Exclusion

    def _render(
        self,
        request,
        exclusion,
        delivery_form=None,
        appeal_form=None,
        status=200,
        review_form=None,
        photo_form=None,
        lift_form=None,
    ):
        settings = rulebook_selectors.appeal_settings_for(exclusion.system)
        open_appeal = next((a for a in exclusion.appeals.all() if a.is_open), None)
        context = {
            "exclusion": exclusion,
            "settings": settings,
            "appealable": is_appealable(exclusion, settings),
            "deadline": appeal_deadline(exclusion, settings),
            "notice_date": notice_date(exclusion),
            "notice_delivered": exclusion.deliveries.exists(),
            "closed_by_end": appeal_closed_by_end(exclusion, settings),
            "letters_issued": selectors.letters_of(exclusion),
            "open_appeal": open_appeal,
            "decision_due": decision_deadline(open_appeal, settings) if open_appeal else None,
            "open_deadlines": appeal_deadlines(open_appeal, settings) if open_appeal else None,
            "can": ExclusionCapabilities.for_user(
                request.user, exclusion, settings=settings, open_appeal=open_appeal
            ),
            "delivery_form": delivery_form
            or DeliveryForm(prefix="delivery", initial={"delivered_on": today_in(exclusion.system)}),
            "appeal_form": appeal_form
            or AppealForm(
                prefix="appeal",
                initial={
                    "received_at": timezone.localtime().replace(second=0, microsecond=0, tzinfo=None),
                    "letter_language": exclusion.letter_language,
                },
            ),
            "decision_form": DecisionForm(prefix="decision"),
            "review_form": review_form or ReviewCompleteForm(prefix="review"),
            "photo_form": photo_form or PhotoForm(prefix="photo"),
            "lift": lift_context(request, exclusion, settings, lift_form),
        }
        return render(request, "conduct/exclusion_detail.html", context, status=status)

    def get(self, request, pk):
        exclusion = selectors.exclusion_get_for(user=request.user, pk=pk)
        events.exclusion_viewed(actor=request.user, exclusion=exclusion)
        return self._render(request, exclusion)

    def _submit(self, request, pk, *, form_class, prefix: str, perform, success: str):
        """One of the page's forms posted: `perform(exclusion, form)` calls the service; errors stay on it."""
        exclusion = selectors.exclusion_get_for(user=request.user, pk=pk)
        form = form_class(request.POST, request.FILES, prefix=prefix)
        if form.is_valid():
            try:
                perform(exclusion, form)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, success)
                return redirect("conduct:exclusion_detail", pk=pk)
        return self._render(request, exclusion, status=400, **{f"{prefix}_form": form})


class ExclusionApproveView(ActionMixin, ExclusionDetailView):
    def post(self, request, pk):
        exclusion = selectors.exclusion_get_for(user=request.user, pk=pk)
        try:
            services.exclusion_approve_deviation(actor=request.user, exclusion=exclusion)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return self._render(request, exclusion, status=400)
        messages.success(request, _("The deviation was approved."))
        return redirect("conduct:exclusion_detail", pk=pk)


class DeliveryCreateView(ActionMixin, ExclusionDetailView):
    def post(self, request, pk):
        return self._submit(
            request,
            pk,
            form_class=DeliveryForm,
            prefix="delivery",
            perform=lambda exclusion, form: services.exclusion_record_delivery(
                actor=request.user, exclusion=exclusion, **form.cleaned_data
            ),
            success=_("The delivery was recorded."),
        )


class ExclusionLetterView(ConductView):
    scoped_model = Exclusion

    def get(self, request, pk):
        exclusion = selectors.exclusion_get_for(user=request.user, pk=pk)
        return letter_response(
            request,
            record=exclusion,
            exclusion=exclusion,
            kind=LetterKind.NOTICE,
            name="exclusion-notice",
        )

    post = get  # issues the letter (see letter_response)


class StoredLetterView(ConductView):
    """Any letter issued for the exclusion (an amended notice too), exactly as it was stored."""

    scoped_model = Exclusion

    def get(self, request, pk, letter_pk):
        exclusion = selectors.exclusion_get_for(user=request.user, pk=pk)
        letter = get_object_or_404(Letter, exclusion=exclusion, pk=letter_pk)
        return stored_letter_response(
            request,
            letter=letter,
            record=exclusion,
            name=f"letter-{letter.pk}",
        )


class PhotoUploadView(ActionMixin, ExclusionDetailView):
    def post(self, request, pk):
        return self._submit(
            request,
            pk,
            form_class=PhotoForm,
            prefix="photo",
            perform=lambda exclusion, form: services.person_photo_set(
                actor=request.user, exclusion=exclusion, upload=form.cleaned_data["photo"]
            ),
            success=_("The photo was added."),
        )


class PersonPhotoView(ConductView):
    """A photo is shown only to staff whose board lists the person today."""

    permission = can_see_board

    def get(self, request, person_pk):
        person = next(
            (e.person for e in selectors.board_for(user=request.user) if e.person_id == person_pk), None
        )
        if person is None or not person.photo:
            raise Http404
        events.photo_viewed(actor=request.user, person=person)
        # Shown in the page (an <img>), under a name that says nothing of who it is.
        return serve_upload(
            request, person.photo, download_name="photo" + safe_extension(person.photo.name), inline=True
        )


# Requests to lift a permanent exclusion
