#!/usr/bin/env bash
# Install the Debian/Ubuntu packages safeconf needs that this machine lacks.
#   tools/system-deps.sh test   -> what the test suite needs (Qt offscreen, Secret Service, PostgreSQL)
#   tools/system-deps.sh run    -> what the desktop app needs on a real display (Qt's xcb plugin)
#   tools/system-deps.sh package -> what `make package` and its checks need
# On other systems, or without root/sudo, it prints what is missing and carries on.
set -euo pipefail

common=(libegl1 libgl1 libfontconfig1 libxkbcommon0 libglib2.0-0 libdbus-1-3 fonts-dejavu-core)
# xvfb and the xcb plugin's libraries: the X11 selection test runs on a virtual display.
# poppler-utils: pdftotext, the second extractor that checks a redacted copy leaks nothing.
# chromium, chromium-driver: the HQ console's browser tests (Selenium, headless).
test_pkgs=(dbus gnome-keyring postgresql poppler-utils chromium chromium-driver xvfb libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
           libxcb-image0 libxcb-render-util0 libxcb-shape0 libxkbcommon-x11-0)
run_pkgs=(libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
          libxcb-shape0 libxkbcommon-x11-0 libxcb-xinerama0 gnome-keyring)
# binutils: PyInstaller reads shared libraries' dependencies with objdump; libpython3.X: the
# shared libpython it bundles (Debian's python3 binary has it linked in, so it is a package of
# its own). The rest are the package checks: desktop-file-validate, appstreamcli,
# systemd-analyze and lintian.
python_lib=libpython$(python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null || echo 3)
package_pkgs=(binutils "$python_lib" desktop-file-utils appstream systemd lintian)

case "${1:-test}" in
  test) wanted=("${common[@]}" "${test_pkgs[@]}") ;;
  run) wanted=("${common[@]}" "${run_pkgs[@]}") ;;
  package) wanted=("${common[@]}" "${package_pkgs[@]}") ;;
  *) echo "usage: $0 test|run|package" >&2; exit 2 ;;
esac

command -v dpkg-query >/dev/null 2>&1 || { echo "system-deps: not a Debian system; make sure Qt 6's libraries and a keyring are installed"; exit 0; }

missing=()
for pkg in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then sudo=(); elif sudo -n true 2>/dev/null; then sudo=(sudo -n); else
  echo "system-deps: please install: ${missing[*]}  (e.g. sudo apt-get install ${missing[*]})" >&2
  exit 0
fi
echo "system-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
