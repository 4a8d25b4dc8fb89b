from pathlib import Path

import pytest

from kccdesk import resource_path
from kccdesk.content.subjects import SubjectListError, load_subjects


@pytest.fixture(scope="module")
def upl():
    return load_subjects(resource_path("subjects", "upl.csv"))


def test_the_shipped_list_is_the_upl_with_uris(upl) -> None:
    passport = upl.find("Paspoort")
    assert passport is not None
    assert passport.uri == "http://standaarden.overheid.nl/owms/terms/paspoort"
    assert passport.municipal and passport.for_residents
    assert len(upl) > 1000


def test_type_ahead_puts_names_that_start_with_the_text_first(upl) -> None:
    names = [s.name for s in upl.matching("paspo")]
    assert names[0] == "paspoort"
    assert "vluchtelingenpaspoort" in names
    assert upl.matching("  ") == []


@pytest.mark.parametrize(
    ("name", "social"),
    [("bijstand", True), ("wmo-voorziening", True), ("jeugdhulp", True), ("paspoort", False)],
)
def test_participatiewet_wmo_and_jeugdwet_subjects_are_the_social_domain(upl, name: str, social: bool) -> None:
    assert upl.is_social_domain(name) is social


def test_a_replacement_list_without_the_uri_column_is_refused_with_the_reason(tmp_path: Path) -> None:
    broken = tmp_path / "upl.csv"
    broken.write_text("UniformeProductnaam,Gemeente\npaspoort,X\n", encoding="utf-8")
    with pytest.raises(SubjectListError, match="missing column\\(s\\): URI"):
        load_subjects(broken)
