# Sourced by install.sh and build-deb.sh (bash): the names and places both need, said once.
#   repo        the checkout this file is in
#   name        the program's name: the command, the folder the app lives in
#   app_id      the reverse-DNS ID (recovery_journal/app_id.py): the desktop file's and the
#               metainfo's names, and the icons' name in the icon theme
#   version     the package's __version__ (recovery_journal/__init__.py)
#   deb_version the .deb's version: Python's 1.0rc1 (a1, b1, .dev1) comes before 1.0, which
#               Debian spells 1.0~rc1; -1 is the package's own revision
#   deb_name    the .deb's file name (make deb writes it in dist/)
#   find_icons DIST   prints the folder holding hicolor/ and the SVG: the built app's own copy
#               (its resources), else this checkout's
# shellcheck shell=bash

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
name=recovery-journal
app_id="$(sed -n 's/^APP_ID = "\([^"]*\)".*/\1/p' "$repo/recovery_journal/app_id.py")"
if [ -z "$app_id" ]; then
  echo "No APP_ID in $repo/recovery_journal/app_id.py" >&2
  exit 1
fi
version="$(sed -n 's/^__version__ = "\([^"]*\)".*/\1/p' "$repo/recovery_journal/__init__.py")"
deb_version="$(printf '%s' "$version" | sed -E 's/\.?(a|b|rc|dev)([0-9]*)$/~\1\2/')-1"
deb_name="${name}_${deb_version}_$(dpkg --print-architecture 2>/dev/null || echo unknown).deb"

# Where the icons are, inside the built app and in the checkout (the package's resources): the
# one place to change when the resources move.
icon_folders_in_dist=(_internal/recovery_journal/resources/icons)
icon_folders_in_repo=(recovery_journal/resources/icons)

find_icons() {
  local dist="$1" folder
  for folder in "${icon_folders_in_dist[@]/#/$dist/}" "${icon_folders_in_repo[@]/#/$repo/}"; do
    if [ -d "$folder/hicolor" ] && [ -f "$folder/$name.svg" ]; then
      printf '%s\n' "$folder"
      return 0
    fi
  done
  echo "No icons (hicolor/ and $name.svg) in $dist or $repo" >&2
  return 1
}
