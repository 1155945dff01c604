"""Small numbers: counts of 1 to 4 hidden, and a second cell hidden where the first could be worked out."""

import pytest
from django.test import override_settings
from django.utils import translation

from patroncare.reports.suppression import COMPLEMENTARY, SMALL, protect_table, share

pytestmark = pytest.mark.django_db(databases=[])


def hidden(cells):
    return [[cell.hidden for cell in row] for row in cells]


def test_a_count_from_one_to_four_reads_fewer_than_five_and_zero_and_five_stay():
    cells, totals, _ = protect_table([[0], [1], [4], [5]], column_totals=False)

    with translation.override("en"):
        assert [str(row[0]) for row in cells] == ["0", "fewer than 5", "fewer than 5", "5"]
    assert totals == []


def test_one_hidden_cell_in_a_column_with_a_total_hides_the_smallest_other_count_too():
    # Without the second cell, 3 = 40 - 12 - 25 could be worked out from the total.
    cells, totals, _ = protect_table([[12], [3], [25]])

    assert hidden(cells) == [[COMPLEMENTARY], [SMALL], [""]]
    assert [cell.value for cell in totals] == [40]
    assert cells[2][0].value == 25


def test_two_small_counts_in_a_column_protect_each_other():
    cells, totals, _ = protect_table([[2], [3], [30]])

    assert hidden(cells) == [[SMALL], [SMALL], [""]]
    assert totals[0].value == 35


def test_a_small_count_alone_beside_zeros_hides_the_total():
    # 0 + 0 + x = total: x would be the total itself.
    cells, totals, _ = protect_table([[0], [3], [0]])

    assert hidden(cells) == [[""], [SMALL], [""]]
    assert totals[0].hidden == SMALL  # the total 3 is itself small


def test_a_small_column_total_is_hidden_with_the_count_it_holds():
    cells, totals, _ = protect_table([[0, 7], [3, 0]], column_totals=True)

    assert hidden(cells) == [["", ""], [SMALL, ""]]
    assert totals[0].hidden == SMALL
    assert totals[1].value == 7


def test_rows_and_columns_with_totals_are_protected_until_nothing_can_be_derived():
    values = [
        [10, 2, 20],
        [15, 30, 12],
        [25, 14, 40],
    ]
    cells, column_totals, row_totals = protect_table(values, column_totals=True, row_totals=True)

    marks = hidden(cells)
    assert marks[0][1] == SMALL
    # Each line that adds up to a shown total holds no hidden cell or at least two.
    for r in range(3):
        assert sum(1 for mark in marks[r] if mark) != 1 or row_totals[r].hidden
    for c in range(3):
        assert sum(1 for r in range(3) if marks[r][c]) != 1 or column_totals[c].hidden
    assert [cell.value for cell in column_totals] == [50, 46, 72]


def test_a_percentage_over_fewer_than_ten_cases_is_not_shown_when_protected():
    assert share(3, 9, protected=True) is None
    assert share(3, 10, protected=True) == 30.0
    assert share(3, 9, protected=False) == 33.3
    assert share(0, 0, protected=False) is None


@override_settings(PATRONCARE_SMALL_NUMBER_THRESHOLD=10)
def test_the_threshold_is_a_setting():
    cells, _, _ = protect_table([[7], [12], [30]])

    assert hidden(cells) == [[SMALL], [COMPLEMENTARY], [""]]
    with translation.override("es"):
        assert str(cells[0][0]) == "menos de 10"
