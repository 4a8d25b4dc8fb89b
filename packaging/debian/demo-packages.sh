#!/usr/bin/env bash
# The Debian/Ubuntu packages the demo needs on a minimal machine: python3-venv
# for the virtual environment, and the libraries Qt's wheels load to open a
# window (its xcb platform needs libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1
# and the others below, which a desktop usually has and a minimal system lacks),
# and PortAudio for the sound devices. Run as root, or as a user with sudo.
set -euo pipefail
if [ "$(id -u)" != 0 ]; then
    exec sudo bash "$0" "$@"
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends \
    python3-venv \
    libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0 \
    libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 \
    libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 \
    fonts-dejavu-core \
    libportaudio2
