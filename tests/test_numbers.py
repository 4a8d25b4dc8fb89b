"""Normalising the numbers the line gives to E.164."""

import pytest

from kccdesk.core.numbers import display, is_withheld, normalise


@pytest.mark.parametrize(
    "raw",
    [
        "06-12345678",
        "06 12345678",
        "+31 6 1234 5678",
        "0031612345678",
        "tel:+31612345678",
        "sip:0612345678@pbx.example;user=phone",
        "sip:+31612345678@pbx.example",
    ],
)
def test_forms_of_one_mobile_number(raw):
    assert normalise(raw) == "+31612345678"


def test_pbx_prefix_digit_is_removed():
    assert normalise("006 12345678", pbx_prefix="0") == "+31612345678"
    assert normalise("00031612345678", pbx_prefix="0") == "+31612345678"


@pytest.mark.parametrize("raw", ["", "abc", "<script>", "' OR 1=1 --", "1" * 60, "sip:alice@example.com"])
def test_non_numbers_give_none(raw):
    assert normalise(raw) is None


@pytest.mark.parametrize("raw", ["anonymous", "sip:anonymous@anonymous.invalid", "Unknown", ""])
def test_withheld_numbers(raw):
    assert is_withheld(raw)


def test_display_in_national_form():
    assert display("+31612345678") == "06 12345678"
    assert display("+4930123456").startswith("+49")
