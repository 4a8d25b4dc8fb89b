"""The case system that the settings switch on: a Zaken API (``[cases]``,
its client secret from the keyring as ``zaken-secret``; with
``catalogi_url``, the names of its case and status types from the Catalogi
API, with the same client and secret), or, in the demo profile without one,
the demo's made-up cases."""

from __future__ import annotations

import getpass
import logging
from collections.abc import Callable
from datetime import date

from kccdesk.config.secrets import NoKeyringError, SecretStoreError, get_secret
from kccdesk.config.settings import Settings
from kccdesk.services.cases import CaseSource

log = logging.getLogger(__name__)


def case_source(settings: Settings, demo: bool, today: Callable[[], date]) -> CaseSource | None:
    """None when no case system is set, or its secret cannot be had (said in the log)."""
    cases = settings.cases
    if cases.zaken_url:
        try:
            secret = get_secret("zaken-secret")
        except (NoKeyringError, SecretStoreError) as error:
            log.warning("the case system's secret cannot be read: %s", type(error).__name__)
            return None
        if not secret:
            log.warning("no secret for the case system: kccdesk secret set zaken-secret")
            return None
        from kccdesk.cases.catalogi import CatalogiNames
        from kccdesk.cases.zaken import ZakenSource  # with its HTTP client: only where it is on

        agent = settings.workstation.agent_name or getpass.getuser()
        catalogi = CatalogiNames(cases.catalogi_url) if cases.catalogi_url else None
        return ZakenSource(cases.zaken_url, cases.client_id, secret, agent, cases.timeout_seconds, catalogi=catalogi)
    if demo:
        from kccdesk.demo.cases import DemoCaseSource

        return DemoCaseSource(today)
    return None
