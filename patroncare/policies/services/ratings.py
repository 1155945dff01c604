"""The Yes-O-Meter: a branch rates itself from "no" to "yes, and"."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from patroncare.core.access import refuse_unless
from patroncare.libraries.calendar import today_in
from patroncare.policies import events

from ..models import RatingArea, YesOMeterRating
from ..permissions import can_rate_branch


@transaction.atomic
def yes_rating_record(
    *, actor, branch, area: str, rating: int, policy=None, note: str = "", rated_on: date | None = None
) -> YesOMeterRating:
    """Record (or correct, the same day) a branch's rating of one area or one policy."""
    refuse_unless(
        branch.system_id == actor.library_system_id and can_rate_branch(actor, branch.pk),
        _("Your role may not rate this branch."),
    )
    refuse_unless(
        policy is None or policy.system_id == branch.system_id,
        _("That policy belongs to another library system."),
    )
    if area == RatingArea.POLICY and policy is None:
        raise ValidationError({"policy": _("Choose the policy you are rating.")})
    if area != RatingArea.POLICY:
        policy = None
    rated_on = rated_on or today_in(branch.system)
    existing = (
        YesOMeterRating.objects.select_for_update()
        .filter(branch=branch, area=area, policy=policy, rated_on=rated_on)
        .first()
    )
    record = existing or YesOMeterRating(branch=branch, area=area, policy=policy, rated_on=rated_on)
    record.rating, record.note, record.rated_by = rating, note.strip(), actor
    record.full_clean(validate_constraints=existing is None)
    record.save()
    events.rated(actor=actor, record=record, branch=branch, created=existing is None)
    return record
