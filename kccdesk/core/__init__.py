"""The domain core: calls, rings, phases, scripts, callers and registrations.

Only the standard library and phonenumbers: no Qt, no pjsua2, no database,
no network, no words (it returns codes; the layers above put words to them).
So it is fast to test and can run in any process.
"""
