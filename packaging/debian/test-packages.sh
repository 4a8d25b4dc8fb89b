#!/usr/bin/env bash
# The Debian/Ubuntu packages the test suite needs: the libraries Qt's wheels
# load (the tests run on Qt's offscreen platform), Xvfb for screenshots, and
# python3-venv for the virtual environment; Kamailio (registrar and proxy)
# with its TLS module, openssl for test certificates, and SIPp (callers) for
# the SIP line's tests; PortAudio for the sound devices, and PulseAudio with
# ALSA's pulse plugin for the engine's own sound devices (the test starts a
# server of its own with null sinks); PostgreSQL for the
# shared database's test (the test starts its own server); GNOME Keyring and
# D-Bus for the desktop password store's test (on a session of its own); a
# compiler, SWIG and the libraries for building the SIP engine from source
# (packaging/pjsua2/build: OpenSSL 3, Opus, libsrtp2, ALSA, Speex, GSM,
# libsamplerate, uuid); appstream and help2man for the package's AppStream
# data and man page (packaging/build-deb); NSIS to compile the Windows
# installer's script. Run as root, or as a user with sudo.
set -euo pipefail
if [ "$(id -u)" != 0 ]; then
    exec sudo bash "$0" "$@"
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends \
    python3-venv \
    libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0 \
    fonts-dejavu-core \
    xvfb xauth \
    desktop-file-utils appstream help2man nsis \
    kamailio kamailio-tls-modules openssl sip-tester \
    libportaudio2 \
    pulseaudio pulseaudio-utils libasound2-plugins \
    postgresql \
    gnome-keyring dbus \
    build-essential pkg-config swig python3-dev \
    libssl-dev libopus-dev libsrtp2-dev libasound2-dev libspeex-dev libspeexdsp-dev \
    libgsm1-dev libsamplerate0-dev uuid-dev
