#!/usr/bin/env bash
# Install the built app (make dist) for the current user, no root needed:
#   ~/.local/opt/recovery-journal/          the one-folder app
#   ~/.local/bin/recovery-journal           a link to it, for the terminal
#   ~/.local/share/applications/            the menu entry (<app ID>.desktop)
#   ~/.local/share/icons/hicolor/           the icon, every size and the SVG (named <app ID>)
#   ~/.local/share/metainfo/                the AppStream description (<app ID>.metainfo.xml)
#
#   packaging/linux/install.sh [DIST_DIR]   (default: dist/recovery-journal beside this checkout)
#   packaging/linux/install.sh --uninstall  (the vault and settings are never touched)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=packaging/linux/layout.sh
source "$here/layout.sh"  # repo, name, app_id, find_icons
data_home="${XDG_DATA_HOME:-$HOME/.local/share}"
opt="$HOME/.local/opt/$name"
bin="$HOME/.local/bin"
applications="$data_home/applications"
icons="$data_home/icons/hicolor"
metainfo="$data_home/metainfo"

refresh_menus() {
  if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$applications" || true
  fi
  if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$icons/index.theme" ]; then
    gtk-update-icon-cache -q -f -t "$icons" || true
  fi
}

# The menu entry and the icons under the app ID's name, and under the program's name as an
# install.sh from before the app ID left them (else the menu would show the app twice).
remove_menu_entry_and_icons() {
  local old
  for old in "$app_id" "$name"; do
    rm -f "$applications/$old.desktop"
    rm -f "$icons"/*/apps/"$old".png "$icons/scalable/apps/$old.svg"
  done
}

if [ "${1:-}" = "--uninstall" ]; then
  rm -rf "$opt"
  if [ -L "$bin/$name" ]; then rm -f "$bin/$name"; fi
  remove_menu_entry_and_icons
  rm -f "$metainfo/$app_id.metainfo.xml"
  refresh_menus
  echo "Removed $name. Your journal (the vault) and its settings were left where they are."
  exit 0
fi

dist="${1:-$repo/dist/$name}"
if [ ! -x "$dist/$name" ]; then
  echo "No built app at $dist (run: make dist)" >&2
  exit 1
fi
# The icons come with the app (its resources); a checkout's are the fallback.
icon_source="$(find_icons "$dist")"
desktop_source="$here/$app_id.desktop"

# The new copy goes in beside the old one and then takes its place, so a failed copy never
# leaves half an app behind.
mkdir -p "$(dirname "$opt")" "$bin" "$applications"
rm -rf "$opt.new"
cp -a "$dist" "$opt.new"
rm -rf "$opt.old"
if [ -e "$opt" ]; then mv "$opt" "$opt.old"; fi
mv "$opt.new" "$opt"
rm -rf "$opt.old"
ln -sfn "$opt/$name" "$bin/$name"

# The menu starts the app by its full path: ~/.local/bin is not on every desktop session's PATH.
# Quoted as the Desktop Entry spec asks (a home folder may have spaces); a path with characters
# that would need the spec's escaping falls back to the name on PATH.
exec_line="Exec=$name"
if [[ "$opt/$name" =~ ^[A-Za-z0-9/._+@,:\ -]+$ ]]; then exec_line="Exec=\"$opt/$name\""; fi
while IFS= read -r line; do
  case "$line" in
    Exec=*) printf '%s\n' "$exec_line" ;;
    *) printf '%s\n' "$line" ;;
  esac
done < "$desktop_source" > "$applications/$app_id.desktop.new"
remove_menu_entry_and_icons
mv "$applications/$app_id.desktop.new" "$applications/$app_id.desktop"

for folder in "$icon_source"/hicolor/*/apps; do
  size="$(basename "$(dirname "$folder")")"
  mkdir -p "$icons/$size/apps"
  cp "$folder/$name.png" "$icons/$size/apps/$app_id.png"
done
mkdir -p "$icons/scalable/apps"
cp "$icon_source/$name.svg" "$icons/scalable/apps/$app_id.svg"
mkdir -p "$metainfo"
cp "$here/$app_id.metainfo.xml" "$metainfo/$app_id.metainfo.xml"
refresh_menus

echo "Installed $name $("$opt/$name" --version 2>/dev/null | awk '{print $NF}') in $opt"
case ":$PATH:" in
  *":$bin:"*) ;;
  *) echo "Note: $bin is not on your PATH; the menu entry works, the terminal command needs it." ;;
esac
