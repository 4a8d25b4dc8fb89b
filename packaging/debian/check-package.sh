#!/usr/bin/env bash
# Install the package packaging/build-deb made, test the installed app
# (tests/installed), remove it again with purge, and check that nothing of
# it is left. .ci/run runs this after the README's test command. Run as root,
# or as a user with sudo, from the repository root with the tests' .venv.
set -euo pipefail
package=$(realpath "${1:?which .deb? (dist/kccdesk_<version>_<arch>.deb)}")
as_root=()
if [ "$(id -u)" != 0 ]; then
    as_root=(sudo)
fi
started=$(date +%s.%N)
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null
awk -v start="$started" -v end="$(date +%s.%N)" -v name="$(basename "$package")" \
    'BEGIN { printf "installed %s in %.1f s\n", name, end - start }'
status=0
installed_files=$(dpkg -L kccdesk)
.venv/bin/python -m pytest -q -p no:cacheprovider --installed tests/installed || status=$?
purged=$("${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq kccdesk 2>&1)
if ! grep -q "remove those folders" <<<"$purged"; then
    echo "purge did not say where each person's settings and data stay:" >&2
    echo "$purged" >&2
    status=1
fi
# Every file and link the package put in place is gone, and every folder of
# its own in /opt (folders such as /usr/share/applications are shared).
while IFS= read -r path; do
    if [ -L "$path" ] || { [ -e "$path" ] && { [ ! -d "$path" ] || [[ "$path" == /opt/kccdesk* ]]; }; }; then
        echo "left behind after purge: $path" >&2
        status=1
    fi
done <<<"$installed_files"
exit $status
