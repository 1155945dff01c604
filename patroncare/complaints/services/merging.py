"""Two cases of the same complaint become one: the duplicate is closed into the case that carries on."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from patroncare.complaints import events
from patroncare.core.concurrency import save_if_unchanged

from ..models import Complaint, EntryKind, Status
from ..permissions import can_handle, has_case_authority
from ._common import add_entry, require
from .routing import reroute_if_barred

MERGE_FIELDS = ["status", "closed_at", "merged_into", "merged_at"]


@transaction.atomic
def complaint_merge(*, actor, complaint: Complaint, into: Complaint, reason: str) -> Complaint:
    """Merge `complaint` (A) into `into` (B), keeping both timelines.

    A is closed as merged and points to B; B's timeline shows A's entries, B becomes restricted if A was and
    names the staff A named; cases already merged into A now point to B, so a merge never chains. Only
    those with authority over both cases (a supervisor of their branches, an administrator, the director)
    merge, within one library system.
    """
    require(bool(reason.strip()), _("Give the reason for merging the two cases."))
    require(
        into.pk != complaint.pk and into.system_id == complaint.system_id,
        _("Choose another case of this library system."),
    )
    a = Complaint.objects.select_for_update().get(pk=complaint.pk)
    b = Complaint.objects.select_for_update().get(pk=into.pk)
    for case in (a, b):
        require(
            can_handle(actor, case) and has_case_authority(actor, case),
            _("Only a supervisor of the branches of both cases, an administrator or the director merges."),
        )
    require(a.merged_into_id is None, _("This case has already been merged into another."))
    require(
        b.merged_into_id is None,
        _("%(reference)s has itself been merged into another case: merge into that one.")
        % {"reference": b.reference},
    )
    now = timezone.now()
    a.status, a.merged_into, a.merged_at = Status.CLOSED, b, now
    a.closed_at = a.closed_at or now
    # Both rows are locked: the version moves on, so a form still open on either case is refused as stale.
    save_if_unchanged(a, expected_version=a.version, fields=MERGE_FIELDS)
    Complaint.objects.filter(merged_into=a).update(merged_into=b)
    named = list(a.staff_named.all())
    if named:
        b.staff_named.add(*named)
        b.__dict__.pop("named_staff_ids", None)
    b_fields = []
    if a.restricted and not b.restricted:
        # Once about staff conduct, always restricted: the merged file holds A's account of it.
        b.restricted = True
        b_fields.append("restricted")
    previous_owner = b.owner_id
    if reroute_if_barred(b) and b.owner_id != previous_owner:
        b_fields.append("owner")
    if b_fields:
        save_if_unchanged(b, expected_version=b.version, fields=b_fields)
    add_entry(
        complaint=a,
        kind=EntryKind.MERGED,
        author=actor,
        body=reason.strip(),
        data={"code": "merged_into", "reference": b.reference},
    )
    add_entry(
        complaint=b,
        kind=EntryKind.MERGED,
        author=actor,
        body=reason.strip(),
        data={"code": "merged_from", "reference": a.reference},
    )
    events.complaint_merged(
        actor=actor,
        merged=a,
        into=b,
        merged_changes={"merged_into": [None, b.pk], "status": [complaint.status, Status.CLOSED]},
        into_changes={"restricted": [False, True]} if "restricted" in b_fields else None,
    )

    complaint.refresh_from_db()
    into.refresh_from_db()
    return b
