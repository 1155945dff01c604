"""A legal hold on a person follows them when two records of that person are merged."""

from datetime import date

from patroncare.patrons.services import person_merge
from patroncare.retention.models import LegalHold
from patroncare.retention.services import legal_hold_place

from .helpers import person


def _hold(world, someone):
    return legal_hold_place(
        actor=world.users["administrator"],
        system=world.system,
        record_type="patrons.person",
        record_id=someone.pk,
        reason="Litigation notice",
        review_on=date(2027, 6, 30),
    )


def _merge(world, kept, other):
    return person_merge(
        actor=world.users["administrator"],
        kept=kept,
        other=other,
        from_other=[],
        kept_version=kept.version,
        other_version=other.version,
    )


def test_the_hold_on_the_record_that_goes_moves_to_the_record_kept(world):
    kept, other = person(world), person(world)
    hold = _hold(world, other)
    _merge(world, kept, other)
    hold.refresh_from_db()
    assert (hold.record_id, hold.released_at) == (kept.pk, None)


def test_when_both_records_are_held_one_hold_stays_and_the_other_is_closed_with_a_note(world):
    kept, other = person(world), person(world)
    kept_hold, other_hold = _hold(world, kept), _hold(world, other)
    _merge(world, kept, other)
    kept_hold.refresh_from_db()
    other_hold.refresh_from_db()
    assert kept_hold.released_at is None
    assert other_hold.released_at is not None and f"person #{kept.pk}" in other_hold.release_note
    assert LegalHold.objects.filter(record_id=kept.pk, released_at__isnull=True).count() == 1
