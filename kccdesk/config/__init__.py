"""How a workstation is set up: where its folders are, its settings file (and
which settings a supervisor locked), its secrets in the system keyring,
provisioning many workstations from one profile, and the first-run answers."""
