"""Call audio: the SIP process's bridge between pjsua2 and the headset.

The pjsua2 wheels have no sound devices, so pjsua2 runs on its null device
(the media clock) and one port of its conference bridge, the headset port
(``bridge``), exchanges 20 ms frames with an audio backend through two
preallocated ring buffers (``ring``): the sound card through PortAudio
(``devices``), or, for tests, WAV files (``buffer``). Only ``bridge`` imports
pjsua2; the app side imports ``config`` and ``devices`` alone.
"""
