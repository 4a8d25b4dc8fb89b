"""The remote record sources that the settings switch on."""

from __future__ import annotations

from kccdesk.config.secrets import NoKeyringError, SecretStoreError, get_secret
from kccdesk.config.settings import RecordsSettings
from kccdesk.core.lookup import RemoteSource


def remote_sources(settings: RecordsSettings) -> list[RemoteSource]:
    """Open Klant when it is on and has an address; its API token comes
    from the keyring (``kccdesk secret set api-token``)."""
    if "remote" not in settings.sources or not settings.openklant_url:
        return []
    from kccdesk.records.openklant import OpenKlantSource  # with its HTTP client: only where it is on

    try:
        token = get_secret("api-token")
    except (NoKeyringError, SecretStoreError):
        token = None
    return [OpenKlantSource(settings.openklant_url, token, settings.openklant_timeout_seconds)]
