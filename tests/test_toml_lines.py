from kccdesk.content.toml_lines import line_of

TEXT = """name = "x"

[phases.opening]
title = "Aanvang"
prompts = [
    "Goedemorgen.",
    "Spreek ik met {caler}?",
]
[phases.analysis]
title = "Analyse"
"""


def test_table_header_line() -> None:
    assert line_of(TEXT, "phases.analysis") == 9


def test_text_inside_a_table_is_found_on_its_own_line() -> None:
    assert line_of(TEXT, "phases.opening", "{caler}") == 7


def test_missing_text_falls_back_to_the_table_and_missing_table_to_none() -> None:
    assert line_of(TEXT, "phases.analysis", "{caler}") == 9
    assert line_of(TEXT, "phases.closing") is None
