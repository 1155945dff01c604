"""Reads for practice, inside the user's library system; records of people scoped to who may see them."""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404

from patroncare.accounts.models import Role, RoleAssignment, User
from patroncare.accounts.permissions import STAFF_ROLES
from patroncare.libraries.models import Branch

from .models import Assignment, GroupSession, Play, Scenario, ScenarioVersion, VersionStatus
from .permissions import can_author, can_run_sessions, can_see_records_of, supervised_branch_ids


def _latest_published() -> QuerySet:
    newer = ScenarioVersion.objects.filter(
        scenario=OuterRef("scenario"), status=VersionStatus.PUBLISHED, number__gt=OuterRef("number")
    )
    return ScenarioVersion.objects.filter(status=VersionStatus.PUBLISHED).exclude(Exists(newer))


def library_for(*, user, language: str = "") -> QuerySet:
    """The scenarios anyone may practise: the newest published version of each."""
    versions = (
        _latest_published().filter(scenario__system_id=user.library_system_id).select_related("scenario")
    )
    if language:
        versions = versions.filter(scenario__language=language)
    return versions.order_by("title")


def published_version_get(*, user, pk: int) -> ScenarioVersion:
    return get_object_or_404(
        ScenarioVersion.objects.select_related("scenario"),
        pk=pk,
        status=VersionStatus.PUBLISHED,
        scenario__system_id=user.library_system_id,
    )


def scenarios_for_author(*, user) -> QuerySet:
    if not can_author(user):
        raise Http404
    versions = ScenarioVersion.objects.only(
        "id", "scenario_id", "number", "status", "title", "step_count", "from_case", "reviewed_at"
    )
    return (
        Scenario.objects.filter(system_id=user.library_system_id)
        .prefetch_related(Prefetch("versions", queryset=versions.order_by("-number")))
        .annotate(play_count=Count("versions__plays"))
        .order_by("slug", "language")
    )


def scenario_get_for_author(*, user, pk: int) -> Scenario:
    if not can_author(user):
        raise Http404
    return get_object_or_404(Scenario, pk=pk, system_id=user.library_system_id)


def version_get_for_author(*, user, pk: int) -> ScenarioVersion:
    if not can_author(user):
        raise Http404
    return get_object_or_404(
        ScenarioVersion.objects.select_related("scenario", "reviewed_by"),
        pk=pk,
        scenario__system_id=user.library_system_id,
    )


def own_play_get(*, user, pk: int) -> Play:
    """A play the user is playing or played: only the player may continue it."""
    return get_object_or_404(
        Play.objects.select_related("version__scenario"), pk=pk, user=user, system_id=user.library_system_id
    )


def person_branch_ids(person) -> set[int]:
    return set(
        RoleAssignment.objects.filter(user=person, branch__isnull=False).values_list("branch_id", flat=True)
    )


def _scope_people(queryset: QuerySet, *, user, person_field: str) -> QuerySet:
    """Rows about people whose records `user` may see: their own, their branches' people, or everyone."""
    queryset = queryset.filter(system_id=user.library_system_id)
    branches = supervised_branch_ids(user)
    if branches is None:
        return queryset
    works_there = RoleAssignment.objects.filter(user=OuterRef(person_field), branch_id__in=branches)
    return queryset.filter(Q(**{person_field: user}) | Q(Exists(works_there)))


def plays_visible_to(*, user) -> QuerySet:
    return _scope_people(Play.objects.all(), user=user, person_field="user").select_related(
        "user", "branch", "version__scenario"
    )


def play_get_visible(*, user, pk: int) -> Play:
    return get_object_or_404(plays_visible_to(user=user), pk=pk)


def person_get(*, user, pk: int) -> User:
    person = get_object_or_404(User, pk=pk, library_system_id=user.library_system_id)
    if not can_see_records_of(user, person, person_branch_ids(person)):
        raise Http404
    return person


def person_plays(*, person) -> QuerySet:
    return (
        Play.objects.filter(user=person, system_id=person.library_system_id)
        .select_related("version__scenario", "branch")
        .order_by("-started_at")
    )


def sessions_attended(*, person) -> QuerySet:
    """Group sessions a person attended; shown with their records, to the same people."""
    return (
        GroupSession.objects.filter(attendees=person, system_id=person.library_system_id)
        .select_related("version", "branch")
        .order_by("-started_at")
    )


def people_visible_to(*, user) -> QuerySet:
    """Staff whose records the user may see (themselves included), with their finished plays counted."""
    people = User.objects.filter(
        library_system_id=user.library_system_id, is_active=True, role_assignments__role__in=STAFF_ROLES
    ).distinct()
    branches = supervised_branch_ids(user)
    if branches is not None:
        people = people.filter(Q(pk=user.pk) | Q(role_assignments__branch_id__in=branches)).distinct()
    return people.order_by("full_name")


def branches_for_records(*, user) -> QuerySet:
    branches = Branch.objects.filter(system_id=user.library_system_id, is_active=True)
    ids = supervised_branch_ids(user)
    if ids is not None:
        branches = branches.filter(pk__in=ids)
    return branches.order_by("name")


def branch_get_for_records(*, user, pk: int) -> Branch:
    return get_object_or_404(branches_for_records(user=user), pk=pk)


def finished_plays_at_branch(*, branch: Branch) -> QuerySet:
    """Finished plays at a branch already checked with branch_get_for_records."""
    return Play.objects.filter(branch=branch, system_id=branch.system_id, finished_at__isnull=False).only(
        "path", "score", "max_score", "finished_at", "user_id"
    )


def branch_people(*, branch) -> QuerySet:
    plays = Play.objects.filter(user=OuterRef("pk"), finished_at__isnull=False)
    return (
        User.objects.filter(
            is_active=True, role_assignments__branch=branch, role_assignments__role__in=STAFF_ROLES
        )
        .distinct()
        .annotate(completed=Subquery(plays.values("user").annotate(n=Count("pk")).values("n")[:1]))
        .order_by("full_name")
    )


def _assignment_done() -> Exists:
    return Exists(
        Play.objects.filter(
            user=OuterRef("assignee"),
            version__scenario=OuterRef("scenario"),
            finished_at__gte=OuterRef("assigned_at"),
        )
    )


def assignments_for(*, user) -> QuerySet:
    """Assignments of people whose records the user may see, with `done` computed when read."""
    return (
        _scope_people(Assignment.objects.all(), user=user, person_field="assignee")
        .annotate(done=_assignment_done())
        .select_related("assignee", "scenario")
        .annotate(
            title=Subquery(_latest_published().filter(scenario=OuterRef("scenario")).values("title")[:1])
        )
        .order_by("due_date", "assignee__full_name")
    )


def my_open_assignments(*, user) -> QuerySet:
    return assignments_for(user=user).filter(assignee=user, done=False)


def overdue_assigned_by(*, user, today) -> QuerySet:
    return assignments_for(user=user).filter(assigned_by=user, done=False, due_date__lt=today)


def sessions_for(*, user) -> QuerySet:
    if not can_run_sessions(user):
        raise Http404
    return (
        GroupSession.objects.filter(system_id=user.library_system_id)
        .select_related("version", "branch", "facilitator")
        .annotate(attendee_count=Count("attendees", distinct=True))
        .order_by("-started_at")
    )


def session_get(*, user, pk: int) -> GroupSession:
    if not can_run_sessions(user):
        raise Http404
    return get_object_or_404(
        GroupSession.objects.select_related("version__scenario", "branch", "facilitator").prefetch_related(
            "attendees", "steps"
        ),
        pk=pk,
        system_id=user.library_system_id,
    )


def staff_of_system(*, user) -> QuerySet:
    return (
        User.objects.filter(
            library_system_id=user.library_system_id, is_active=True, role_assignments__role__in=STAFF_ROLES
        )
        .distinct()
        .order_by("full_name")
    )


def home_branch_id(user) -> int | None:
    """The branch where a person works (their first branch-scoped staff role), for records by branch."""
    rows = RoleAssignment.objects.filter(user=user, branch__isnull=False, role__in=STAFF_ROLES).values_list(
        "role", "branch__name", "branch_id"
    )
    ranked = sorted(rows, key=lambda row: (row[0] != Role.FRONTLINE, row[1]))
    return ranked[0][2] if ranked else None


def assignable_people(*, user) -> QuerySet:
    """Whom `user` may assign practice to: everyone for trainers, their branches' people for supervisors."""
    from .permissions import can_assign

    people = staff_of_system(user=user)
    if can_assign(user):
        return people
    branches = supervised_branch_ids(user)
    if branches is None:
        return people
    return people.filter(role_assignments__branch_id__in=branches).distinct()
