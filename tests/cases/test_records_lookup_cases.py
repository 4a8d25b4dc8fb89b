"""``kccdesk records lookup NUMBER --json`` with a case system set: the
caller's cases come with the record (a real process, the local Zaken API)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, datetime

from kccdesk import resource_path
from kccdesk.config.paths import default_profile
from kccdesk.config.settings import CaseSettings, Settings, save_settings
from kccdesk.core.caller import AccessReason
from kccdesk.store import open_database
from kccdesk.store.access_log import access_log
from tests.support.zaken_server import CLIENT_ID, SECRET, running_server

SAMPLE_BSN = "111222333"  # Anna de Vries in resources/records/sample.csv


def kccdesk(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["PYTHON_KEYRING_BACKEND"] = "tests.support.keyring_env.EnvKeyring"
    env["KCCDESK_TEST_SECRETS"] = json.dumps({"zaken-secret": SECRET})
    return subprocess.run(
        [sys.executable, "-m", "kccdesk", "records", *args], capture_output=True, text=True, timeout=60, env=env
    )


def test_the_lookup_includes_the_callers_cases():
    assert kccdesk("import", str(resource_path("records", "sample.csv"))).returncode == 0
    without = json.loads(kccdesk("lookup", "+31612345678", "--json").stdout)
    assert "cases" not in without["records"][0]  # no case system set
    with running_server() as api:
        api.add_case("ZAAK-2026-0107", "Melding kapotte lantaarnpaal", date(2026, 11, 2), bsn=SAMPLE_BSN,
                     status=("Doorgestuurd naar de aannemer", datetime(2026, 11, 4, 9, 30).astimezone()))  # fmt: skip
        cases = CaseSettings(zaken_url=api.base_url, client_id=CLIENT_ID, timeout_seconds=5.0)
        save_settings(default_profile().settings_file, Settings(cases=cases))
        found = kccdesk("lookup", "+31612345678", "--json")
        assert found.returncode == 0, found.stderr
        [record] = json.loads(found.stdout)["records"]
        assert record["cases"]["state"] == "answered"
        [case] = record["cases"]["cases"]
        assert case["identification"] == "ZAAK-2026-0107" and case["url"].startswith(api.base_url)
        assert (case["open"], case["started"], case["status"], case["status_since"]) == (
            True,
            "2026-11-02",
            "Doorgestuurd naar de aannemer",
            "2026-11-04",
        )
        assert SAMPLE_BSN not in found.stdout  # the BSN stays masked
        api.mode = "error500"
        failed = json.loads(kccdesk("lookup", "+31612345678", "--json").stdout)
        assert failed["records"][0]["cases"] == {"state": "failed", "cases": []}
        assert api.contract_errors == []
    db = open_database(None, default_profile().database_file)
    try:
        assert ("zaak:ZAAK-2026-0107", AccessReason.COMMAND) in {(e.record, e.reason) for e in access_log(db)}
    finally:
        db.close()
