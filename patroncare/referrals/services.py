"""Writes of the directory and the referral log. A referral records no person; see models.py."""

from datetime import date, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from patroncare.audit.services import changed_fields
from patroncare.core.access import refuse_unless
from patroncare.core.concurrency import save_if_unchanged
from patroncare.core.mail import absolute_link, send_in_language
from patroncare.libraries.calendar import today_in
from patroncare.libraries.models import Branch, LibrarySystem

from . import events, hsds
from .content import STANDARD_CATEGORIES
from .models import Category, Hours, Referral, ReferralSettings, Resource
from .permissions import can_exchange_directory, can_manage_directory, can_record_referral, can_verify

# The fields an editor changes (both language versions of what the library writes).
TRANSLATED = ["name", "description", "hours_note", "eligibility", "cost", "getting_there", "accessibility"]
PLAIN = [
    "organisation",
    "address",
    "area_served",
    "phone",
    "text_line",
    "website",
    "languages",
    "staff_notes",
    "is_active",
    "verify_every_months",
    "owner",
]
EDITABLE = PLAIN + [f"{name}_{language}" for name in TRANSLATED for language in ("en", "es")]


@transaction.atomic
def categories_install_standard(*, system: LibrarySystem) -> list[Category]:
    """The needs PatronCare ships, in English and Spanish; a need the library already has is left alone."""
    created = []
    for order, (slug, name_en, name_es, playbooks) in enumerate(STANDARD_CATEGORIES, start=1):
        category, is_new = Category.objects.get_or_create(
            system=system,
            slug=slug,
            defaults={
                "name_en": name_en,
                "name_es": name_es,
                "order": order * 10,
                "playbook_slugs": playbooks,
            },
        )
        if is_new:
            created.append(category)
    return created


def _normalise_languages(value: str) -> str:
    codes = []
    for code in value.replace(";", ",").split(","):
        code = code.strip().lower()
        if code and code not in codes:
            codes.append(code)
    return ",".join(codes)


def _set_hours(resource: Resource, hours: list[tuple[int, time, time]]) -> None:
    resource.hours.all().delete()
    for weekday, opens, closes in hours:
        row = Hours(resource=resource, weekday=weekday, opens=opens, closes=closes)
        row.full_clean()
        row.save()


@transaction.atomic
def resource_create(
    *,
    actor,
    system: LibrarySystem,
    categories: list[Category],
    hours: list[tuple[int, time, time]] | None = None,
    verified_on: date | None = None,
    **fields,
) -> Resource:
    refuse_unless(actor is None or can_manage_directory(actor), _("You may not change the directory."))
    fields["languages"] = _normalise_languages(fields.get("languages", "en") or "en")
    resource = Resource(system=system, **fields)
    if verified_on is not None:
        resource.last_verified_on = verified_on
        resource.verified_by = actor
    resource.full_clean()
    resource.save()
    resource.categories.set([c for c in categories if c.system_id == system.pk])
    _set_hours(resource, hours or [])
    events.resource_added(actor=actor, resource=resource)
    return resource


@transaction.atomic
def resource_update(
    *,
    actor,
    resource: Resource,
    expected_version: int,
    categories: list[Category],
    hours: list[tuple[int, time, time]],
    **fields,
) -> Resource:
    refuse_unless(can_manage_directory(actor), _("You may not change the directory."))
    before = {name: getattr(resource, name) for name in EDITABLE}
    if "languages" in fields:
        fields["languages"] = _normalise_languages(fields["languages"])
    for name, value in fields.items():
        if name not in EDITABLE:
            raise TypeError(f"{name} cannot be edited")
        setattr(resource, name, value)
    save_if_unchanged(resource, expected_version=expected_version, fields=list(fields))
    resource.categories.set([c for c in categories if c.system_id == resource.system_id])
    _set_hours(resource, hours)
    events.resource_changed(
        actor=actor, resource=resource, changes=changed_fields(resource, before, list(fields))
    )
    return resource


@transaction.atomic
def resource_verify(*, actor, resource: Resource, on: date | None = None) -> Resource:
    """Someone checked the entry with the organisation today: the cycle starts again."""
    refuse_unless(can_verify(actor, resource), _("You may not verify this resource."))
    resource.last_verified_on = on or today_in(resource.system)
    resource.verified_by = actor
    resource.reminded_for = None
    resource.full_clean()
    Resource.objects.filter(pk=resource.pk).update(
        last_verified_on=resource.last_verified_on, verified_by=actor, reminded_for=None
    )
    events.resource_verified(actor=actor, resource=resource)
    return resource


@transaction.atomic
def referral_record(
    *,
    actor,
    branch: Branch,
    need: Category,
    language: str,
    resource: Resource | None = None,
    incident_id: int | None = None,
    playbook_slug: str = "",
) -> Referral:
    """One tap at the desk: that a referral was made. Nothing about the person helped, nor who helped."""
    system_id = actor.library_system_id
    refuse_unless(
        branch.system_id == system_id and can_record_referral(actor, branch.pk),
        _("You may not record a referral for this branch."),
    )
    refuse_unless(
        need.system_id == system_id and (resource is None or resource.system_id == system_id),
        _("This resource is not in your library's directory."),
    )
    referral = Referral(
        system_id=system_id,
        branch=branch,
        need=need,
        resource=resource,
        language=(language or "en").strip().lower(),
        made_on=today_in(branch.system),
        incident_id=incident_id,
        playbook_slug=playbook_slug,
    )
    referral.full_clean()
    referral.save()
    return referral


@transaction.atomic
def settings_update(*, actor, system: LibrarySystem, **fields) -> ReferralSettings:
    refuse_unless(can_exchange_directory(actor), _("You may not change the crisis line."))
    record, _created = ReferralSettings.objects.get_or_create(system=system)
    names = list(fields)
    before = {name: getattr(record, name) for name in names}
    for name, value in fields.items():
        setattr(record, name, value)
    record.full_clean()
    record.save()
    events.settings_changed(
        actor=actor, settings_record=record, changes=changed_fields(record, before, names)
    )
    return record


def verification_reminders_send(*, now=None) -> int:
    """Remind each owner once per due date of the resources they keep that are due for verification.

    Stale is computed when read (the directory shows it); this job only tells people. Returns how many
    reminders were sent. A resource with no owner is listed as stale for supervisors and administrators.
    """
    now = now or timezone.now()
    sent = 0
    resources = (
        Resource.objects.filter(is_active=True, owner__isnull=False, owner__is_active=True)
        .select_related("owner", "system")
        .order_by("owner_id", "pk")
    )
    by_owner: dict[int, list[Resource]] = {}
    for resource in resources:
        due = resource.verification_due_on()
        today = today_in(resource.system, now)
        if resource.is_stale(today) and resource.reminded_for != (due or date.min):
            by_owner.setdefault(resource.owner_id, []).append(resource)
    for owned in by_owner.values():
        owner = owned[0].owner
        if not owner.email:
            continue
        with transaction.atomic():
            for resource in owned:
                Resource.objects.filter(pk=resource.pk).update(
                    reminded_for=resource.verification_due_on() or date.min
                )
            context = {
                "recipient": owner,
                "resources": owned,
                "link": absolute_link("referrals:directory") + "?stale=1",
            }
            language = owner.preferred_language or "en"
            transaction.on_commit(
                lambda owner=owner, language=language, context=context: send_in_language(
                    to=owner.email,
                    language=language,
                    subject_template="referrals/email/verify_subject.txt",
                    body_template="referrals/email/verify_body.txt",
                    context=context,
                )
            )
        sent += 1
    return sent


class _Rollback(Exception):
    pass


def directory_import(*, actor, system: LibrarySystem, upload) -> "hsds.Report":
    """Load an HSDS datapackage into the directory: all of it, or nothing when any row is wrong.

    A service already imported (same HSDS id) is updated, never duplicated. What the package does not carry
    (the Spanish versions, notes for staff, the owner and the verification cycle) is kept as it was.
    """
    refuse_unless(can_exchange_directory(actor), _("You may not import into the directory."))
    report = hsds.Report()
    tables = hsds.read_package(upload, report)
    if report.errors:
        return report
    services = hsds.services_from(tables)
    report.services = len(services)
    try:
        with transaction.atomic():
            needs = {c.slug: c for c in Category.objects.filter(system=system)}
            existing = {
                r.hsds_id: r
                for r in Resource.objects.filter(system=system, hsds_id__in=[s["hsds_id"] for s in services])
            }
            for item in services:
                line, hours, codes = item.pop("line"), item.pop("hours"), item.pop("needs")
                item["languages"] = _normalise_languages(item["languages"])
                resource = existing.get(item["hsds_id"])
                is_new = resource is None
                if is_new:
                    resource = Resource(system=system)
                for name, value in item.items():
                    setattr(resource, name, value)
                try:
                    resource.full_clean()
                except ValidationError as error:
                    for field_name, messages in error.message_dict.items():
                        for message in messages:
                            report.add("service.csv", line, field_name, message)
                    continue
                if is_new:
                    resource.save()
                    report.created += 1
                else:
                    resource.version += 1
                    resource.save()
                    report.updated += 1
                categories = []
                for code, name in codes:
                    if code not in needs:
                        needs[code] = Category.objects.create(
                            system=system, slug=code[:60], name_en=name[:80], order=500
                        )
                    categories.append(needs[code])
                resource.categories.set(categories)
                try:
                    _set_hours(resource, hours)
                except ValidationError as error:
                    report.add(
                        "schedule.csv",
                        None,
                        "service_id",
                        f"{item['hsds_id']}: {'; '.join(error.messages)}",
                    )
            if report.errors:
                raise _Rollback
            events.directory_imported(
                actor=actor, system=system, created=report.created, updated=report.updated
            )
    except _Rollback:
        report.created = report.updated = 0
    return report


def directory_exported(*, actor, system: LibrarySystem, count: int) -> None:
    events.directory_exported(actor=actor, system=system, count=count)
