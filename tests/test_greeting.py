"""The greeting for the time of day and how the caller is addressed."""

from datetime import time

import pytest

from kccdesk.core.greeting import Salutation, addressed_name, greeting


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (time(0, 0), "Goedemorgen"),
        (time(8, 30), "Goedemorgen"),
        (time(11, 59, 59), "Goedemorgen"),
        (time(12, 0), "Goedemiddag"),
        (time(17, 59, 59), "Goedemiddag"),
        (time(18, 0), "Goedenavond"),
        (time(23, 59), "Goedenavond"),
    ],
)
def test_greeting_boundaries(at, expected):
    assert greeting(at) == expected


def test_salutation_capitalises_the_prefix():
    assert addressed_name(Salutation.MEVROUW, "Vries", "de", "Anna") == "mevrouw De Vries"
    assert addressed_name(Salutation.MENEER, "Meer", "van der") == "meneer Van der Meer"
    assert addressed_name(Salutation.MENEER, "Jansen") == "meneer Jansen"


def test_without_salutation_the_full_name_is_used():
    assert addressed_name(Salutation.NONE, "Vries", "de", "Sam") == "Sam de Vries"


def test_names_are_tidied():
    assert addressed_name(Salutation.MEVROUW, "  Vries ", " de ") == "mevrouw De Vries"
    assert addressed_name(Salutation.MEVROUW, "") == ""
