"""A caller's BSN or KvK number, by which their cases are found, from Open
Klant's partij-identificatoren (against the local Klantinteracties API)."""

from __future__ import annotations

import uuid

from kccdesk.records.openklant import OpenKlantSource
from tests.support.klantinteracties_server import running_server


def identifier(kind: str, number: str, register: str, object_type: str) -> dict[str, object]:
    return {
        "uuid": str(uuid.uuid4()),
        "url": f"http://127.0.0.1/partij-identificatoren/{uuid.uuid4()}",
        "partijIdentificator": {
            "codeObjecttype": object_type,
            "codeSoortObjectId": kind,
            "objectId": number,
            "codeRegister": register,
        },
    }


def test_the_bsn_and_the_kvk_number_come_from_the_partys_identifiers():
    with running_server() as api:
        resident = api.add_person("Fatima", "el", "Idrissi", "+31612345678")
        api.partijen[resident]["partijIdentificatoren"] = [identifier("bsn", "999993653", "brp", "natuurlijk_persoon")]
        other = api.add_person("Kees", "", "Jansen", "+31623456789")
        api.partijen[other]["partijIdentificatoren"] = [
            identifier("kvk_nummer", "69599084", "hr", "niet_natuurlijk_persoon")
        ]
        nobody = api.add_person("Sam", "", "Jansen", "+31634567890")
        source = OpenKlantSource(api.base_url, "secret-token", timeout_seconds=5)
        [fatima] = source.find_by_number("+31612345678")
        [kees] = source.find_by_number("+31623456789")
        [sam] = source.find_by_number("+31634567890")
        assert (fatima.bsn, fatima.kvk) == ("999993653", "")
        assert (kees.bsn, kees.kvk) == ("", "69599084")
        assert (sam.bsn, sam.kvk) == ("", "")
        assert nobody
        assert api.contract_errors == []
