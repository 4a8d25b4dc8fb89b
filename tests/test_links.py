"""Quick links: read from the municipality's file with a clear error for a
bad one, and found by typing part of the name or the group."""

from __future__ import annotations

import pytest

from kccdesk import resource_path
from kccdesk.content.links import LinksError, load_links
from kccdesk.core.links import matching


def test_the_demo_links_are_found_by_typing_accents_and_case_ignored() -> None:
    links = load_links(resource_path("links", "links.toml"))
    assert [link.name for link in matching(links, "WIJK")] == [
        "Melding openbare ruimte doen",
        "Grofvuil laten ophalen",
    ]
    assert [link.name for link in matching(links, "aanvrâag wmo")] == ["Aanvraag Wmo-voorziening"]
    assert matching(links, "") == links
    assert links[0].key == "Ctrl+Alt+1"


@pytest.mark.parametrize(
    ("entry", "reason"),
    [
        ('name = "Intranet"\nurl = "javascript:alert(1)"', "needs a url with http, https or mailto"),
        ('url = "https://example.org"', "a link has no name"),
        ('name = "Intranet"\nurl = "https://example.org"\nkey = "Ctrl+S"', "is not Ctrl+Alt and a letter or digit"),
        ('name = "Intranet"\nurl = "https://example.org"\nkey = "ctrl+alt+1"', "Ctrl+Alt+1 is already the key of"),
    ],
)
def test_a_bad_link_is_refused_with_its_line(tmp_path, entry: str, reason: str) -> None:
    path = tmp_path / "links.toml"
    path.write_text(
        f'[[link]]\nname = "Eerste"\nurl = "https://example.org"\nkey = "Ctrl+Alt+1"\n\n[[link]]\n{entry}\n'
    )
    with pytest.raises(LinksError) as refused:
        load_links(path)
    assert reason in str(refused.value)
    assert refused.value.line == 6
