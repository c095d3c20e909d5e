"""The class rule, ranks, totals and medians, with cases written from the definitions."""

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from keyfigures.classification import FigureClass, classify, median, rank, ratio_of_sums

G, Y, R = FigureClass.GREEN, FigureClass.YELLOW, FigureClass.RED


def values(*numbers):
    return {f"m{i}": Fraction(n) for i, n in enumerate(numbers)}


def classes_in_order(*numbers, higher_is_better=True):
    result = classify(values(*numbers), higher_is_better=higher_is_better)
    return [result[f"m{i}"] for i in range(len(numbers))]


@pytest.mark.parametrize(
    ("numbers", "expected"),
    [
        # n = 8: the top two have 0 and 1 better (< 2 = 25 % of 8); the bottom two likewise
        ((8, 7, 6, 5, 4, 3, 2, 1), [G, G, Y, Y, Y, Y, R, R]),
        # n = 4: only the very best is green (0 better < 1), only the very worst red
        ((4, 3, 2, 1), [G, Y, Y, R]),
        # n = 5: 25 % of 5 is 1.25, so one better is still "fewer than 25 %"
        ((5, 4, 3, 2, 1), [G, G, Y, R, R]),
        # n < 4
        ((2, 1), [G, R]),
        ((3, 2, 1), [G, Y, R]),
        ((1,), [Y]),  # alone: both conditions hold -> yellow
        # all equal: nobody better, nobody worse -> both hold -> yellow
        ((7, 7, 7, 7, 7), [Y, Y, Y, Y, Y]),
        # ties at the top share the class
        ((9, 9, 9, 1, 1, 1, 1, 1), [G, G, G, R, R, R, R, R]),
        # many zeros (e-orders): the zeros share one class even though they are half of n
        ((10, 9, 8, 7, 0, 0, 0, 0), [G, G, Y, Y, R, R, R, R]),
        # tie straddling the 25 % cut: 3 tied among 8, one above them
        ((9, 8, 8, 8, 5, 4, 3, 2), [G, G, G, G, Y, Y, R, R]),
    ],
)
def test_class_rule(numbers, expected):
    assert classes_in_order(*numbers) == expected


def test_lower_is_better_mirrors_the_rule():
    assert classes_in_order(1, 2, 3, 4, higher_is_better=False) == [G, Y, Y, R]


def test_empty_input_gives_no_classes():
    assert classify({}) == {}


@given(st.lists(st.integers(min_value=0, max_value=20), min_size=1, max_size=60))
def test_equal_values_always_share_a_class(numbers):
    result = classify(values(*numbers))
    by_value: dict[int, set[FigureClass]] = {}
    for i, number in enumerate(numbers):
        by_value.setdefault(number, set()).add(result[f"m{i}"])
    assert all(len(classes) == 1 for classes in by_value.values())


@given(st.lists(st.integers(min_value=0, max_value=1000), min_size=1, max_size=60, unique=True))
def test_distinct_values_split_roughly_25_50_25(numbers):
    result = classify(values(*numbers))
    n = len(numbers)
    greens = sum(c == G for c in result.values())
    reds = sum(c == R for c in result.values())
    # with distinct values, exactly ceil(n/4) have fewer than n/4 better
    expected = -(-n // 4) if n > 1 else 0
    assert greens == expected
    assert reds == expected


@given(st.lists(st.integers(min_value=0, max_value=50), min_size=1, max_size=60))
def test_classes_are_monotone_in_value(numbers):
    result = classify(values(*numbers))
    order = {R: 0, Y: 1, G: 2}
    pairs = sorted((numbers[i], order[result[f"m{i}"]]) for i in range(len(numbers)))
    assert [p[1] for p in pairs] == sorted(p[1] for p in pairs)


def test_rank_is_competition_ranking():
    assert rank(values(10, 20, 20, 5)) == {"m0": 3, "m1": 1, "m2": 1, "m3": 4}
    assert rank(values(10, 20, 20, 5), higher_is_better=False) == {
        "m0": 2,
        "m1": 3,
        "m2": 3,
        "m3": 1,
    }


def test_ratio_of_sums_is_not_a_mean_of_ratios():
    # a big agency at 90 % and a small one at 10 %: the mean of ratios would be 50 %
    total = ratio_of_sums([(900, 1000), (1, 10)], scale=100)
    assert total.value == Fraction(90100, 1010)
    assert total.n_included == 2
    assert total.numerator_sum == 901
    assert total.denominator_sum == 1010


def test_ratio_of_sums_skips_members_without_both_parts():
    total = ratio_of_sums([(5, 10), (None, 10), (5, None), (0, 10)], scale=100)
    assert total.value == Fraction(25)
    assert total.n_included == 2


def test_ratio_of_sums_with_zero_denominator_is_not_computable():
    total = ratio_of_sums([(0, 0)], scale=100)
    assert total.value is None
    assert not total.computable
    assert ratio_of_sums([], scale=100).value is None


def test_median_exact():
    assert median([Fraction(1), Fraction(3), Fraction(2)]) == 2
    assert median([Fraction(1), Fraction(2)]) == Fraction(3, 2)
    assert median([]) is None
