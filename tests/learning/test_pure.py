"""The pure learning modules on constructed cases: types, similarity, "Lär av", climbers."""

from fractions import Fraction

import pytest

from learning.agency_types import AgencyType, agency_type_for
from learning.recognition import Change, climbers
from learning.recommend import Candidate, learn_from
from learning.similarity import Comparison, Profile, similar_agencies


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Uppsala universitet", AgencyType.UNIVERSITY),
        ("Mittuniversitetet", AgencyType.UNIVERSITY),
        ("Kungliga Tekniska högskolan", AgencyType.UNIVERSITY),
        ("Högskolan i Borås", AgencyType.UNIVERSITY),
        ("Stockholms konstnärliga högskola", AgencyType.UNIVERSITY),
        ("Försvarshögskolan", AgencyType.UNIVERSITY),
        ("Sveriges lantbruksuniversitet", AgencyType.UNIVERSITY),
        ("Karolinska institutet", AgencyType.UNIVERSITY),
        ("Universitetskanslersämbetet", AgencyType.OTHER),
        ("Universitets- och högskolerådet", AgencyType.OTHER),
        ("Myndigheten för yrkeshögskolan", AgencyType.OTHER),
        ("Länsstyrelsen i Skåne län", AgencyType.COUNTY_BOARD),
        ("Attunda tingsrätt", AgencyType.COURT),
        ("Svea hovrätt", AgencyType.COURT),
        ("Hovrätten för Västra Sverige", AgencyType.COURT),
        ("Förvaltningsrätten i Göteborg", AgencyType.COURT),
        ("Kammarrätten i Stockholm", AgencyType.COURT),
        ("Högsta domstolen", AgencyType.COURT),
        ("Högsta  förvaltningsdomstolen", AgencyType.COURT),
        ("Domstolsverket", AgencyType.OTHER),
        ("Skatteverket", AgencyType.OTHER),
        ("", AgencyType.OTHER),
    ],
)
def test_agency_type_from_register_name(name, expected):
    assert agency_type_for(name) == expected


def _profile(key, fte, invoices, department="Fi", name=None):
    return Profile(
        key=key,
        name=name or f"Verk {key}",
        department=department,
        fte=fte,
        supplier_invoices=invoices,
    )


def test_similar_agencies_nearest_first_with_department_penalty():
    target = _profile(0, 400, 10000)
    candidates = [
        target,
        _profile(1, 420, 10500),  # nearly the same, same department
        _profile(2, 400, 10000, department="Ku"),  # identical size, other department
        _profile(3, 4000, 100000),  # ten times larger
        _profile(4, 800, 20000),  # double
        _profile(5, None, 10000),  # no ÅA: not placeable
    ]
    result = similar_agencies(target, candidates)
    assert [s.profile.key for s in result] == [1, 2, 4, 3]
    assert result[0].same_department
    assert result[0].size == Comparison.SIMILAR
    assert not result[1].same_department
    assert result[2].size == Comparison.LARGER
    assert result[2].volume == Comparison.LARGER


def test_similar_agencies_ties_broken_by_name_and_limited_to_k():
    target = _profile(0, 100, 1000)
    candidates = [_profile(i, 200, 1000, name=n) for i, n in enumerate("FEDCBA", start=1)]
    result = similar_agencies(target, candidates, k=5)
    assert [s.profile.name for s in result] == ["A", "B", "C", "D", "E"]


def test_no_similar_agencies_without_own_size():
    assert similar_agencies(_profile(0, None, 10), [_profile(1, 10, 10)]) == []
    # zero invoices are a size (log1p), not a missing value
    assert len(similar_agencies(_profile(0, 60, 0), [_profile(1, 70, 0)])) == 1


def _candidate(key, tier, value, change=None, previous=None):
    return Candidate(
        key=key,
        name=f"Verk {key}",
        tier=tier,
        value=None if value is None else Fraction(value),
        change=None if change is None else Fraction(change),
        previous=None if previous is None else Fraction(previous),
    )


def test_learn_from_share_needs_ten_points_ahead_or_five_points_improvement():
    candidates = [
        _candidate(1, 0, 59),  # 9 points ahead: not clearly
        _candidate(2, 0, 60),  # exactly 10 points ahead
        _candidate(3, 2, 55, change=5, previous=50),  # improved by 5 points
        _candidate(4, 0, 80, change=-3, previous=83),  # 30 ahead
        _candidate(5, 1, None),  # no value
    ]
    result = learn_from(own_key=0, own_value=Fraction(50), candidates=candidates, is_share=True)
    assert [r.candidate.key for r in result] == [4, 2, 3]
    assert result[0].gap == 30
    assert result[0].improvement is None
    assert result[2].gap is None
    assert result[2].improvement == 5


def test_learn_from_similarity_first_then_strength_then_name():
    candidates = [
        _candidate(1, 1, 90),
        _candidate(2, 0, 61),
        _candidate(3, 0, 61),
        _candidate(4, 0, 70),
    ]
    result = learn_from(own_key=0, own_value=Fraction(50), candidates=candidates, is_share=True)
    assert [r.candidate.key for r in result] == [4, 2, 3]


def test_learn_from_relative_threshold_for_e_orders_and_lower_is_better():
    candidates = [_candidate(1, 0, 124), _candidate(2, 0, 125), _candidate(3, 0, 50, 20, 40)]
    result = learn_from(own_key=0, own_value=Fraction(100), candidates=candidates, is_share=False)
    # 3 is behind but improved by 50 % of its previous value
    assert [r.candidate.key for r in result] == [3, 2]
    lower = learn_from(
        own_key=0,
        own_value=Fraction(100),
        candidates=[_candidate(1, 0, 70), _candidate(2, 0, 130)],
        is_share=False,
        higher_is_better=False,
    )
    assert [r.candidate.key for r in lower] == [1]


def test_learn_from_without_own_value_only_improvement_counts():
    candidates = [_candidate(1, 0, 90), _candidate(2, 0, 40, change=10, previous=30)]
    result = learn_from(own_key=0, own_value=None, candidates=candidates, is_share=True)
    assert [r.candidate.key for r in result] == [2]


def test_learn_from_never_the_agency_itself_and_at_most_three():
    candidates = [_candidate(0, 0, 99)] + [_candidate(i, 0, 90 + i) for i in range(1, 6)]
    result = learn_from(own_key=0, own_value=Fraction(10), candidates=candidates, is_share=True)
    assert [r.candidate.key for r in result] == [5, 4, 3]


def test_climbers_overall_and_per_group_with_ties_by_name():
    changes = [
        Change(key=1, name="B", group="x", change=Fraction(5)),
        Change(key=2, name="A", group="y", change=Fraction(5)),
        Change(key=3, name="C", group="x", change=Fraction(2)),
        Change(key=4, name="D", group="z", change=Fraction(-1)),
    ]
    overall, by_group = climbers(changes)
    assert overall is not None
    assert overall.name == "A"
    assert {g: c.name for g, c in by_group.items()} == {"x": "B", "y": "A"}
    overall, by_group = climbers(changes, higher_is_better=False)
    assert overall is not None
    assert overall.name == "D"
    assert list(by_group) == ["z"]
    assert climbers([]) == (None, {})
