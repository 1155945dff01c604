"""Every change to a library system's configuration, audited."""

from datetime import time

from django.db import transaction

from patroncare.audit.services import changed_fields
from patroncare.core.concurrency import save_if_unchanged
from patroncare.core.languages import writing_main_language
from patroncare.libraries import events

from .models import Branch, Closure, Holiday, LibrarySystem, Location, OpeningHours

SYSTEM_FIELDS = ["name", "time_zone", "opening_days", "director"]
BRANCH_FIELDS = ["name", "name_es", "code", "address", "phone", "is_small", "is_active"]
LOCATION_FIELDS = ["name", "name_es", "kind", "is_active"]

DayHours = tuple[time, time] | None  # None: closed that day


@transaction.atomic
def library_system_update(*, actor, system: LibrarySystem, expected_version: int, **values) -> LibrarySystem:
    before = {name: getattr(system, name) for name in SYSTEM_FIELDS}
    for name, value in values.items():
        setattr(system, name, value)
    save_if_unchanged(system, expected_version=expected_version, fields=list(values))
    events.system_changed(actor=actor, system=system, changes=changed_fields(system, before, SYSTEM_FIELDS))
    return system


@transaction.atomic
def branch_create(*, actor, system: LibrarySystem, hours: list[DayHours], **values) -> Branch:
    with writing_main_language():
        branch = Branch(system=system, **values)
    branch.full_clean()
    branch.save()
    _set_hours(branch, hours)
    events.branch_added(actor=actor, branch=branch)
    return branch


@transaction.atomic
def branch_update(*, actor, branch: Branch, expected_version: int, hours: list[DayHours], **values) -> Branch:
    with writing_main_language():
        before = {name: getattr(branch, name) for name in BRANCH_FIELDS}
        for name, value in values.items():
            setattr(branch, name, value)
    before_hours = _hours_summary(branch)
    save_if_unchanged(branch, expected_version=expected_version, fields=list(values))
    _set_hours(branch, hours)
    with writing_main_language():
        changes = changed_fields(branch, before, BRANCH_FIELDS)
    if (after_hours := _hours_summary(branch)) != before_hours:
        changes["opening_hours"] = [before_hours, after_hours]
    events.branch_changed(actor=actor, branch=branch, changes=changes)
    return branch


def _set_hours(branch: Branch, hours: list[DayHours]) -> None:
    """Replace the week's opening hours: one entry per weekday, Monday first."""
    if len(hours) != 7:
        raise ValueError("Opening hours need one entry per weekday.")
    branch.opening_hours.all().delete()
    rows = [
        OpeningHours(branch=branch, weekday=weekday, opens=day[0], closes=day[1])
        for weekday, day in enumerate(hours)
        if day is not None
    ]
    for row in rows:
        row.full_clean(exclude=["branch"])
    OpeningHours.objects.bulk_create(rows)


def _hours_summary(branch: Branch) -> list[str]:
    return [str(row) for row in branch.opening_hours.order_by("weekday")]


@transaction.atomic
def location_create(*, actor, branch: Branch, name: str, kind: str, name_es: str | None = None) -> Location:
    """`name` is the main language's version, `name_es` the Spanish one (None until it is written)."""
    with writing_main_language():
        location = Location(branch=branch, name=name, name_es=(name_es or "").strip() or None, kind=kind)
    location.full_clean()
    location.save()
    events.location_added(actor=actor, location=location)
    return location


@transaction.atomic
def location_update(*, actor, location: Location, expected_version: int, **values) -> Location:
    if "name_es" in values:
        values = values | {"name_es": (values["name_es"] or "").strip() or None}
    with writing_main_language():
        before = {name: getattr(location, name) for name in LOCATION_FIELDS}
        for name, value in values.items():
            setattr(location, name, value)
        location.full_clean()
        save_if_unchanged(location, expected_version=expected_version, fields=list(values))
        changes = changed_fields(location, before, LOCATION_FIELDS)
    events.location_changed(actor=actor, location=location, changes=changes)
    return location


@transaction.atomic
def closure_create(
    *, actor, branch: Branch, start_date, end_date, reason: str, reason_es: str | None = None
) -> Closure:
    with writing_main_language():
        closure = Closure(
            branch=branch,
            start_date=start_date,
            end_date=end_date,
            reason=reason,
            reason_es=(reason_es or "").strip() or None,
        )
    closure.full_clean()
    closure.save()
    events.closure_added(actor=actor, closure=closure)
    return closure


@transaction.atomic
def closure_delete(*, actor, closure: Closure) -> None:
    events.closure_removed(actor=actor, closure=closure)
    closure.delete()


@transaction.atomic
def holiday_create(*, actor, system: LibrarySystem, date, name: str, name_es: str | None = None) -> Holiday:
    with writing_main_language():
        holiday = Holiday(system=system, date=date, name=name, name_es=(name_es or "").strip() or None)
    holiday.full_clean()
    holiday.save()
    events.holiday_added(actor=actor, holiday=holiday)
    return holiday


@transaction.atomic
def holiday_delete(*, actor, holiday: Holiday) -> None:
    events.holiday_removed(actor=actor, holiday=holiday)
    holiday.delete()
