"""Goal progress and the linear projection, on cases computed by hand."""

from fractions import Fraction

import pytest

from learning.goals import goal_progress, linear_fit


def test_two_points_reach_the_target_and_are_capped_at_100():
    # 90 % in 2023, 95 % in 2024: +5 a year; 2026: 95 + 2 * 5 = 105, capped at 100.
    progress = goal_progress(
        points=[(2023, Fraction(90)), (2024, Fraction(95))],
        target=Fraction(98),
        target_year=2026,
        higher_is_better=True,
        upper=Fraction(100),
    )
    assert progress.latest_year == 2024
    assert progress.latest == 95
    assert progress.gap == 3
    assert progress.reached is False
    assert progress.slope == 5
    assert progress.projected == 100
    assert progress.reaches is True
    assert progress.can_project


def test_three_points_least_squares_do_not_reach():
    # x̄ = 2023, ȳ = 83; Σ(x−x̄)(y−ȳ) = 3 + 0 + 2 = 5, Σ(x−x̄)² = 2: slope 5/2;
    # 2026: 83 + 3 * 5/2 = 90.5 < 95.
    progress = goal_progress(
        points=[(2024, Fraction(85)), (2022, Fraction(80)), (2023, Fraction(84))],
        target=Fraction(95),
        target_year=2026,
        higher_is_better=True,
    )
    assert progress.slope == Fraction(5, 2)
    assert progress.projected == Fraction(181, 2)
    assert progress.reaches is False
    assert progress.latest == 85
    assert progress.gap == 10
    assert progress.n_points == 3


def test_exact_fractions_throughout():
    # 1/3, 1/2: slope 1/6 a year; 2025: 1/2 + 1/6 = 2/3 exactly.
    assert linear_fit([(2023, Fraction(1, 3)), (2024, Fraction(1, 2))]) == (
        Fraction(1, 6),
        Fraction(1, 3) - 2023 * Fraction(1, 6),
    )
    progress = goal_progress(
        points=[(2023, Fraction(1, 3)), (2024, Fraction(1, 2))],
        target=Fraction(2, 3),
        target_year=2025,
        higher_is_better=True,
    )
    assert progress.projected == Fraction(2, 3)
    assert progress.reaches is True  # exactly on target counts


def test_lower_is_better():
    # 10, 8: −2 a year; 2026: 8 − 4 = 4 ≤ 5.
    progress = goal_progress(
        points=[(2023, Fraction(10)), (2024, Fraction(8))],
        target=Fraction(5),
        target_year=2026,
        higher_is_better=False,
    )
    assert progress.projected == 4
    assert progress.reaches is True
    assert progress.reached is False
    assert progress.gap == -3


def test_projection_never_below_zero():
    progress = goal_progress(
        points=[(2023, Fraction(10)), (2024, Fraction(2))],
        target=Fraction(20),
        target_year=2030,
        higher_is_better=True,
    )
    assert progress.projected == 0
    assert progress.reaches is False


@pytest.mark.parametrize(
    "points",
    [[(2024, Fraction(90))], [(2024, Fraction(90)), (2024, Fraction(92))]],
    ids=["one point", "one year twice"],
)
def test_fewer_than_two_years_cannot_project(points):
    progress = goal_progress(
        points=points, target=Fraction(95), target_year=2026, higher_is_better=True
    )
    assert not progress.can_project
    assert progress.projected is None
    assert progress.reaches is None
    assert progress.slope is None
    assert progress.latest is not None


def test_no_points():
    progress = goal_progress(
        points=[], target=Fraction(95), target_year=2026, higher_is_better=True
    )
    assert progress.latest is None
    assert progress.gap is None
    assert progress.reached is None
    assert not progress.can_project
    assert progress.n_points == 0


def test_already_reached():
    progress = goal_progress(
        points=[(2023, Fraction(96)), (2024, Fraction(97))],
        target=Fraction(95),
        target_year=2025,
        higher_is_better=True,
    )
    assert progress.reached is True
    assert progress.gap == -2
