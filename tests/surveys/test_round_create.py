"""Creating rounds: default slugs, half-years only for 2015–2018, one round per period."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from surveys.models import PeriodType, RoundStatus
from surveys.services import RoundExistsError, RoundPeriodError, round_create


@pytest.mark.django_db
def test_a_full_year_round_is_a_draft_with_the_year_as_slug() -> None:
    round_ = round_create(year=2024)

    assert (round_.slug, round_.year, round_.period_type) == ("2024", 2024, PeriodType.YEAR)
    assert round_.status == RoundStatus.DRAFT
    assert round_.pk is not None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("year", "period_type", "slug"),
    [
        (2015, PeriodType.SECOND_HALF, "2015h2"),
        (2017, PeriodType.FIRST_HALF, "2017h1"),
        (2017, PeriodType.SECOND_HALF, "2017h2"),
        (2018, PeriodType.FIRST_HALF, "2018h1"),
    ],
)
def test_half_years_2015_to_2018(year: int, period_type: str, slug: str) -> None:
    round_ = round_create(year=year, period_type=period_type)

    assert round_.slug == slug
    assert round_.is_half_year


@pytest.mark.django_db
@pytest.mark.parametrize(("year", "period_type"), [(2014, "h2"), (2019, "h1"), (2024, "h2")])
def test_half_years_outside_2015_to_2018_are_refused(year: int, period_type: str) -> None:
    with pytest.raises(RoundPeriodError) as caught:
        round_create(year=year, period_type=period_type)

    assert caught.value.message == (
        "Halvårsomgångar finns bara för 2015–2018 (ESV:s och Diggs mätningar två gånger "
        f"per år). Välj helår för {year}."
    )
    assert caught.value.code == "round_period"


@pytest.mark.django_db
def test_an_unknown_period_type_is_refused() -> None:
    with pytest.raises(RoundPeriodError) as caught:
        round_create(year=2017, period_type="q1")
    assert "Okänd period ”q1”" in caught.value.message


@pytest.mark.django_db
def test_a_second_round_for_the_same_period_is_refused() -> None:
    round_create(year=2024)

    with pytest.raises(RoundExistsError) as caught:
        round_create(year=2024, slug="2024-igen")

    assert caught.value.message == "Det finns redan en omgång för 2024 (2024)."


@pytest.mark.django_db
def test_a_slug_in_use_is_refused_and_a_bad_slug_fails_validation() -> None:
    round_create(year=2023, slug="senaste")

    with pytest.raises(RoundExistsError):
        round_create(year=2024, slug="senaste")
    with pytest.raises(ValidationError):
        round_create(year=2024, slug="inte en slug")
