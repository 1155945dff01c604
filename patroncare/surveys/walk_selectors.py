"""Reads of walk-throughs, scoped to the branches where the reader works; what changed since the last walk."""

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.http import Http404

from patroncare.accounts.permissions import STAFF_ROLES, branch_ids_for, has_role_at_branch
from patroncare.libraries.calendar import today_in

from .models import CheckPoint, PointRating, WalkAction, WalkArea, WalkPhoto, WalkRating, WalkThrough
from .permissions import OVERSIGHT


def walks(*, user) -> QuerySet:
    found = WalkThrough.objects.filter(system_id=user.library_system_id).select_related("branch", "walked_by")
    branch_ids = branch_ids_for(user, STAFF_ROLES)
    if branch_ids is not None:
        found = found.filter(branch_id__in=branch_ids)
    return found


def walk_get(*, user, pk: int) -> WalkThrough:
    found = walks(user=user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def walk_photo_get(*, user, pk: int) -> WalkPhoto:
    found = WalkPhoto.objects.filter(pk=pk, walk__in=walks(user=user)).first()
    if found is None:
        raise Http404
    return found


def walk_action_get(*, user, pk: int) -> WalkAction:
    found = WalkAction.objects.filter(pk=pk, walk__in=walks(user=user)).select_related("walk__system").first()
    if found is None:
        raise Http404
    return found


def checklist(*, system_id: int, include_retired: bool = False) -> list[tuple[str, str, list[CheckPoint]]]:
    """[(area, its name, points)] in the order of the areas, for areas that have points."""
    points = CheckPoint.objects.filter(system_id=system_id)
    if not include_retired:
        points = points.filter(is_active=True)
    by_area: dict[str, list[CheckPoint]] = {}
    for point in points.order_by("order", "id"):
        by_area.setdefault(point.area, []).append(point)
    return [(area, label, by_area[area]) for area, label in WalkArea.choices if area in by_area]


def checkpoint_get(*, user, pk: int) -> CheckPoint:
    found = CheckPoint.objects.filter(system_id=user.library_system_id, pk=pk).first()
    if found is None:
        raise Http404
    return found


def walkable_branches(*, user) -> QuerySet:
    """The branches where `user` may walk, by name (a queryset, for the start form's choice)."""
    from patroncare.libraries.models import Branch

    branches = Branch.objects.filter(system_id=user.library_system_id).order_by("name")
    ids = [b.pk for b in branches if has_role_at_branch(user, OVERSIGHT, b.pk)]
    return branches.filter(pk__in=ids)


def active_points(*, system_id: int) -> QuerySet:
    """The checklist's points in use, in checklist order: what a finding may be about."""
    return CheckPoint.objects.filter(system_id=system_id, is_active=True).order_by("order", "id")


def previous_walk(*, walk: WalkThrough) -> WalkThrough | None:
    """The last walk of the same branch before this one."""
    earlier = WalkThrough.objects.filter(system_id=walk.system_id, branch_id=walk.branch_id).exclude(
        pk=walk.pk
    )
    return (
        earlier.filter(walked_on__lt=walk.walked_on).order_by("-walked_on", "-id").first()
        or earlier.filter(walked_on=walk.walked_on, pk__lt=walk.pk).order_by("-id").first()
    )


@dataclass
class PointRow:
    point: CheckPoint
    rating: int | None = None
    note: str = ""
    previous: int | None = None
    photos: list = field(default_factory=list)

    @property
    def label(self) -> str:
        return WalkRating(self.rating).label if self.rating else ""

    @property
    def previous_label(self) -> str:
        return WalkRating(self.previous).label if self.previous else ""

    @property
    def change(self) -> str:
        """ "better", "worse", "same", "new" (not rated before) or "" (not rated now)."""
        if self.rating is None:
            return ""
        if self.previous is None:
            return "new"
        if self.rating == self.previous:
            return "same"
        return "better" if self.rating > self.previous else "worse"


@dataclass
class AreaSheet:
    area: str
    label: str
    rows: list[PointRow]

    @property
    def rated(self) -> int:
        return sum(1 for row in self.rows if row.rating)


@dataclass
class WalkSheet:
    walk: WalkThrough
    previous: WalkThrough | None
    areas: list[AreaSheet]
    actions: list[WalkAction]
    previous_actions: list[WalkAction]

    @property
    def changed(self) -> list[PointRow]:
        return [row for area in self.areas for row in area.rows if row.change in ("better", "worse")]

    @property
    def rated(self) -> int:
        return sum(area.rated for area in self.areas)


def _ratings_by_key(walk: WalkThrough | None) -> dict[str, PointRating]:
    if walk is None:
        return {}
    return {r.point.key: r for r in PointRating.objects.filter(walk=walk).select_related("point")}


def walk_sheet(*, walk: WalkThrough) -> WalkSheet:
    """Each area's points with this walk's rating beside the previous walk's, by point key (so a point
    reworded since is still compared); the actions of this walk and of the one before."""
    previous = previous_walk(walk=walk)
    now = _ratings_by_key(walk)
    before = _ratings_by_key(previous)
    photos: dict[int, list[WalkPhoto]] = {}
    for photo in walk.photos.all():
        photos.setdefault(photo.point_id, []).append(photo)
    areas = []
    for area, label, points in checklist(system_id=walk.system_id):
        rows = []
        for point in points:
            rating = now.get(point.key)
            earlier = before.get(point.key)
            rows.append(
                PointRow(
                    point,
                    rating.rating if rating else None,
                    rating.note if rating else "",
                    earlier.rating if earlier else None,
                    photos.get(point.pk, []),
                )
            )
        areas.append(AreaSheet(area, str(label), rows))
    actions = list(walk.actions.select_related("owner", "point"))
    previous_actions = list(previous.actions.select_related("owner", "point")) if previous else []
    return WalkSheet(walk, previous, areas, actions, previous_actions)


def area_points(*, walk: WalkThrough, area: str) -> list[tuple[CheckPoint, PointRating | None]]:
    if area not in WalkArea.values:
        raise Http404
    points = CheckPoint.objects.filter(system_id=walk.system_id, area=area, is_active=True).order_by(
        "order", "id"
    )
    ratings = {r.point_id: r for r in PointRating.objects.filter(walk=walk, point__area=area)}
    return [(point, ratings.get(point.pk)) for point in points]


def action_owners(*, walk: WalkThrough) -> QuerySet:
    """Active staff of the walk's system with a role at its branch (or the whole system)."""
    from django.db.models import Q

    from patroncare.accounts.models import User

    return (
        User.objects.filter(
            Q(role_assignments__branch_id=walk.branch_id) | Q(role_assignments__branch__isnull=True),
            library_system_id=walk.system_id,
            is_active=True,
            role_assignments__role__in=STAFF_ROLES,
        )
        .distinct()
        .order_by("full_name")
    )


def open_actions_for(*, user) -> list[WalkAction]:
    return list(
        WalkAction.objects.filter(owner=user, done_on__isnull=True, walk__system_id=user.library_system_id)
        .select_related("walk__branch")
        .order_by("due_on", "id")
    )


def today_for(user):
    return today_in(user.library_system)
