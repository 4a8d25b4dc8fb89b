"""The domain core: calls, rings, phases, scripts and registrations.

Nothing in this package imports Qt or pjsua2, so it is fast to test and can
run in any process.
"""
