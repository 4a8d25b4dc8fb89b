"""The content a municipality ships and edits, read from its files: call
scripts and subject scripts, the subject list (UPL), the directory of
organisations and the language rules. A file with a mistake is refused with
its path, line and the problem in plain words."""
