# Sourced by install.sh and build-deb.sh (bash): the names and places both need, said once.
#   repo        the checkout this file is in
#   name        the program's name: the command, the folder the app lives in
#   app_id      the reverse-DNS ID (recovery_journal/app_id.py): the desktop file's and the
#               metainfo's names, and the icons' name in the icon theme
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

# Where the icons are, inside the built app and in the checkout: the one place to change when
# the resources move. The first folder that has hicolor/ wins.
icon_folders_in_dist=(_internal/resources/icons _internal/recovery_journal/resources/icons)
icon_folders_in_repo=(resources/icons recovery_journal/resources/icons)

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
