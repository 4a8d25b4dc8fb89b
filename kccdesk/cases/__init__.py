"""The municipality's case system: a caller's cases (zaken) read from a
Zaken API server (Open Zaak or another), with the ZGW authorisation; and
nothing else of kccdesk's adapters. Plain Python, no Qt."""
