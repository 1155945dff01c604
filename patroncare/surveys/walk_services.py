"""Writes of walk-throughs: the library's checklist, a walk of one branch, its photos, and the actions it
leads to (each owned by one person of the branch, with a due date)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from patroncare.core.access import refuse_unless
from patroncare.core.concurrency import save_if_unchanged
from patroncare.core.files import PHOTO_KINDS, check_upload
from patroncare.libraries.calendar import today_in
from patroncare.notifications.services import notifications_clear_for, tell

from . import events
from .content import WALK_STARTER
from .models import CheckPoint, PointRating, WalkAction, WalkArea, WalkPhoto, WalkThrough
from .permissions import (
    can_close_walk_action,
    can_edit_checklists,
    can_own_walk_action,
    can_record_walk,
    can_walk_branch,
)

MAX_PHOTO_BYTES = 5 * 1024 * 1024


def validate_photo(upload) -> str:
    """A walk-through photo: JPEG or PNG, 5 MB at most (the one upload check of core.files)."""
    return check_upload(upload, max_bytes=MAX_PHOTO_BYTES, kinds=PHOTO_KINDS)


@transaction.atomic
def checklist_start(*, actor, system) -> int:
    """The starter checklist, for a library that has none yet; returns how many points were added."""
    refuse_unless(
        can_edit_checklists(actor) and actor.library_system_id == system.pk,
        _("Only administrators write the walk-through checklists."),
    )
    if CheckPoint.objects.filter(system=system).exists():
        return 0
    for order, (area, key, text_en, text_es) in enumerate(WALK_STARTER, start=1):
        point = CheckPoint(
            system=system, area=area, key=key, order=order * 10, text_en=text_en, text_es=text_es
        )
        point.full_clean()
        point.save()
    return len(WALK_STARTER)


def _unique_key(system, text: str) -> str:
    base = slugify(text)[:50] or "point"
    key, n = base, 2
    while CheckPoint.objects.filter(system=system, key=key).exists():
        key, n = f"{base}-{n}", n + 1
    return key


@transaction.atomic
def checkpoint_create(*, actor, area: str, text_en: str, text_es: str = "", order: int = 500) -> CheckPoint:
    refuse_unless(can_edit_checklists(actor), _("Only administrators write the walk-through checklists."))
    system = actor.library_system
    point = CheckPoint(
        system=system,
        area=area,
        key=_unique_key(system, text_en),
        order=order,
        text_en=text_en.strip(),
        text_es=text_es.strip(),
    )
    point.full_clean()
    point.save()
    events.checkpoint_changed(actor=actor, point=point)
    return point


@transaction.atomic
def checkpoint_update(
    *,
    actor,
    point: CheckPoint,
    expected_version: int,
    text_en: str,
    text_es: str,
    area: str,
    order: int,
    is_active: bool,
) -> CheckPoint:
    """Change a point's words, area, place or retire it; its key stays, so walks stay comparable."""
    refuse_unless(
        can_edit_checklists(actor) and point.system_id == actor.library_system_id,
        _("Only administrators write the walk-through checklists."),
    )
    point.text_en, point.text_es = text_en.strip(), text_es.strip()
    point.area, point.order, point.is_active = area, order, is_active
    save_if_unchanged(point, expected_version=expected_version, fields=["text", "area", "order", "is_active"])
    events.checkpoint_changed(actor=actor, point=point)
    return point


@transaction.atomic
def walk_start(*, actor, branch, walked_on: date | None = None) -> WalkThrough:
    refuse_unless(
        branch.system_id == actor.library_system_id and can_walk_branch(actor, branch.pk),
        _("Only supervisors of this branch and administrators walk it through."),
    )
    walked_on = walked_on or today_in(branch.system)
    if walked_on > today_in(branch.system):
        raise ValidationError({"walked_on": _("A walk-through cannot be dated in the future.")})
    walk = WalkThrough(system_id=branch.system_id, branch=branch, walked_on=walked_on, walked_by=actor)
    walk.full_clean()
    walk.save()
    events.walk_started(actor=actor, walk=walk)
    return walk


def _refuse_unless_recording(actor, walk):
    refuse_unless(
        can_record_walk(actor, walk),
        _("This walk-through is finished, or not yours to record."),
    )


@transaction.atomic
def walk_record_area(
    *, actor, walk: WalkThrough, expected_version: int, area: str, ratings: dict, photos: dict | None = None
) -> None:
    """Store one area's ratings and notes (`ratings` maps a point to (rating or None, note)) and its photos
    (`photos` maps a point to an upload). Every photo is checked before anything is written."""
    _refuse_unless_recording(actor, walk)
    if area not in WalkArea.values:
        raise ValidationError(_("Unknown area."))
    points = {p.pk: p for p in CheckPoint.objects.filter(system_id=walk.system_id, area=area, is_active=True)}
    photos = photos or {}
    errors = {}
    for point, upload in photos.items():
        try:
            photos[point] = (upload, validate_photo(upload))
        except ValidationError as error:
            errors[f"photo_{point.pk}"] = error.messages
    if errors:
        raise ValidationError(errors)
    save_if_unchanged(walk, expected_version=expected_version, fields=[])
    for point, (rating, note) in ratings.items():
        if point.pk not in points:
            continue
        note = (note or "").strip()
        existing = PointRating.objects.filter(walk=walk, point=point).first()
        if not rating and not note:  # not checked, nothing noted: no row
            if existing is not None:
                existing.delete()
            continue
        row = PointRating(walk=walk, point=point, rating=rating or None, note=note)
        if existing is not None:
            row.pk = existing.pk
        row.full_clean(validate_unique=False)
        row.save()
    now = timezone.now()
    for point, (upload, content_type) in photos.items():
        if point.pk not in points:
            continue
        photo = WalkPhoto(
            walk=walk,
            point=point,
            content_type=content_type,
            original_name=(upload.name or "photo")[-200:],
            uploaded_at=now,
        )
        photo.file.save(upload.name or "photo", upload, save=False)
        photo.full_clean()
        photo.save()


@transaction.atomic
def walk_finish(*, actor, walk: WalkThrough, expected_version: int, summary: str = "") -> WalkThrough:
    _refuse_unless_recording(actor, walk)
    walk.summary = summary.strip()
    walk.finished_on = today_in(walk.system)
    save_if_unchanged(walk, expected_version=expected_version, fields=["summary", "finished_on"])
    events.walk_finished(actor=actor, walk=walk)
    return walk


@transaction.atomic
def walk_action_create(
    *, actor, walk: WalkThrough, text: str, owner, due_on: date, point: CheckPoint | None = None
) -> WalkAction:
    """A finding becomes an action: one owner who works at the branch, a due date, on the owner's desk."""
    refuse_unless(
        walk.system_id == actor.library_system_id and can_walk_branch(actor, walk.branch_id),
        _("Only supervisors of this branch and administrators give walk-through actions."),
    )
    if (
        owner is None
        or owner.library_system_id != walk.system_id
        or not can_own_walk_action(owner, walk.branch_id)
    ):
        raise ValidationError({"owner": _("Choose someone who works at this branch.")})
    if point is not None and point.system_id != walk.system_id:
        raise ValidationError({"point": _("Choose a point of the checklist.")})
    if due_on is None or due_on < today_in(walk.system):
        raise ValidationError({"due_on": _("The due date cannot be in the past.")})
    action = WalkAction(
        walk=walk,
        point=point,
        text=text.strip(),
        owner=owner,
        due_on=due_on,
        created_by=actor,
        created_at=timezone.now(),
    )
    action.full_clean()
    action.save()
    events.walk_action_created(actor=actor, action=action)
    tell(
        users=[owner],
        kind="surveys.walk_action",
        line=gettext_lazy("A walk-through finding is yours to act on, due %(due)s"),
        params={"due": due_on.isoformat()},
        url_name="surveys:walk_detail",
        url_args=(walk.pk,),
        target=action,
    )
    return action


@transaction.atomic
def walk_action_close(*, actor, action: WalkAction, expected_version: int, done_note: str) -> WalkAction:
    refuse_unless(
        can_close_walk_action(actor, action), _("Only the owner or a supervisor closes this action.")
    )
    if action.done_on is not None:
        raise ValidationError(_("This action is already done."))
    if not done_note.strip():
        raise ValidationError({"done_note": _("Say in a few words what was done.")})
    action.done_on = today_in(action.walk.system)
    action.done_note = done_note.strip()
    save_if_unchanged(action, expected_version=expected_version, fields=["done_on", "done_note"])
    events.walk_action_done(actor=actor, action=action)
    notifications_clear_for(obj=action)
    return action
