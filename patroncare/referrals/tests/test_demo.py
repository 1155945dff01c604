from datetime import date

import pytest

from patroncare.core.demo import load_demo
from patroncare.referrals.models import Referral, Resource
from patroncare.referrals.selectors import directory_figures, referral_counts_by_need

pytestmark = [pytest.mark.django_db, pytest.mark.demo]


def test_demo_directory_in_both_languages_a_year_of_referrals_and_loading_twice_changes_nothing():
    today = date(2026, 11, 23)
    context = load_demo(today=today)
    resources = Resource.objects.filter(system=context.system)
    assert resources.count() == 12
    assert all(r.name_es and r.description_es and r.hours.exists() for r in resources)
    stale = [r for r in resources if r.is_stale(today)]
    assert sorted(r.organisation for r in stale) == [
        "Prairie Legal Aid",
        "Riverbend County Housing Office",
        "Riverbend County Human Services",
    ]
    assert directory_figures(system=context.system, today=today) == {"listed": 12, "verified_last_year": 11}
    referrals = Referral.objects.filter(system=context.system)
    count = referrals.count()
    assert count > 300
    rows = referral_counts_by_need(system=context.system, start=date(2025, 11, 24), end=today)
    assert sum(row["count"] for row in rows) == count
    load_demo(today=today)
    assert Referral.objects.filter(system=context.system).count() == count
    assert Resource.objects.filter(system=context.system).count() == 12
