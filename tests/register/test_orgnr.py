"""Organisation numbers: Luhn check digit and shape, on the real numbers of the register."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from register.orgnr import OrgNrError, luhn_check_digit, orgnr_format, orgnr_normalise

REGISTER_CSV = Path(__file__).resolve().parents[2] / "data" / "register" / "agencies_aa.csv"


def real_org_nrs() -> list[str]:
    with REGISTER_CSV.open(encoding="utf-8") as file:
        return sorted({row["org_nr"] for row in csv.DictReader(file)})


def test_every_org_nr_in_the_register_passes_the_luhn_check() -> None:
    numbers = real_org_nrs()
    assert len(numbers) == 302
    for number in numbers:
        assert orgnr_normalise(number) == number.replace("-", "")


@pytest.mark.parametrize(
    ("raw", "digits"),
    [
        ("202100-4284", "2021004284"),  # Affärsverket svenska kraftnät
        ("2021004284", "2021004284"),
        (" 202100-5448 ", "2021005448"),  # Skatteverket
        ("202100-0068", "2021000068"),  # Brottsförebyggande rådet
    ],
)
def test_valid_numbers_normalise_to_ten_digits(raw: str, digits: str) -> None:
    assert orgnr_normalise(raw) == digits
    assert orgnr_format(digits) == f"{digits[:6]}-{digits[6:]}"


def test_luhn_check_digit_of_a_known_number() -> None:
    # 2·2 0 2·2 1 2·0 0 2·4 2 2·8 → 4+0+4+1+0+0+8+2+(1+6) = 26 → 10 − 6 = 4
    assert luhn_check_digit("202100428") == 4


def test_any_other_check_digit_is_refused() -> None:
    for number in real_org_nrs()[:40]:
        digits = number.replace("-", "")
        for wrong in set("0123456789") - {digits[9]}:
            with pytest.raises(OrgNrError) as caught:
                orgnr_normalise(digits[:9] + wrong)
            assert caught.value.code == "check_digit"
            assert "fel kontrollsiffra" in str(caught.value)


def test_swapped_neighbour_digits_are_caught() -> None:
    # 202100-4284 with 4 and 2 swapped in the middle: the Luhn digit no longer matches.
    with pytest.raises(OrgNrError) as caught:
        orgnr_normalise("202100-2484")
    assert caught.value.code == "check_digit"


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "202100-428",  # nine digits
        "202100-42845",  # eleven digits
        "20210-04284",  # hyphen in the wrong place
        "202100 4284",  # space instead of hyphen
        "202100–4284",  # en dash
        "SE2021004284",
        "2021OO4284",  # letters O, not zeros
        "16202100-4284",  # with the "16" prefix used in some systems
    ],
)
def test_bad_shapes_are_refused(raw: str) -> None:
    with pytest.raises(OrgNrError) as caught:
        orgnr_normalise(raw)
    assert caught.value.code == "shape"
    assert "NNNNNN-NNNN" in str(caught.value)
