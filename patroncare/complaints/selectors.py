"""Reads of complaints, always inside the user's library system and branches. Anything else is a 404."""

from dataclasses import dataclass
from datetime import timedelta

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext

from patroncare.accounts.permissions import branch_ids_for, prime_role_scopes
from patroncare.core.languages import version_columns
from patroncare.libraries.calendar import today_in
from patroncare.training.material import (
    PRACTICE_WINDOW_DAYS,
    PracticeMaterial,
    clean,
    place_names,
    staff_names,
)

from .models import (
    Attachment,
    CaseEntry,
    Category,
    Complaint,
    ComplaintSettings,
    Kind,
    Outcome,
    OutstandingAction,
    PolicyReview,
    PublicStatement,
    ReplyTemplate,
    Severity,
    SeverityRule,
    StatementStatus,
    Status,
)
from .models.choices import OPEN_STATUSES
from .permissions import (
    CASE_ROLES,
    OVERSIGHT_ROLES,
    can_trustee_review,
    is_director,
    may_complete_action,
    may_own_action,
)


def restricted_readable(*, user) -> Q:
    """Unrestricted cases, and restricted ones the user oversees and is not named in (can_read_restricted)."""
    named = Complaint.staff_named.through.objects.filter(complaint_id=OuterRef("pk"), user_id=user.pk)
    not_named = Q(~Exists(named))
    oversight = None if is_director(user) else branch_ids_for(user, OVERSIGHT_ROLES)
    if oversight is None:  # the director, or an overseer of every branch
        return Q(restricted=False) | not_named
    return Q(restricted=False) | (Q(branch_id__in=oversight) & not_named)


def visible_complaints(*, user) -> QuerySet:
    """Cases of the user's system at branches where they hold a case role, plus the cases they own;
    restricted cases only for those who may read them."""
    if not user.is_authenticated or not user.library_system_id:
        return Complaint.objects.none()
    cases = Complaint.objects.filter(system_id=user.library_system_id).filter(restricted_readable(user=user))
    if is_director(user):
        return cases
    branch_ids = branch_ids_for(user, CASE_ROLES)
    if branch_ids is None:
        return cases
    praised = Complaint.praise_passed_to.through.objects.filter(complaint_id=OuterRef("pk"), user_id=user.pk)
    return cases.filter(Q(branch_id__in=branch_ids) | Q(owner=user) | Q(Exists(praised)))


def praise_for(*, user) -> QuerySet:
    """Praise passed on to the user in the last three months: their desk shows it."""
    since = timezone.now() - timedelta(days=90)
    return (
        Complaint.objects.filter(
            system_id=user.library_system_id, praise_passed_to=user, praise_passed_at__gte=since
        )
        .select_related("branch", "system")
        .order_by("-praise_passed_at")[:10]
    )


def restricted_receipt_for(*, user, pk: int) -> Complaint | None:
    """A restricted case its recorder may not read: they keep only its receipt (reference and date)."""
    if not user.is_authenticated:
        return None
    return (
        Complaint.objects.filter(
            pk=pk, system_id=user.library_system_id, restricted=True, recorded_by_id=user.pk
        )
        .select_related("system")
        .first()
    )


def desk_receipt_for(*, user, pk: int) -> Complaint | None:
    """The receipt of a case: for whoever recorded it (even a restricted one), or a reader of the case."""
    if not user.is_authenticated or not user.library_system_id:
        return None
    return (
        Complaint.objects.filter(pk=pk, system_id=user.library_system_id)
        .filter(Q(recorded_by_id=user.pk) | Q(pk__in=visible_complaints(user=user).values("pk")))
        .select_related("system", "branch")
        .first()
    )


def overdue_condition(now) -> Q:
    return Q(status__in=OPEN_STATUSES) & (
        Q(acknowledged_at__isnull=True, acknowledge_due_at__lt=now)
        | Q(responded_at__isnull=True, respond_due_at__lt=now)
    )


def patron_visible_condition(*, user) -> Q:
    """The cases whose patron the user may see (permissions.can_see_patron), as a query: those they own or
    recorded, and every case of the branches they oversee (of the system for the director). Restricted cases
    are already limited to those who may read them by visible_complaints."""
    if is_director(user):
        return Q()
    mine = Q(restricted=False) & (Q(owner_id=user.pk) | Q(recorded_by_id=user.pk))
    oversight = branch_ids_for(user, OVERSIGHT_ROLES)
    if oversight is None:
        return Q()
    return mine | Q(branch_id__in=oversight)


def search_condition(queryset: QuerySet, text: str, *, user=None) -> QuerySet:
    """PostgreSQL full-text search over the narrative; a plain substring match elsewhere (SQLite).

    With a user, the patron's name or e-mail finds their cases too, only among the cases whose patron that
    user may see: a search never tells who complained to someone not allowed to know.
    """
    text = text.strip()
    if not text:
        return queryset
    by_patron = Q(pk__in=[])
    if user is not None:
        by_patron = patron_visible_condition(user=user) & (
            Q(patron__name__icontains=text) | Q(patron__email__iexact=text)
        )
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchVector

        vector = SearchVector("narrative", "desired_outcome", config="simple")
        return queryset.annotate(search=vector).filter(
            Q(search=SearchQuery(text, config="simple", search_type="websearch"))
            | Q(reference=text.upper())
            | by_patron
        )
    return queryset.filter(
        Q(narrative__icontains=text)
        | Q(desired_outcome__icontains=text)
        | Q(reference=text.upper())
        | by_patron
    )


def untriaged_condition() -> Q:
    """Open and not yet triaged: no category, or a complaint with no severity (praise has none)."""
    return Q(status__in=OPEN_STATUSES) & (Q(category__isnull=True) | Q(kind=Kind.COMPLAINT, severity=""))


SAVED_VIEW_CONDITIONS = {
    "mine": lambda user, now: Q(owner=user, status__in=OPEN_STATUSES),
    "triage": lambda user, now: untriaged_condition(),
    "overdue": lambda user, now: overdue_condition(now),
    "waiting": lambda user, now: Q(status__in=OPEN_STATUSES, waiting_for_patron_since__isnull=False),
}


def complaint_list_visible_to(*, user, filters: dict | None = None) -> QuerySet:
    filters = filters or {}
    now = timezone.now()
    cases = visible_complaints(user=user).select_related("branch", "category", "owner", "patron")
    if filters.get("view") in SAVED_VIEW_CONDITIONS:
        cases = cases.filter(SAVED_VIEW_CONDITIONS[filters["view"]](user, now))
    if filters.get("untriaged"):
        cases = cases.filter(untriaged_condition())
    if filters.get("unassigned"):
        cases = cases.filter(owner__isnull=True)
    if filters.get("status") == "open":
        cases = cases.filter(status__in=OPEN_STATUSES)
    elif filters.get("status"):
        cases = cases.filter(status=filters["status"])
    if filters.get("overdue"):
        cases = cases.filter(overdue_condition(now))
    for name in ("branch", "category", "severity", "kind"):
        if filters.get(name):
            cases = cases.filter(**{name: filters[name]})
    if filters.get("owner") == "me":
        cases = cases.filter(owner=user)
    elif filters.get("owner"):
        cases = cases.filter(owner_id=int(filters["owner"]))
    if filters.get("received_from"):
        cases = cases.filter(received_at__date__gte=filters["received_from"])
    if filters.get("received_to"):
        cases = cases.filter(received_at__date__lte=filters["received_to"])
    if filters.get("q"):
        cases = search_condition(cases, filters["q"], user=user)
    return cases.order_by("-received_at", "-id")


def complaint_get_for(*, user, pk: int) -> Complaint:
    complaint = (
        visible_complaints(user=user)
        .select_related(
            "branch", "category", "owner", "recorded_by", "review", "system", "merged_into", "patron"
        )
        .filter(pk=pk)
        .first()
    )
    if complaint is None:
        raise Http404
    return complaint


def complaint_timeline(*, complaint: Complaint) -> QuerySet:
    """The case's entries and those of the cases merged into it (each entry knows its own case)."""
    return (
        CaseEntry.objects.filter(Q(complaint=complaint) | Q(complaint__merged_into=complaint))
        .select_related("author", "complaint")
        .order_by("created_at", "id")
    )


def complaint_file(*, complaint: Complaint, user) -> dict:
    """What the case file shows; linked cases only where the reader may see them."""
    linked = complaint.linked.filter(pk__in=visible_complaints(user=user).values("pk"))
    return {
        "entries": list(complaint_timeline(complaint=complaint)),
        "responses": list(complaint.responses.select_related("sent_by")),
        "actions": list(complaint.actions.select_related("done_by", "owner")),
        "linked": list(linked.select_related("branch").order_by("-received_at")),
        "statement": PublicStatement.objects.filter(complaint=complaint).first(),
        "attachments": list(complaint.attachments.select_related("uploaded_by")),
        "staff_named": list(complaint.staff_named.order_by("full_name")),
        "merged_cases": list(complaint.merged_cases.order_by("merged_at")),
    }


def complaint_for_patron(*, reference: str) -> Complaint | None:
    return (
        Complaint.objects.select_related("system", "branch")
        .filter(reference=reference.strip().upper())
        .first()
    )


def patron_entries(*, complaint: Complaint, opened: Complaint | None = None) -> QuerySet:
    """Only what is meant for the patron: never internal notes, never staff names.

    A patron who opened a case since merged into `complaint` sees its entries and their own earlier ones,
    never those of another case merged into it (it may be someone else's)."""
    cases = Q(complaint=complaint)
    if opened is not None and opened.pk != complaint.pk:
        cases |= Q(complaint=opened)
    return CaseEntry.objects.filter(cases, for_patron=True).order_by("created_at", "id")


def merge_target(complaint: Complaint) -> Complaint:
    """The case a merged case now lives in (merges never chain: see services.complaint_merge)."""
    if complaint.merged_into_id is None:
        return complaint
    return Complaint.objects.select_related("system", "branch").get(pk=complaint.merged_into_id)


def merge_candidate_for(*, user, reference: str) -> Complaint | None:
    """The case a reader typed the reference of, if they may see it; None exactly as for a missing one."""
    return (
        visible_complaints(user=user)
        .select_related("system", "branch")
        .filter(reference=reference.strip().upper())
        .first()
    )


def categories_for(*, system, active_only: bool = True) -> QuerySet:
    categories = Category.objects.filter(system=system)
    return categories.filter(is_active=True) if active_only else categories


def reviews_visible_to(*, user) -> QuerySet:
    """Reviews a supervisor may see and complete: those of the branches they oversee, or their own.

    A review is about cases; a supervisor who cannot see any of its cases has no say in its outcome.
    The director and system-wide overseers see every review of the system.
    """
    reviews = PolicyReview.objects.filter(system_id=user.library_system_id)
    branch_ids = None if is_director(user) else branch_ids_for(user, OVERSIGHT_ROLES)
    if branch_ids is not None:
        overseen_cases = Complaint.objects.filter(review=OuterRef("pk"), branch_id__in=branch_ids)
        reviews = reviews.filter(Q(owner=user) | Q(opened_by=user) | Exists(overseen_cases))
    return (
        reviews.select_related("owner")
        .annotate(case_count=Count("complaints"))
        .order_by("status", "due_date")
    )


def review_get_for(*, user, pk: int) -> PolicyReview:
    review = reviews_visible_to(user=user).filter(pk=pk).first()
    if review is None:
        raise Http404
    return review


def review_cases(*, user, review: PolicyReview) -> QuerySet:
    return visible_complaints(user=user).filter(review=review).select_related("branch", "category")


@dataclass(frozen=True)
class Pattern:
    label: str
    branch_name: str
    category_name: str
    policy_tag: str
    count: int
    case_ids: tuple[int, ...]


def complaint_last_changed_by(complaint):
    """Who made the latest entry on the case's timeline (None when it was PatronCare itself)."""
    entry = complaint.entries.select_related("author").order_by("-created_at", "-id").first()
    return entry.author if entry is not None else None


def severity_rule_versions(system) -> dict[str, int]:
    """The version of each saved severity rule (a severity still on the defaults has none)."""
    return dict(SeverityRule.objects.filter(system=system).values_list("severity", "version"))


def settings_for(system) -> ComplaintSettings:
    found = ComplaintSettings.objects.filter(system=system).first()
    return found or ComplaintSettings(system=system)


def patterns_for(*, user) -> list[Pattern]:
    """Recurring patterns in the window: one category at one branch, or one policy touched, at the threshold.

    Praise and suggestions are left out. Three grouped queries and one for the cases, whatever the data size.
    """
    config = settings_for(user.library_system)
    since = timezone.now() - timedelta(days=config.pattern_window_days)
    cases = visible_complaints(user=user).filter(kind=Kind.COMPLAINT, received_at__gte=since)
    by_place = (
        cases.exclude(branch=None)
        .exclude(category=None)
        .values("branch_id", "branch__name", "category_id", *version_columns("category__name"))
        .annotate(n=Count("id"))
        .filter(n__gte=config.pattern_threshold)
        .order_by("-n")
    )
    by_policy = (
        cases.exclude(policy_tag="")
        .values("policy_tag")
        .annotate(n=Count("id"))
        .filter(n__gte=config.pattern_threshold)
        .order_by("-n")
    )
    by_library_policy = (
        cases.exclude(policy=None)
        .values("policy_id", "policy__title")
        .annotate(n=Count("id"))
        .filter(n__gte=config.pattern_threshold)
        .order_by("-n")
    )
    names = version_columns("category__name")
    groups = [(row, Q(branch_id=row["branch_id"], category_id=row["category_id"])) for row in by_place]
    groups += [(row, Q(policy_tag=row["policy_tag"])) for row in by_policy]
    groups += [(row, Q(policy_id=row["policy_id"])) for row in by_library_policy]
    if not groups:
        return []
    condition = Q()
    for _row, part in groups:
        condition |= part
    members = list(
        cases.filter(condition).values_list("id", "branch_id", "category_id", "policy_tag", "policy_id")
    )
    patterns = []
    for row, _part in groups:
        if "policy_id" in row:
            ids = tuple(member[0] for member in members if member[4] == row["policy_id"])
            label = gettext("Policy touched: %(tag)s") % {"tag": row["policy__title"]}
            patterns.append(Pattern(label, "", "", row["policy__title"], row["n"], ids))
        elif "policy_tag" in row:
            ids = tuple(member[0] for member in members if member[3] == row["policy_tag"])
            label = gettext("Policy touched: %(tag)s") % {"tag": row["policy_tag"]}
            patterns.append(Pattern(label, "", "", row["policy_tag"], row["n"], ids))
        else:
            ids = tuple(m[0] for m in members if m[1] == row["branch_id"] and m[2] == row["category_id"])
            category = Category(**{column.removeprefix("category__"): row[column] for column in names})
            patterns.append(
                Pattern(
                    f"{row['branch__name']} · {category}",
                    row["branch__name"],
                    str(category),
                    "",
                    row["n"],
                    ids,
                )
            )
    return patterns


def published_statements(*, system=None) -> QuerySet:
    statements = PublicStatement.objects.filter(status=StatementStatus.PUBLISHED).select_related(
        "system", "complaint"
    )
    if system is not None:
        statements = statements.filter(system=system)
    return statements.order_by("-published_at")


@dataclass(frozen=True)
class Notice:
    statement: PublicStatement
    title: str
    body: str
    language: str


def published_notices(*, system=None, language: str) -> list[Notice]:
    """The public notices in the page's language (English where a statement has no Spanish)."""
    return [
        Notice(statement, *statement.text_in(language)) for statement in published_statements(system=system)
    ]


def statements_visible_to(*, user) -> QuerySet:
    return (
        PublicStatement.objects.filter(system_id=user.library_system_id)
        .select_related("complaint", "approved_by", "trustee_reviewed_by")
        .order_by("-drafted_at")
    )


def statement_get_for(*, user, pk: int) -> PublicStatement:
    statement = statements_visible_to(user=user).filter(pk=pk).first()
    if statement is None:
        raise Http404
    return statement


def statement_comments(*, statement) -> QuerySet:
    return statement.comments.select_related("author").order_by("created_at", "id")


def statements_waiting_for(*, user) -> list[tuple[PublicStatement, str]]:
    """The statements whose next step is this user's: (statement, what is asked), for the desk."""
    statements = PublicStatement.objects.filter(system_id=user.library_system_id).exclude(
        status=StatementStatus.PUBLISHED
    )
    waiting = []
    if is_director(user):
        objected = set(
            statements.filter(status=StatementStatus.DRAFT, comments__is_objection=True).values_list(
                "pk", flat=True
            )
        )
        for statement in statements.order_by("drafted_at", "id"):
            if statement.status == StatementStatus.DRAFT:
                step = (
                    gettext("A trustee objected: it waits for your approval again")
                    if statement.pk in objected
                    else gettext("Waiting for your approval")
                )
            elif statement.trustee_reviewed_at is not None:
                step = gettext("Reviewed by a trustee: ready to publish")
            else:
                continue
            waiting.append((statement, step))
    if can_trustee_review(user):
        for statement in statements.filter(
            status=StatementStatus.APPROVED, trustee_reviewed_at__isnull=True
        ).order_by("approved_at", "id"):
            waiting.append((statement, gettext("Approved by the director: waiting for a trustee's review")))
    return waiting


def due_for(*, user, horizon_days: int = 3) -> QuerySet:
    """The desk list: open cases the user owns whose next clock runs out within the horizon (or already has),
    and, escalated, every overdue case at the branches the user oversees. One query."""
    now = timezone.now()
    soon = now + timedelta(days=horizon_days)
    mine = Q(owner=user) & (
        Q(acknowledged_at__isnull=True, acknowledge_due_at__lte=soon)
        | Q(responded_at__isnull=True, respond_due_at__lte=soon)
    )
    condition = mine
    oversight = branch_ids_for(user, OVERSIGHT_ROLES)
    if oversight is None:
        condition |= overdue_condition(now)
    elif oversight:
        condition |= overdue_condition(now) & Q(branch_id__in=oversight)
    return (
        Complaint.objects.filter(system_id=user.library_system_id, status__in=OPEN_STATUSES)
        .filter(condition)
        .filter(restricted_readable(user=user))
        .select_related("branch", "owner", "system")
        .order_by("respond_due_at", "id")[:20]
    )


def to_triage_for(*, user) -> QuerySet:
    """The intake queue on the desk: untriaged cases the user owns, and at the branches they oversee, the
    untriaged cases with no owner."""
    condition = Q(owner=user)
    oversight = branch_ids_for(user, OVERSIGHT_ROLES)
    if is_director(user) or oversight is None:
        condition |= Q(owner__isnull=True)
    elif oversight:
        condition |= Q(owner__isnull=True, branch_id__in=oversight)
    return (
        Complaint.objects.filter(system_id=user.library_system_id)
        .filter(untriaged_condition())
        .filter(condition)
        .filter(restricted_readable(user=user))
        .select_related("branch", "system")
        .order_by("received_at", "id")[:20]
    )


def critical_open(*, user) -> QuerySet:
    """Open critical cases: all of them for the director, those of their branches for a supervisor."""
    cases = Complaint.objects.filter(
        system_id=user.library_system_id, severity=Severity.CRITICAL, status__in=OPEN_STATUSES
    ).filter(restricted_readable(user=user))
    if not is_director(user):
        branch_ids = branch_ids_for(user, OVERSIGHT_ROLES)
        if branch_ids is not None:
            cases = cases.filter(branch_id__in=branch_ids)
    return cases.select_related("branch", "system").order_by("received_at")[:20]


def figures_for(*, user) -> dict:
    """Aggregate figures for trustees and managers: counts only, never a patron or a narrative."""
    cases = Complaint.objects.filter(system_id=user.library_system_id)
    year_ago = timezone.now() - timedelta(days=365)
    recent = cases.filter(received_at__gte=year_ago)

    def labelled(field, choices):
        rows = recent.exclude(**{field: ""}).values(field).annotate(n=Count("id")).order_by(field)
        return [{"label": choices(row[field]).label, "n": row["n"]} for row in rows]

    return {
        "by_kind": labelled("kind", Kind),
        "by_severity": labelled("severity", Severity),
        "by_outcome": labelled("outcome", Outcome),
        "by_branch": list(recent.values("branch__name").annotate(n=Count("id")).order_by("branch__name")),
        "open": cases.filter(status__in=OPEN_STATUSES).count(),
        "overdue": cases.filter(overdue_condition(timezone.now())).count(),
        "systemic": recent.filter(judgement="systemic").count(),
        "total": recent.count(),
    }


def owner_choices(*, system) -> QuerySet:
    from patroncare.accounts.models import User

    return (
        User.objects.filter(library_system=system, is_active=True, role_assignments__role__in=CASE_ROLES)
        .distinct()
        .order_by("full_name")
    )


def staff_choices(*, system) -> QuerySet:
    """Everyone on the system's staff a complaint may be about, the director included."""
    from patroncare.accounts.models import User

    return User.objects.filter(library_system=system, is_active=True).order_by("full_name")


def category_get(*, user, pk: int) -> Category:
    category = Category.objects.filter(pk=pk, system_id=user.library_system_id).first()
    if category is None:
        raise Http404
    return category


def reply_templates_for(*, system, active_only: bool = True) -> QuerySet:
    templates = ReplyTemplate.objects.filter(system=system)
    return templates.filter(is_active=True) if active_only else templates


def reply_template_get(*, user, pk) -> ReplyTemplate:
    template = ReplyTemplate.objects.filter(pk=pk, system_id=user.library_system_id).first()
    if template is None:
        raise Http404
    return template


# Practice drafts: a trainer may turn a closed complaint into a scenario without ever seeing the case file.
def closed_complaints_for_practice(*, user) -> QuerySet:
    """Closed complaints of the user's system from the last two years: reference and kind of mistake only."""
    since = timezone.now() - timedelta(days=PRACTICE_WINDOW_DAYS)
    return (
        Complaint.objects.filter(
            system_id=user.library_system_id,
            status=Status.CLOSED,
            kind=Kind.COMPLAINT,
            closed_at__gte=since,
            restricted=False,  # about named staff: never turned into practice material
        )
        .select_related("category")
        .only("pk", "reference", "closed_at", "category__name", "category__name_en", "category__name_es")
        .order_by("-closed_at")
    )


def complaint_practice_material(*, user, pk: int) -> PracticeMaterial:
    """What the anonymiser needs from one closed complaint (the view audits the read)."""
    complaint = (
        Complaint.objects.filter(pk=pk, pk__in=closed_complaints_for_practice(user=user).values("pk"))
        .select_related("category", "system")
        .first()
    )
    if complaint is None:
        raise Http404
    involved = complaint.staff_involved.replace(",", "\n").splitlines()
    return PracticeMaterial(
        title=complaint.category.name if complaint.category_id else complaint.reference,
        narrative=complaint.narrative,
        language=complaint.patron_language or "en",
        names=clean({complaint.patron_name, *involved, *staff_names(complaint.system)}),
        places=clean(place_names(complaint.system)),
        card_numbers=[],
    )


def outstanding_action_get_for(*, user, pk: int) -> OutstandingAction:
    """An outstanding action of a case the user may see; anything else is a 404."""
    action = OutstandingAction.objects.select_related("complaint").filter(pk=pk).first()
    if action is None:
        raise Http404
    complaint_get_for(user=user, pk=action.complaint_id)
    return action


def attachment_get_for(*, user, pk: int) -> Attachment:
    """An attachment of a case the user may see; anything else is a 404."""
    attachment = Attachment.objects.filter(pk=pk).first()
    if attachment is None:
        raise Http404
    complaint_get_for(user=user, pk=attachment.complaint_id)
    return attachment


def action_owner_choices(*, complaint: Complaint) -> QuerySet:
    """Who may be given an action of this case (see permissions.may_own_action)."""
    candidates = list(owner_choices(system=complaint.system).select_related("library_system"))
    prime_role_scopes(candidates)  # the roles read once for everyone, not one query per person
    allowed = [user.pk for user in candidates if may_own_action(user, complaint)]
    return owner_choices(system=complaint.system).filter(pk__in=allowed)


def actions_promised_by(*, user, limit: int = 20) -> QuerySet:
    """The desk list of actions the user owns and has not done, on cases they may still read: overdue (the
    earliest due) first."""
    if not user.is_authenticated or not user.library_system_id:
        return OutstandingAction.objects.none()
    return (
        OutstandingAction.objects.filter(
            owner=user,
            done_at__isnull=True,
            complaint__in=visible_complaints(user=user).values("pk"),
        )
        .select_related("complaint", "complaint__system", "complaint__branch")
        .order_by("due_date", "id")[:limit]
    )


def patron_actions(*, complaint: Complaint) -> list[dict]:
    """What the patron sees of the promises made: the action, its date and whether it is done; no staff."""
    return [
        {"description": action.description, "due_date": action.due_date, "done": action.done_at is not None}
        for action in complaint.actions.order_by("due_date", "id")
    ]


def mark_actions(*, complaint: Complaint, user, actions) -> set[int]:
    """Mark each of the case's actions overdue or not (today in the library) and return the ids this user
    may mark done."""
    today = today_in(complaint.system)
    for action in actions:
        action.overdue = action.is_overdue(today)
    return {action.pk for action in actions if may_complete_action(user, complaint, owner_id=action.owner_id)}
