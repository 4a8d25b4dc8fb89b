"""The real phone line: pjsua2 in a child process of its own.

Only ``child`` imports pjsua2, and only ``child`` runs in the SIP process; the
rest is imported by the app and never touches pjsua2.
"""
