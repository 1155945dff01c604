"""Existing classes take the look-back and counting their rows all share, else 12 months of the same class."""

import pytest

from patroncare.testing.migrations import migrate_to

BEFORE = [("rulebook", "0011_ladder_step_choice_length_not_null")]
AFTER = [("rulebook", "0012_classes_share_rank_and_defaults")]


@pytest.mark.django_db(transaction=True)
def test_classes_take_the_look_back_their_rows_share(back_to_the_latest_schema):
    old = migrate_to(BEFORE)
    system = old.get_model("libraries", "LibrarySystem").objects.create(name="Old County", slug="old-county")
    classes = old.get_model("rulebook", "BehaviourClass").objects
    shared, mixed, _empty = (
        classes.create(system=system, rank=r, name=n) for r, n in [(1, "A"), (2, "B"), (3, "C")]
    )
    steps = old.get_model("rulebook", "LadderStep").objects
    for n in (1, 2):
        steps.create(
            system=system,
            behaviour_class=shared,
            offence_from=n,
            lookback_number=None,
            lookback_unit="none",
            counts="any",
            outcome="warning",
        )
    for number in (6, 12):
        steps.create(
            system=system,
            behaviour_class=mixed,
            offence_from=number,
            lookback_number=number,
            lookback_unit="months",
            counts="same",
            outcome="warning",
        )
    new = migrate_to(AFTER)
    after = {
        c.name: c for c in new.get_model("rulebook", "BehaviourClass").objects.filter(system_id=system.pk)
    }
    got = {
        n: (c.default_lookback_number, c.default_lookback_unit, c.default_counts) for n, c in after.items()
    }
    assert got == {"A": (None, "none", "any"), "B": (12, "months", "same"), "C": (12, "months", "same")}
