#!/usr/bin/env bash
# The Debian/Ubuntu packages the project needs beyond Python, installed when any is missing:
#   bash tools/system-packages.sh run    what Qt needs to open the window (make run, make demo)
#   bash tools/system-packages.sh test   that, and what the tests use: Xvfb, a window manager,
#                                        xdotool, AT-SPI and D-Bus for the journeys, poppler
#                                        (its tools, and its GLib binding for the system's
#                                        python3: a sponsor's reply filled as Evince does),
#                                        qpdf, gnome-keyring, strace (kills at exact system
#                                        calls), syncthing (two real instances on loopback carry
#                                        a journal between two folders) (make test)
#   bash tools/system-packages.sh        everything, packaging's tools too (CI): binutils (strip,
#                                        for build.spec), the validators of the desktop entry and
#                                        the AppStream metainfo, hyperfine (the start-up figures in
#                                        docs/BUILDING.md), and for make deb and deb-check
#                                        dpkg-dev, chrpath, lintian and debootstrap
# Quick when nothing is missing; asks for the administrator password (sudo) only when something
# is; where it cannot install, it stops with one sentence naming the one command to run.
set -euo pipefail
run=(
  libegl1 libgl1 libglx0 libdbus-1-3 libfontconfig1 libfreetype6 libglib2.0-0
  libxkbcommon0 libxkbcommon-x11-0 libx11-xcb1 libxcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0
  libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-render0 libxcb-shape0 libxcb-shm0
  libxcb-sync1 libxcb-xfixes0 libxcb-xkb1 fonts-dejavu-core
)
test=(
  xvfb xauth openbox xdotool x11-apps x11-utils x11-xkb-utils at-spi2-core dbus dbus-bin poppler-utils qpdf
  gnome-keyring strace python3-gi gir1.2-poppler-0.18 syncthing
)
dist=(binutils desktop-file-utils appstream hyperfine dpkg-dev chrpath lintian debootstrap)
case "${1:-all}" in
  run) packages=("${run[@]}") ;;
  test) packages=("${run[@]}" "${test[@]}") ;;
  all) packages=("${run[@]}" "${test[@]}" "${dist[@]}") ;;
  *) echo "usage: $0 [run|test|all]" >&2; exit 2 ;;
esac

if ! command -v dpkg-query >/dev/null 2>&1; then
  # Not Debian or Ubuntu: the names differ, so say what is needed rather than guess.
  echo "note: not a Debian system; if the window does not open, install your system's packages for: ${packages[*]}" >&2
  exit 0
fi
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done
if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi
command="apt-get install -y --no-install-recommends ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "Missing system packages; as the administrator, run: $command" >&2
    exit 1
  fi
  sudo="sudo"
  echo "Recovery Journal needs these system packages: ${missing[*]}. Installing them with sudo (it may ask for your password)."
else
  echo "installing: ${missing[*]}"
fi
if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo $command -qq >/dev/null; }; then
  echo "The system packages could not be installed; run: sudo $command" >&2
  exit 1
fi
