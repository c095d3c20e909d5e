"""Swedish first, English second: every interface string has its English translation."""

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = [
    *sorted(ROOT.glob("*/locale/en/LC_MESSAGES/django.po")),
    ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po",
]


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
@pytest.mark.parametrize("option", ["--untranslated", "--only-fuzzy"])
def test_no_untranslated_or_fuzzy_entries(catalogue, option):
    msgattrib = shutil.which("msgattrib")
    assert msgattrib, "gettext is missing: make install installs it"
    out = subprocess.run(
        [msgattrib, option, "--no-wrap", str(catalogue)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    entries = [line for line in out.splitlines() if line.startswith("msgid ")]
    # the header entry (msgid "") is always listed as untranslated
    assert [e for e in entries if e != 'msgid ""'] == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    ["/en/", "/en/omgangar/2024/", "/en/nyckeltal/", "/en/myndigheter/", "/en/jamfor/"],
)
def test_english_pages_carry_no_swedish_interface_words(client, world, path):
    html = client.get(path).content.decode()
    for word in [
        "Förändring",
        "p.e.",
        "Visa som tabell",
        "ÅA eller fler",
        "Omgång",
        "Sök ",
        "Hoppa till",
        "Myndigheternas e-handel",
        "ej beräkningsbart",
    ]:
        assert word not in html, f"{path} shows the Swedish {word!r}"
