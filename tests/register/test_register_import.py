"""The register import: `manage.py import_register`, its report and its all-or-nothing rule."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from register.imports import RegisterImportError, parse_register_csv
from register.models import Agency, AgencyFormerName, AgencyYear
from register.services import register_import

REGISTER_CSV = Path(__file__).resolve().parents[2] / "data" / "register" / "agencies_aa.csv"
HEADER = "agency,short_name,org_nr,department,register_year,employees,aa_arsarbetskrafter,old_names"

# Two real agencies; Kraftnät has a former name, Skatteverket two, one year lacks figures.
SVK_ROW = (
    "Affärsverket svenska kraftnät,SVK,202100-4284,Klimat- och näringslivsdepartementet,"
    '{year},{employees},{fte},"Svenska kraftnät, affärsverk"'
)
SMALL = "\n".join(
    [
        HEADER,
        SVK_ROW.format(year=2023, employees=900, fte=880),
        SVK_ROW.format(year=2024, employees=950, fte=931),
        "Skatteverket,SKV,202100-5448,Finansdepartementet,2023,,,Riksskatteverket|RSV",
        "Skatteverket,SKV,202100-5448,Finansdepartementet,2024,11000,10500,Riksskatteverket|RSV",
        "",
    ]
)


def run(path: Path | None = None, *args: str) -> str:
    out = io.StringIO()
    call_command("import_register", *([str(path)] if path else []), *args, stdout=out)
    return out.getvalue()


def write(tmp_path: Path, text: str, name: str = "register.csv", *, bom: bool = False) -> Path:
    path = tmp_path / name
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
    return path


def db_state() -> tuple[list[Any], ...]:
    return (
        list(Agency.objects.order_by("org_nr").values_list("org_nr", "name", "updated_at")),
        list(AgencyYear.objects.order_by("agency__org_nr", "year").values_list("year", "fte")),
        list(AgencyFormerName.objects.order_by("name").values_list("name", flat=True)),
    )


@pytest.mark.django_db
def test_small_file_creates_agencies_years_and_former_names(tmp_path: Path) -> None:
    output = run(write(tmp_path, SMALL))

    assert "Myndigheter: 2 nya, 0 ändrade, 0 oförändrade." in output
    assert "Tidigare namn: 3 nya." in output
    assert "Myndighetsår: 4 nya, 0 ändrade, 0 oförändrade." in output
    svk = Agency.objects.get(org_nr="2021004284")
    assert (svk.name, svk.short_name, svk.department) == (
        "Affärsverket svenska kraftnät",
        "SVK",
        "Klimat- och näringslivsdepartementet",
    )
    assert list(svk.years.values_list("year", "employees", "fte")) == [
        (2023, 900, 880),
        (2024, 950, 931),
    ]
    assert list(svk.former_names.values_list("name", flat=True)) == ["Svenska kraftnät, affärsverk"]
    skv = Agency.objects.get(org_nr="2021005448")
    # Empty employees/ÅA cells are stored as missing, not as zero.
    assert list(skv.years.values_list("year", "employees", "fte")) == [
        (2023, None, None),
        (2024, 11000, 10500),
    ]
    assert sorted(skv.former_names.values_list("name", flat=True)) == ["RSV", "Riksskatteverket"]


@pytest.mark.django_db
def test_second_run_changes_nothing_and_says_so(tmp_path: Path) -> None:
    path = write(tmp_path, SMALL)
    run(path)
    before = db_state()

    output = run(path)

    assert "Myndigheter: 0 nya, 0 ändrade, 2 oförändrade." in output
    assert "Tidigare namn: 0 nya." in output
    assert "Myndighetsår: 0 nya, 0 ändrade, 4 oförändrade." in output
    assert "Inga ändringar: registret var redan aktuellt." in output
    assert db_state() == before


@pytest.mark.django_db
def test_changes_are_applied_counted_and_listed(tmp_path: Path) -> None:
    run(write(tmp_path, SMALL))
    changed = (
        SMALL.replace("Affärsverket svenska kraftnät,SVK", "Svenska kraftnät,SVK")
        .replace("2024,950,931", "2024,950,940")
        .replace("Riksskatteverket|RSV", "Riksskatteverket|RSV|Skattemyndigheten")
        + "Skatteverket,SKV,202100-5448,Finansdepartementet,2025,11100,10600,Riksskatteverket\n"
    )

    output = run(write(tmp_path, changed, "changed.csv"))

    assert "Myndigheter: 0 nya, 1 ändrade, 1 oförändrade." in output
    assert "Tidigare namn: 1 nya." in output
    assert "Myndighetsår: 1 nya, 1 ändrade, 3 oförändrade." in output
    assert (
        "Ändrad myndighet: Svenska kraftnät (202100-4284): "
        "namn: ”Affärsverket svenska kraftnät” → ”Svenska kraftnät”"
    ) in output
    assert (
        "Ändrat myndighetsår: Svenska kraftnät (202100-4284) 2024: "
        "årsarbetskrafter (ÅA): ”931” → ”940”"
    ) in output
    assert Agency.objects.get(org_nr="2021004284").name == "Svenska kraftnät"
    assert AgencyYear.objects.get(agency__org_nr="2021004284", year=2024).fte == 940
    assert AgencyYear.objects.get(agency__org_nr="2021005448", year=2025).fte == 10600
    assert AgencyFormerName.objects.filter(name="Skattemyndigheten").exists()
    # Nothing is deleted: a row or former name missing from a later file stays.
    assert AgencyFormerName.objects.filter(name="RSV").exists()


@pytest.mark.django_db
def test_a_bad_row_names_line_and_fix_and_writes_nothing(tmp_path: Path) -> None:
    bad = SMALL.replace("2024,11000,10500", "2024,11000,tiotusen").replace(
        "202100-4284,Klimat- och näringslivsdepartementet,2024",
        "202100-4285,Klimat- och näringslivsdepartementet,2024",
    )

    with pytest.raises(CommandError) as caught:
        run(write(tmp_path, bad))

    message = str(caught.value)
    assert "Registret lästes inte in: 2 problem hittades. Inget har sparats." in message
    assert (
        "Rad 3, kolumn org_nr: Organisationsnumret ”202100-4285” har fel kontrollsiffra. "
        "Kontrollera numret mot myndighetsregistret."
    ) in message
    assert (
        "Rad 5, kolumn aa_arsarbetskrafter: ”tiotusen” är inte ett heltal. Skriv ett heltal "
        "utan decimaler, eller lämna cellen tom om uppgiften saknas."
    ) in message
    assert Agency.objects.count() == 0
    assert AgencyYear.objects.count() == 0
    assert AgencyFormerName.objects.count() == 0


@pytest.mark.django_db
def test_a_bad_file_leaves_an_existing_register_as_it_was(tmp_path: Path) -> None:
    run(write(tmp_path, SMALL))
    before = db_state()
    # A good change (a new name) and a bad row in the same file: neither is written.
    bad = SMALL.replace("Skatteverket,SKV", "Skatteverket (nytt),SKV").replace(
        "2024,950,931", "2024,-950,931"
    )

    with pytest.raises(CommandError) as caught:
        run(write(tmp_path, bad, "bad.csv"))

    assert "Rad 3, kolumn employees: ”-950” är negativt." in str(caught.value)
    assert db_state() == before


@pytest.mark.parametrize(
    ("replace", "expected"),
    [
        (
            ("2023,900,880", "23,900,880"),
            "Rad 2, kolumn register_year: Registeråret ”23” ska vara ett årtal mellan 1990 "
            "och 2100. Rätta det.",
        ),
        (
            (
                "202100-4284,Klimat- och näringslivsdepartementet,2023",
                "2021-4284,Klimat- och näringslivsdepartementet,2023",
            ),
            "Rad 2, kolumn org_nr: Organisationsnumret ”2021-4284” ska ha formen NNNNNN-NNNN "
            "(tio siffror, bindestreck valfritt). Rätta numret.",
        ),
        (
            (
                "Skatteverket,SKV,202100-5448,Finansdepartementet,2023",
                ",SKV,202100-5448,Finansdepartementet,2023",
            ),
            "Rad 4, kolumn agency: Värde saknas. Fyll i cellen.",
        ),
        (
            ("2024,950,931", "2023,950,931"),
            "Rad 3, kolumn register_year: Myndigheten med organisationsnummer 202100-4284 har "
            "redan en rad för registeråret 2023 (rad 2). Ta bort en av raderna.",
        ),
        (
            (
                "Skatteverket,SKV,202100-5448,Finansdepartementet,2024",
                "Skatteverket,SKV,202100-5448,Justitiedepartementet,2024",
            ),
            "Rad 5, kolumn department: Myndigheten med organisationsnummer 202100-5448 har "
            "värdet ”Finansdepartementet” på rad 4 men ”Justitiedepartementet” här.",
        ),
        (
            ("2024,950,931", "2024,950,931.5"),
            "Rad 3, kolumn aa_arsarbetskrafter: ”931.5” är inte ett heltal.",
        ),
        (
            ("2024,950,931,", "2024,950,"),
            "Rad 3: Raden har 7 fält men rubrikraden har 8.",
        ),
        (
            ("aa_arsarbetskrafter", "arsarbetskrafter"),
            "Rad 1: Rubrikraden ska ha kolumnerna agency,short_name,org_nr,department,"
            "register_year,employees,aa_arsarbetskrafter,old_names (saknas: "
            "aa_arsarbetskrafter; okända: arsarbetskrafter). Rätta rubrikraden.",
        ),
    ],
)
def test_each_kind_of_problem_has_a_swedish_message(
    replace: tuple[str, str], expected: str
) -> None:
    text = SMALL.replace(*replace, 1)
    assert text != SMALL

    with pytest.raises(RegisterImportError) as caught:
        parse_register_csv(text.encode("utf-8"))

    assert expected in str(caught.value)


def test_a_file_that_is_not_utf8_is_refused() -> None:
    with pytest.raises(RegisterImportError) as caught:
        parse_register_csv(SMALL.encode("latin-1"))
    assert "Rad 2: Filen är inte UTF-8." in str(caught.value)


def test_a_byte_order_mark_is_accepted() -> None:
    rows = parse_register_csv(b"\xef\xbb\xbf" + SMALL.encode("utf-8"))
    assert [(r.line, r.org_nr, r.year, r.fte) for r in rows] == [
        (2, "2021004284", 2023, 880),
        (3, "2021004284", 2024, 931),
        (4, "2021005448", 2023, None),
        (5, "2021005448", 2024, 10500),
    ]


@pytest.mark.django_db
def test_the_service_checks_rows_it_is_given_too() -> None:
    rows = parse_register_csv(SMALL.encode("utf-8"))

    with pytest.raises(RegisterImportError) as caught:
        register_import(rows=[*rows, rows[0]])

    assert "redan en rad för registeråret 2023 (rad 2)" in str(caught.value)
    assert Agency.objects.count() == 0


@pytest.mark.django_db
def test_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CommandError) as caught:
        run(tmp_path / "saknas.csv")
    assert "Kunde inte läsa filen" in str(caught.value)


def real_counts() -> tuple[int, int, int]:
    """Agencies, agency-years and former names in the real file, counted independently."""
    with REGISTER_CSV.open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    agencies = {row["org_nr"] for row in rows}
    former = {(row["org_nr"], name) for row in rows for name in row["old_names"].split("|") if name}
    return len(agencies), len(rows), len(former)


@pytest.mark.django_db
def test_real_register_default_path_counts_and_idempotence(
    django_assert_max_num_queries: Any,
) -> None:
    n_agencies, n_years, n_former = real_counts()
    assert (n_agencies, n_years, n_former) == (302, 4709, 135)

    with django_assert_max_num_queries(40):
        first = run()

    assert "Rader i filen: 4\xa0709." in first
    assert "Myndigheter: 302 nya, 0 ändrade, 0 oförändrade." in first
    assert "Tidigare namn: 135 nya." in first
    assert "Myndighetsår: 4\xa0709 nya, 0 ändrade, 0 oförändrade." in first
    assert Agency.objects.count() == n_agencies
    assert AgencyYear.objects.count() == n_years
    assert AgencyFormerName.objects.count() == n_former
    assert AgencyYear.objects.filter(employees__isnull=True).count() == 5
    crime_prevention = Agency.objects.get(org_nr="2021000068")
    assert crime_prevention.name == "Brottsförebyggande rådet"
    assert not crime_prevention.years.filter(year=2024).exists()
    assert crime_prevention.years.get(year=2023).fte == 135

    second = run()

    assert "Myndigheter: 0 nya, 0 ändrade, 302 oförändrade." in second
    assert "Myndighetsår: 0 nya, 0 ändrade, 4\xa0709 oförändrade." in second
    assert "Inga ändringar: registret var redan aktuellt." in second
