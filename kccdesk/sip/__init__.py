"""The real phone line: pjsua2 in a child process of its own.

Only ``child`` and ``audio.bridge`` import pjsua2, and only they run in the SIP
process; the rest is imported by the app and never touches pjsua2.
"""
