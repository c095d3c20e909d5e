"""The docs read the registry: a key figure missing from the catalogue fails here."""

import re
from pathlib import Path

import pytest

from keyfigures.registry import KEY_FIGURES

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("figure", KEY_FIGURES, ids=lambda f: f.slug)
def test_catalogue_documents_every_key_figure(figure):
    catalogue = (ROOT / "docs" / "key-figures.md").read_text(encoding="utf-8")
    assert f"`{figure.slug}`" in catalogue
    assert figure.name_sv in catalogue
    assert figure.name_en in catalogue
    assert f"`{figure.numerator} / {figure.denominator} × {figure.scale}`" in catalogue


def test_readme_gives_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make run" in readme
    assert "make test" in readme


@pytest.mark.parametrize(
    "name",
    [
        "architecture.md",
        "key-figures.md",
        "configuration.md",
        "glossary.md",
        "data.md",
        "accounts.md",
        "office.md",
        "reporting.md",
        "practices.md",
        "network.md",
        "open-data.md",
        "api.md",
        "report.md",
        "performance.md",
        "about.md",
    ],
)
def test_docs_linked_from_readme_exist(name):
    assert (ROOT / "docs" / name).is_file()
    assert f"docs/{name}" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_configuration_documents_every_environment_variable():
    settings_text = (ROOT / "config" / "settings.py").read_text(encoding="utf-8")
    configuration = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    names = set(re.findall(r'environ(?:\.get)?\(\s*"([A-Z_]+)"', settings_text))
    names |= set(re.findall(r'_env_list\(\s*"([A-Z_]+)"', settings_text))
    assert names, "no variables found: the pattern is stale"
    missing = sorted(n for n in names if f"`{n}`" not in configuration)
    assert not missing, f"undocumented variables: {missing}"
