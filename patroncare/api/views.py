"""The REST API, version 1. Every endpoint reads through an app's selectors, writes through its services,
validates with the page's own form, and checks the same predicates as the page: no rule is written here."""

import re
from collections.abc import Mapping
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from patroncare.audit.models import AuditAction, AuditEvent
from patroncare.complaints import events as complaint_events
from patroncare.complaints import forms as complaint_forms
from patroncare.complaints import permissions as complaint_permissions
from patroncare.complaints import selectors as complaint_selectors
from patroncare.complaints import services as complaint_services
from patroncare.complaints.permissions import CASE_ROLES
from patroncare.conduct import events as conduct_events
from patroncare.conduct import permissions as conduct_permissions
from patroncare.conduct import selectors as conduct_selectors
from patroncare.conduct.models import ExclusionState
from patroncare.incidents import events as incident_events
from patroncare.incidents import permissions as incident_permissions
from patroncare.incidents import selectors as incident_selectors
from patroncare.incidents import services as incident_services
from patroncare.incidents.forms import IncidentForm
from patroncare.incidents.models import Behaviour, Level
from patroncare.libraries.selectors import branches_visible_to
from patroncare.policies import permissions as policy_permissions
from patroncare.policies import selectors as policy_selectors
from patroncare.policies.models import Flexibility, PolicyArea
from patroncare.policies.selectors import policy_choices
from patroncare.referrals import permissions as referral_permissions
from patroncare.referrals import selectors as referral_selectors
from patroncare.rulebook import selectors as rule_selectors

from . import serializers as s
from .access import MemberWithScope, ViewPredicate
from .etags import expected_version, with_etag
from .pagination import Cursor

PROBLEM = (s.Problem, "application/problem+json")


def problems(*codes) -> dict:
    described = {
        400: _("Some values were not accepted (field messages in errors)."),
        401: _("No valid token or session."),
        403: _("The role or the token's scope does not allow it."),
        404: _("No such record, or not one the caller may see."),
        412: _("The record changed since the ETag given in If-Match."),
        428: _("If-Match is required."),
        429: _("Too many requests for this token."),
    }
    return {
        (code, "application/problem+json"): OpenApiResponse(s.Problem, description=described[code])
        for code in (401, 403, 429, *codes)
    }


def form_data(data) -> QueryDict:
    """A JSON body (or a form post) as the query dict a page's form reads, every value as text."""
    if not isinstance(data, Mapping):
        raise ValidationError(_("Send a JSON object."))
    bound = QueryDict(mutable=True)
    for name, value in data.items():
        values = value if isinstance(value, list | tuple) else [value]
        bound.setlist(str(name), ["" if v is None else str(v) for v in values])
    return bound


def _as_text(value):
    if hasattr(value, "pk"):
        return str(value.pk)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def bind(form_class, data, **kwargs):
    """The page's form bound to the request's values; a field left out keeps the value the page starts
    with (the kind, the patron's language, the time now), exactly as a person who leaves it unchanged."""
    given = form_data(data)
    blank = form_class(**kwargs)
    for name, field in blank.fields.items():
        if name in given:
            continue
        initial = blank.get_initial_for_field(field, name)
        if initial in (None, "", [], ()) or initial is False:
            continue
        values = initial if isinstance(initial, list | tuple) else [initial]
        given.setlist(name, [_as_text(value) for value in values])
    return form_class(given, **kwargs)


def valid(form):
    if not form.is_valid():
        raise ValidationError({name: list(errors) for name, errors in form.errors.items()})
    return form.cleaned_data


def cursor_page(view, queryset, ordering, serializer_class, context=None, rows=None):
    paginator = Cursor(ordering)
    page = paginator.paginate_queryset(queryset, view.request, view=view)
    page = rows(page) if rows else page
    return paginator.get_paginated_response(serializer_class(page, many=True, context=context or {}).data)


class ApiView(GenericAPIView):
    permission_classes = [MemberWithScope, ViewPredicate]
    permission = None
    write_permission = None
    serializer_class = s.Problem  # each method names its own in its schema

    def get_queryset(self):  # the selectors give the records; nothing here reads a model directly
        return None


class NotFoundView(ApiView):
    permission_classes = []
    authentication_classes = []
    throttle_classes = []

    @extend_schema(exclude=True)
    def get(self, request):
        raise NotFound(_("There is no such address in the API."))

    post = put = patch = delete = get


# --- Complaints -----------------------------------------------------------------------------------------


def _complaint_filter_form(request):
    user = request.user
    return complaint_forms.ComplaintFilterForm(
        request.query_params,
        branches=branches_visible_to(user=user, roles=CASE_ROLES),
        categories=complaint_selectors.categories_for(system=user.library_system),
        owners=complaint_selectors.owner_choices(system=user.library_system),
    )


COMPLAINT_FILTERS = [
    OpenApiParameter("status", str, description="open, or a status"),
    OpenApiParameter("branch", int),
    OpenApiParameter("category", int),
    OpenApiParameter("severity", str),
    OpenApiParameter("owner", str, description="me, or a staff id"),
    OpenApiParameter("overdue", bool),
    OpenApiParameter("untriaged", bool),
    OpenApiParameter("unassigned", bool),
    OpenApiParameter("received_from", OpenApiTypes.DATE),
    OpenApiParameter("received_to", OpenApiTypes.DATE),
    OpenApiParameter("q", str, description="search"),
    OpenApiParameter("view", str, description="mine, triage, overdue or waiting"),
]


class ComplaintListView(ApiView):
    permission = complaint_permissions.can_use_complaints
    write_permission = complaint_permissions.can_record_complaint

    @extend_schema(
        operation_id="complaints_list",
        parameters=COMPLAINT_FILTERS,
        responses={200: s.paged(s.ComplaintSerializer), **problems(400)},
    )
    def get(self, request):
        form = _complaint_filter_form(request)
        filters = valid(form) if request.query_params else {}
        filters = {key: value for key, value in filters.items() if value}
        cases = complaint_selectors.complaint_list_visible_to(user=request.user, filters=filters)
        return cursor_page(self, cases, ("-received_at", "-id"), s.ComplaintSerializer)

    @extend_schema(
        operation_id="complaints_create",
        request=s.ComplaintCreateInput,
        responses={201: s.ComplaintDetailSerializer, **problems(400)},
    )
    def post(self, request):
        user = request.user
        system = user.library_system
        form = bind(
            complaint_forms.DeskComplaintForm,
            request.data,
            branches=branches_visible_to(user=user, roles=CASE_ROLES),
            categories=complaint_selectors.categories_for(system=system),
            staff=complaint_selectors.staff_choices(system=system),
            zone=system.zone,
        )
        data = valid(form)
        complaint, _secret = complaint_services.complaint_record(actor=user, **data)
        complaint = complaint_selectors.complaint_get_for(user=user, pk=complaint.pk)
        return _complaint_response(request, complaint, status=201)


def _complaint_response(request, complaint, status=200):
    show = complaint_permissions.can_see_patron(request.user, complaint)
    body = s.ComplaintDetailSerializer(complaint, context={"show_patron": show}).data
    return with_etag(Response(body, status=status), complaint)


class ComplaintDetailView(ApiView):
    permission = complaint_permissions.can_use_complaints

    @extend_schema(
        operation_id="complaints_read", responses={200: s.ComplaintDetailSerializer, **problems(404)}
    )
    def get(self, request, pk):
        complaint = complaint_selectors.complaint_get_for(user=request.user, pk=pk)
        show = complaint_permissions.can_see_patron(request.user, complaint)
        complaint_events.complaint_viewed(actor=request.user, complaint=complaint, with_patron=show)
        return _complaint_response(request, complaint)


class ComplaintActionView(ApiView):
    """A case action: the case within the caller's scope, the handler's predicate, the page's form."""

    permission = complaint_permissions.can_use_complaints

    def handled(self, request, pk):
        complaint = complaint_selectors.complaint_get_for(user=request.user, pk=pk)
        if not complaint_permissions.can_handle(request.user, complaint):
            self.permission_denied(request, message=_("You do not handle this case."))
        return complaint


class ComplaintNoteView(ComplaintActionView):
    @extend_schema(
        operation_id="complaints_note",
        request=s.NoteInput,
        responses={201: s.EntrySerializer, **problems(400, 404)},
    )
    def post(self, request, pk):
        complaint = self.handled(request, pk)
        data = valid(complaint_forms.NoteForm(form_data(request.data)))
        entry = complaint_services.complaint_add_note(
            actor=request.user, complaint=complaint, body=data["body"]
        )
        return Response(s.EntrySerializer(entry).data, status=201)


class ComplaintMessageView(ComplaintActionView):
    @extend_schema(
        operation_id="complaints_message",
        request=s.MessageInput,
        responses={201: s.EntrySerializer, **problems(400, 404)},
    )
    def post(self, request, pk):
        complaint = self.handled(request, pk)
        data = valid(complaint_forms.MessageForm(form_data(request.data)))
        entry = complaint_services.complaint_send_message(actor=request.user, complaint=complaint, **data)
        return Response(s.EntrySerializer(entry).data, status=201)


class ComplaintTriageView(ComplaintActionView):
    @extend_schema(
        operation_id="complaints_triage",
        request=s.TriageInput,
        parameters=[OpenApiParameter("If-Match", str, OpenApiParameter.HEADER, required=True)],
        responses={200: s.ComplaintDetailSerializer, **problems(400, 404, 412, 428)},
    )
    def post(self, request, pk):
        complaint = self.handled(request, pk)
        user, system = request.user, complaint.system
        version = expected_version(request, complaint)
        if not isinstance(request.data, Mapping):
            raise ValidationError(_("Send a JSON object."))
        form = bind(
            complaint_forms.TriageForm,
            {**request.data, "version": version},
            complaint=complaint,
            categories=complaint_selectors.categories_for(system=system),
            owners=complaint_selectors.owner_choices(system=system),
            policies=policy_choices(user=user),
            show_staff=False,
        )
        cleaned = valid(form)
        complaint_services.complaint_triage(
            actor=user,
            complaint=complaint,
            expected_version=cleaned["version"],
            category=cleaned["category"],
            severity=cleaned["severity"],
            owner=cleaned["owner"],
            kind=cleaned["kind"],
            policy_tag=cleaned["policy_tag"],
            policy=cleaned["policy"],
        )
        return _complaint_response(request, complaint_selectors.complaint_get_for(user=user, pk=pk))


# --- Incidents ------------------------------------------------------------------------------------------


class IncidentListView(ApiView):
    permission = incident_permissions.can_list_incidents
    write_permission = incident_permissions.can_report_incident

    @extend_schema(
        operation_id="incidents_list",
        parameters=[
            OpenApiParameter("branch", int),
            OpenApiParameter("level", str, enum=Level.values),
            OpenApiParameter("behaviour", str, enum=Behaviour.values),
        ],
        responses={200: s.paged(s.IncidentSerializer), **problems(400)},
    )
    def get(self, request):
        params = request.query_params
        errors = {}
        branch = params.get("branch") or None
        if branch is not None and not branch.isdigit():
            errors["branch"] = [_("Give a branch by its number.")]
        if params.get("level") and params["level"] not in Level.values:
            errors["level"] = [_("Choose one of the levels.")]
        if params.get("behaviour") and params["behaviour"] not in Behaviour.values:
            errors["behaviour"] = [_("Choose one of the behaviours.")]
        if errors:
            raise ValidationError(errors)
        incidents = incident_selectors.incident_list(
            user=request.user,
            branch_id=int(branch) if branch else None,
            level=params.get("level", ""),
            behaviour=params.get("behaviour", ""),
        )
        incident_events.incident_list_viewed(actor=request.user)
        return cursor_page(self, incidents, ("-occurred_at", "-id"), s.IncidentSerializer)

    @extend_schema(
        operation_id="incidents_create",
        request=s.IncidentCreateInput,
        responses={201: s.IncidentDetailSerializer, **problems(400)},
    )
    def post(self, request):
        user = request.user
        from patroncare.incidents.permissions import REPORTING_ROLES

        branches = branches_visible_to(user=user, roles=REPORTING_ROLES).order_by("name")
        form = bind(IncidentForm, request.data, user=user, branches=branches)
        data = valid(form)
        incident = incident_services.incident_report(
            actor=user,
            branch=data["branch"],
            location=data["location"],
            occurred_at=data["occurred_at"],
            summary=data["summary"],
            narrative=data["narrative"],
            behaviours=data["behaviours"],
            rules=list(data["rules"]),
            staff_involved=list(data["staff_involved"]),
            actions=form.action_reports(),
            injuries=data["injuries"],
            damage=data["damage"],
            follow_ups=data["follow_ups"].splitlines(),
        )
        incident = incident_selectors.incident_get_for(user=user, pk=incident.pk)
        return with_etag(Response(s.IncidentDetailSerializer(incident).data, status=201), incident)


class IncidentDetailView(ApiView):
    permission = incident_permissions.can_list_incidents

    @extend_schema(
        operation_id="incidents_read", responses={200: s.IncidentDetailSerializer, **problems(404)}
    )
    def get(self, request, pk):
        incident = incident_selectors.incident_get_for(user=request.user, pk=pk)
        incident_events.incident_viewed(actor=request.user, incident=incident)
        return with_etag(Response(s.IncidentDetailSerializer(incident).data), incident)


# --- Exclusions, rules and the ladder -------------------------------------------------------------------


class BoardView(ApiView):
    permission = conduct_permissions.can_see_board

    @extend_schema(
        operation_id="exclusions_board", responses={200: s.BoardEntrySerializer(many=True), **problems()}
    )
    def get(self, request):
        board = conduct_selectors.board_for(user=request.user)
        conduct_events.board_viewed(actor=request.user)
        return Response(s.BoardEntrySerializer(board, many=True).data)


class ExclusionListView(ApiView):
    permission = conduct_permissions.can_handle_exclusions

    @extend_schema(
        operation_id="exclusions_list",
        parameters=[OpenApiParameter("state", str, enum=ExclusionState.values)],
        responses={200: s.paged(s.ExclusionSerializer), **problems(400)},
    )
    def get(self, request):
        state = request.query_params.get("state", "")
        if state and state not in ExclusionState.values:
            raise ValidationError({"state": [_("Choose one of the states.")]})
        exclusions = conduct_selectors.exclusion_list(user=request.user, state=state)
        conduct_events.exclusion_list_viewed(actor=request.user)
        system = request.user.library_system
        return cursor_page(
            self,
            exclusions,
            ("-start_date", "-pk"),
            s.ExclusionSerializer,
            rows=lambda page: conduct_selectors.with_states(page, system=system),
        )


class ExclusionDetailView(ApiView):
    permission = conduct_permissions.can_handle_exclusions

    @extend_schema(
        operation_id="exclusions_read", responses={200: s.ExclusionDetailSerializer, **problems(404)}
    )
    def get(self, request, pk):
        exclusion = conduct_selectors.exclusion_get_for(user=request.user, pk=pk)
        conduct_events.exclusion_viewed(actor=request.user, exclusion=exclusion)
        return with_etag(Response(s.ExclusionDetailSerializer(exclusion).data), exclusion)


class RuleListView(ApiView):
    permission = conduct_permissions.can_read_rules

    @extend_schema(operation_id="rules_list", responses={200: s.paged(s.RuleSerializer), **problems()})
    def get(self, request):
        return cursor_page(self, rule_selectors.rules_of(user=request.user), ("code", "pk"), s.RuleSerializer)


class RuleDetailView(ApiView):
    permission = conduct_permissions.can_read_rules

    @extend_schema(operation_id="rules_read", responses={200: s.RuleSerializer, **problems(404)})
    def get(self, request, pk):
        rule = rule_selectors.rule_get(user=request.user, pk=pk)
        return with_etag(Response(s.RuleSerializer(rule).data), rule)


class LadderView(ApiView):
    permission = conduct_permissions.can_read_rules

    @extend_schema(
        operation_id="ladder_read", responses={200: s.LadderStepSerializer(many=True), **problems()}
    )
    def get(self, request):
        steps = rule_selectors.ladder_of(system=request.user.library_system)
        return Response(s.LadderStepSerializer(steps, many=True).data)


# --- Policies -------------------------------------------------------------------------------------------


class PolicyListView(ApiView):
    permission = policy_permissions.can_read_policies

    @extend_schema(
        operation_id="policies_list",
        parameters=[
            OpenApiParameter("area", str, enum=PolicyArea.values),
            OpenApiParameter("flexibility", str, enum=Flexibility.values),
            OpenApiParameter("q", str),
            OpenApiParameter("retired", bool),
        ],
        responses={200: s.paged(s.PolicySerializer), **problems(400)},
    )
    def get(self, request):
        params = request.query_params
        errors = {}
        if params.get("area") and params["area"] not in PolicyArea.values:
            errors["area"] = [_("Choose one of the areas.")]
        if params.get("flexibility") and params["flexibility"] not in Flexibility.values:
            errors["flexibility"] = [_("Choose one of the kinds of flexibility.")]
        if errors:
            raise ValidationError(errors)
        policies = policy_selectors.policy_list(
            user=request.user,
            area=params.get("area", ""),
            flexibility=params.get("flexibility", ""),
            query=params.get("q", "")[:200],
            retired=params.get("retired", "").lower() in ("1", "true", "yes"),
        )
        return cursor_page(self, policies, ("title", "pk"), s.PolicySerializer)


class PolicyDetailView(ApiView):
    permission = policy_permissions.can_read_policies

    @extend_schema(operation_id="policies_read", responses={200: s.PolicyDetailSerializer, **problems(404)})
    def get(self, request, pk):
        policy = policy_selectors.policy_get(user=request.user, pk=pk)
        return with_etag(Response(s.PolicyDetailSerializer(policy).data), policy)


# --- Referrals directory -------------------------------------------------------------------------------


class ResourceListView(ApiView):
    permission = referral_permissions.can_find_help

    @extend_schema(
        operation_id="referral_resources_list",
        parameters=[
            OpenApiParameter(
                "need", str, description="A need's short name (its slug), as on the directory page."
            ),
            OpenApiParameter("language", str, description="A language code such as es."),
            OpenApiParameter("open_now", bool),
        ],
        responses={200: s.paged(s.ResourceSerializer), **problems(400)},
    )
    def get(self, request):
        params = request.query_params
        need = params.get("need", "")
        if need and not referral_selectors.categories(user=request.user).filter(slug=need).exists():
            raise ValidationError({"need": [_("Choose one of the needs of the directory.")]})
        language = params.get("language", "").strip()[:12]
        if language and not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", language):
            raise ValidationError({"language": [_("Use a language code such as en, es or pt-BR.")]})
        filters = referral_selectors.HelpFilters(
            need=need, language=language, open_now=params.get("open_now", "").lower() in ("1", "true", "yes")
        )
        resources = referral_selectors.find_help(user=request.user, filters=filters)
        return cursor_page(self, resources, ("organisation", "name", "pk"), s.ResourceSerializer)


class ResourceDetailView(ApiView):
    permission = referral_permissions.can_find_help

    @extend_schema(
        operation_id="referral_resources_read", responses={200: s.ResourceSerializer, **problems(404)}
    )
    def get(self, request, pk):
        resource = referral_selectors.resource_get(user=request.user, pk=pk)
        return with_etag(Response(s.ResourceSerializer(resource).data), resource)


# --- Changes feed ---------------------------------------------------------------------------------------

# resource name -> (audit record type, predicate, visible records, detail route)
FEED = {
    "complaints": (
        "complaints.complaint",
        complaint_permissions.can_use_complaints,
        lambda user: complaint_selectors.visible_complaints(user=user),
        "api:complaint",
    ),
    "incidents": (
        "incidents.incident",
        incident_permissions.can_list_incidents,
        lambda user: incident_selectors.incidents_visible_to(user=user),
        "api:incident",
    ),
    "exclusions": (
        "conduct.exclusion",
        conduct_permissions.can_handle_exclusions,
        lambda user: conduct_selectors.exclusions_visible_to(user=user),
        "api:exclusion",
    ),
    "policies": (
        "policies.policy",
        policy_permissions.can_read_policies,
        lambda user: policy_selectors.policy_choices(user=user),
        "api:policy",
    ),
    "rules": (
        "rulebook.rule",
        conduct_permissions.can_read_rules,
        lambda user: rule_selectors.rules_of(user=user),
        "api:rule",
    ),
}
CHANGE_ACTIONS = (AuditAction.CREATE, AuditAction.UPDATE, AuditAction.DELETE)


def _since(value: str) -> datetime:
    moment = parse_datetime(value.replace(" ", "+")) if value else None
    if moment is None:
        raise ValidationError({"since": [_("Give a date and time such as 2026-03-01T09:00:00Z.")]})
    return (
        moment if timezone.is_aware(moment) else timezone.make_aware(moment, timezone.get_current_timezone())
    )


class ChangesView(ApiView):
    """Records changed since a time, from the audit trail, limited to what the caller may read now."""

    @extend_schema(
        operation_id="changes_list",
        parameters=[
            OpenApiParameter("since", OpenApiTypes.DATETIME, required=True),
            OpenApiParameter("resource", str, enum=list(FEED)),
        ],
        responses={200: s.paged(s.ChangeSerializer), **problems(400)},
    )
    def get(self, request):
        user = request.user
        try:
            since = _since(request.query_params.get("since", ""))
        except (ValueError, OverflowError) as error:
            raise ValidationError(
                {"since": [_("Give a date and time such as 2026-03-01T09:00:00Z.")]}
            ) from error
        wanted = request.query_params.get("resource", "")
        if wanted and wanted not in FEED:
            raise ValidationError({"resource": [_("Choose one of the resources.")]})
        condition = Q(pk__in=[])
        for name, (record_type, predicate, visible, _route) in FEED.items():
            if (wanted and name != wanted) or not predicate(user):
                continue
            ids = visible(user).order_by().annotate(key=Cast("pk", CharField())).values("key")
            condition |= Q(object_type=record_type, object_id__in=ids)
        events = (
            AuditEvent.objects.filter(
                library_system_id=user.library_system_id, action__in=CHANGE_ACTIONS, at__gte=since
            )
            .filter(condition)
            .only("pk", "object_type", "object_id", "action", "at")
        )
        names = {record_type: (name, route) for name, (record_type, _p, _v, route) in FEED.items()}

        def rows(page):
            return [
                {
                    "id": event.pk,
                    "resource": names[event.object_type][0],
                    "record_id": int(event.object_id),
                    "action": event.action,
                    "at": event.at,
                    "url": reverse(names[event.object_type][1], args=[int(event.object_id)]),
                }
                for event in page
            ]

        return cursor_page(self, events, ("pk",), s.ChangeSerializer, rows=rows)
