"""Importing residents and businesses from CSV: good rows in, bad rows named."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kccdesk import resource_path
from kccdesk.core.caller import CallerKind
from kccdesk.records.csv_import import ImportFileError, import_csv
from kccdesk.store.callers import count_callers, find_records_by_number

HEADER = "name,phone,salutation,street,house_number,postcode,city,birth_date,bsn,kvk,email\n"


def write(tmp_path: Path, content: bytes) -> Path:
    path = tmp_path / "people.csv"
    path.write_bytes(content)
    return path


def test_the_sample_file_imports_cleanly_and_twice_changes_nothing(db):
    sample = resource_path("records", "sample.csv")
    first = import_csv(db, sample)
    assert (first.added, first.already_there, first.bad) == (4, 0, [])
    second = import_csv(db, sample)
    assert (second.added, second.already_there, second.bad) == (0, 4, [])
    assert count_callers(db) == 4
    [bakery] = find_records_by_number(db, "+31207654321")
    assert bakery.caller.kind is CallerKind.BUSINESS
    assert bakery.caller.business_name == "Bakkerij Van Dijk"
    assert bakery.caller.addressed_name == "meneer Van Dijk"
    assert bakery.kvk == "12345678"
    # two numbers in one cell, both found
    [grietje] = find_records_by_number(db, "+31201234567")
    assert find_records_by_number(db, "+31634567890")[0].key == grietje.key
    assert grietje.caller.surname_prefix == "van der"


def test_broken_rows_are_named_and_the_good_ones_imported(db, tmp_path):
    content = (
        HEADER.encode()
        + b"Anna de Vries,06-12345678,mevrouw,Dorpsstraat,12,1234ab,Voorbeeldstad,1980-04-01,,,\n"
        + b"Bert Bakker,06-1234,meneer,,,,,,,,\n"  # line 3: bad number
        + b",06-22222222,,,,,,,,,\n"  # line 4: no name
        + b"Carla Smit,06-33333333,,,,,,1980-02-30,,,\n"  # line 5: no such date
        + "Jos\u00e9 G\u00f3mez,06-44444444,,,,,,,,,\n".encode("latin-1")  # line 6: not UTF-8
        + b"Dirk Bos,06-55555555,meneer,,,,,31-12-1970,,,\n"  # line 7: wrong date format
        + b"Eva Vos,06-66666666,mevrouw,,,,,,123456789,,\n"  # line 8: BSN fails the eleven test
        + b"Fatima el Idrissi,+31 6 2777 7777,mevrouw,,,,,1990-05-05,,,\n"
    )
    report = import_csv(db, write(tmp_path, content))
    assert report.added == 2
    assert [(bad.line, bad.reason) for bad in report.bad] == [
        (3, "06-1234 is not a phone number"),
        (4, "the name is missing"),
        (5, "the date of birth 1980-02-30 is not a date like 1980-12-31"),
        (6, "the row is not UTF-8 text (save the file as UTF-8)"),
        (7, "the date of birth 31-12-1970 is not a date like 1980-12-31"),
        (8, "the BSN is not valid (9 digits that pass the eleven test)"),
    ]
    [anna] = find_records_by_number(db, "+31612345678")
    assert anna.caller.postcode == "1234 AB"
    assert anna.birth_date == date(1980, 4, 1)
    assert find_records_by_number(db, "+31627777777")[0].caller.surname == "Idrissi"
    assert find_records_by_number(db, "+31612341234") == []


def test_a_quoted_field_over_two_lines_keeps_later_line_numbers_right(db, tmp_path):
    content = b'name,phone,street\n"Anna de Vries","06-12345678","Dorps\nstraat"\nBert,nonsense,\n'
    report = import_csv(db, write(tmp_path, content))
    assert report.added == 1
    assert [bad.line for bad in report.bad] == [4]


def test_a_file_without_the_required_columns_imports_nothing(db, tmp_path):
    with pytest.raises(ImportFileError, match="phone"):
        import_csv(db, write(tmp_path, b"name,telefoon\nAnna,0612345678\n"))
    assert count_callers(db) == 0


def test_a_utf8_file_with_byte_order_mark_is_read(db, tmp_path):
    report = import_csv(db, write(tmp_path, "\ufeffname,phone\nJosé Gómez,0612345678\n".encode()))
    assert report.added == 1
    assert find_records_by_number(db, "+31612345678")[0].caller.given_name == "José"


@pytest.mark.parametrize(
    "written",
    [
        "06-12345678",
        "+31 6 1234 5678",
        "0031612345678",
        "020-1234567",
        "(010) 123 45 67",
        "0612345",
        "06-1234",
        "0800-1234567",
        "088-1234567",
        "0031 20 123 4567",
        "+32 470 12 34 56",
        "0201234",
    ],
)
def test_the_quick_way_for_dutch_numbers_agrees_with_phonenumbers(written):
    import phonenumbers

    from kccdesk.core.numbers import normalise
    from kccdesk.records.csv_import import valid_e164

    slow = normalise(written)
    if slow is not None and not phonenumbers.is_valid_number(phonenumbers.parse(slow)):
        slow = None
    assert valid_e164(written) == slow


def test_a_second_file_adds_to_what_is_there_with_each_number_on_its_own_person(db, tmp_path):
    first = write(tmp_path, b"name,phone,birth_date\nAnna de Vries,0612345601,1980-04-01\n")
    second = tmp_path / "second.csv"
    second.write_bytes(
        b"name,phone,birth_date\n"
        b"Bob Jansen,0612345602,1975-01-31\n"
        b"Carla Smit,0612345603;0201234567,\n"
        b"Anna de Vries,0612345601,1980-04-01\n"
    )
    import_csv(db, first)

    report = import_csv(db, second)

    assert (report.added, report.already_there) == (2, 1)
    found = {
        number: find_records_by_number(db, number)
        for number in ("+31612345601", "+31612345602", "+31612345603", "+31201234567")
    }
    names = {number: [r.caller.surname for r in records] for number, records in found.items()}
    assert names == {
        "+31612345601": ["Vries"],
        "+31612345602": ["Jansen"],
        "+31612345603": ["Smit"],
        "+31201234567": ["Smit"],
    }
    assert found["+31612345602"][0].birth_date == date(1975, 1, 31)


def test_rows_across_the_chunks_go_in_once_each_and_a_bad_one_keeps_its_line(db, tmp_path, monkeypatch):
    monkeypatch.setattr("kccdesk.records.csv_import.CHUNK", 7)
    rows = [f"Inwoner{i} van Proef,06-2{i:07d},1980-01-{1 + i % 28:02d}" for i in range(1000)]
    rows[500] = "Bert Bakker,06-1234,"  # line 502: bad number
    rows[700] = rows[699]  # line 702: the row before it again
    report = import_csv(db, write(tmp_path, ("name,phone,birth_date\n" + "\n".join(rows) + "\n").encode()))
    assert (report.added, report.already_there) == (998, 1)
    assert [(bad.line, bad.reason) for bad in report.bad] == [(502, "06-1234 is not a phone number")]
    assert count_callers(db) == 998
    for i in (0, 6, 7, 13, 14, 499, 501, 699, 999):
        [record] = find_records_by_number(db, f"+3162{i:07d}")
        assert record.caller.given_name == f"Inwoner{i}"
    assert find_records_by_number(db, "+31620000500") == []
    again = import_csv(db, write(tmp_path, ("name,phone,birth_date\n" + "\n".join(rows) + "\n").encode()))
    assert (again.added, again.already_there) == (0, 999)


def test_a_column_named_twice_takes_the_last_value_the_row_has(db, tmp_path):
    content = b"name,phone,name\nAnna de Vries,0612345601,Bob Jansen\nCarla Smit,0612345602\n"
    report = import_csv(db, write(tmp_path, content))
    assert (report.added, report.bad) == (2, [])
    assert find_records_by_number(db, "+31612345601")[0].caller.given_name == "Bob"
    assert find_records_by_number(db, "+31612345602")[0].caller.given_name == "Carla"
