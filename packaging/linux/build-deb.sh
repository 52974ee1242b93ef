#!/usr/bin/env bash
# A .deb of the built app (make dist), from the project's own files; no debhelper (make deb):
#   packaging/linux/build-deb.sh [DIST_DIR [OUT_DIR]]
#     DIST_DIR  the one-folder app (default: dist/recovery-journal beside this checkout)
#     OUT_DIR   where the .deb is written (default: dist/); its path is the last line printed
# What it installs:
#   /usr/lib/recovery-journal/                     the one-folder app, as make dist built it
#   /usr/bin/recovery-journal                      a link to it
#   /usr/share/applications/<app ID>.desktop       the menu entry
#   /usr/share/icons/hicolor/*/apps/<app ID>.*     the icon, every size and the SVG
#   /usr/share/metainfo/<app ID>.metainfo.xml      what software centres show
#   /usr/share/doc/recovery-journal/               copyright, changelog.Debian.gz
# Depends: what dpkg-shlibdeps finds the app's ELF files need from outside the folder (the
# folder carries most of the libraries Qt needs itself), and the fonts: the folder's fontconfig
# reads the system's configuration (fontconfig-config), and DejaVu has the Cyrillic the Russian
# window needs. Needs dpkg-dev (bash tools/system-packages.sh installs it).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=packaging/linux/layout.sh
source "$here/layout.sh"  # repo, name, app_id, version, deb_version, deb_name, find_icons
dist="${1:-$repo/dist/$name}"
out="${2:-$repo/dist}"
if [ ! -x "$dist/$name" ]; then
  echo "No built app at $dist (run: make dist)" >&2
  exit 1
fi
for tool in dpkg-deb dpkg-shlibdeps readelf chrpath; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "$tool is missing; run: bash tools/system-packages.sh" >&2
    exit 1
  fi
done

architecture="$(dpkg --print-architecture)"
metainfo="$here/$app_id.metainfo.xml"
# The changelog's date is the newest release's in the metainfo: the same files give the same .deb.
release_date="$(sed -n 's/.*<release version="[^"]*" date="\([0-9-]*\)".*/\1/p' "$metainfo" | head -n 1)"
if [ -z "$release_date" ]; then
  echo "No <release date=...> in $metainfo" >&2
  exit 1
fi
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(date -u -d "$release_date" +%s)}"
maintainer="${DEB_MAINTAINER:-Recovery Journal authors <recovery-journal@users.noreply.github.com>}"
homepage="https://github.com/recovery-journal/recovery-journal"

work="$(mktemp -d "${TMPDIR:-/tmp}/rj-deb.XXXXXX")"
trap 'rm -rf "$work"' EXIT
root="$work/root"
lib="/usr/lib/$name"
doc="$root/usr/share/doc/$name"
mkdir -p "$root/DEBIAN" "$root/usr/bin" "$root/usr/lib" "$root/usr/share/applications" \
  "$root/usr/share/metainfo" "$doc"

cp -a "$dist" "$root$lib"
ln -s "../lib/$name/$name" "$root/usr/bin/$name"
cp "$here/$app_id.desktop" "$root/usr/share/applications/$app_id.desktop"
cp "$metainfo" "$root/usr/share/metainfo/$app_id.metainfo.xml"
icon_source="$(find_icons "$dist")"
for folder in "$icon_source"/hicolor/*/apps; do
  size="$(basename "$(dirname "$folder")")"
  mkdir -p "$root/usr/share/icons/hicolor/$size/apps"
  cp "$folder/$name.png" "$root/usr/share/icons/hicolor/$size/apps/$app_id.png"
done
mkdir -p "$root/usr/share/icons/hicolor/scalable/apps"
cp "$icon_source/$name.svg" "$root/usr/share/icons/hicolor/scalable/apps/$app_id.svg"

cat > "$doc/copyright" <<EOF
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: Recovery Journal
Source: $homepage

Files: *
Copyright: 2026 The Recovery Journal authors
License: GPL-3.0-or-later
 This program is free software: you can redistribute it and/or modify it under
 the terms of the GNU General Public License as published by the Free Software
 Foundation, either version 3 of the License, or (at your option) any later
 version.
 .
 This program is distributed in the hope that it will be useful, but WITHOUT
 ANY WARRANTY; without even the implied warranty of MERCHANTABILITY or FITNESS
 FOR A PARTICULAR PURPOSE. See the GNU General Public License for more details.
 .
 On Debian systems, the complete text of the GNU General Public License
 version 3 can be found in "/usr/share/common-licenses/GPL-3".

Files: usr/lib/$name/_internal/*
Copyright: Their authors
License: other
 The app's folder also holds the Python runtime and the libraries the app runs
 on, gathered by PyInstaller, each under its own licence. The main ones: CPython
 (PSF-2.0); Qt 6, PySide6 and Shiboken6 (LGPL-3.0-only); SQLCipher
 (BSD-3-Clause) and sqlcipher3 (Zlib); OpenSSL (Apache-2.0); ICU
 (Unicode-3.0); matplotlib (its PSF-based licence); NumPy and OpenBLAS
 (BSD-3-Clause); Pillow (MIT-CMU); fontTools, jsonschema, keyring,
 platformdirs and PyStemmer (MIT), with Snowball (BSD-3-Clause); pypdf,
 contourpy and kiwisolver (BSD-3-Clause); cryptography (Apache-2.0 OR
 BSD-3-Clause); the DejaVu fonts (Bitstream Vera).
EOF

# What lintian calls errors but a self-contained app's folder is made of, with the reasons.
mkdir -p "$root/usr/share/lintian/overrides"
cat > "$root/usr/share/lintian/overrides/$name" <<EOF
# The folder is the app as PyInstaller gathered it: CPython, Qt and the Python packages' wheels
# come with their own copies of these libraries, some built into them; the app is tested with
# exactly these (make dist-check, make deb-check).
$name: embedded-library * [usr/lib/$name/_internal/*]
# Not stripped: NumPy's OpenBLAS, which patchelf rewrote in its wheel, no longer loads once stripped.
$name: unstripped-binary-or-object [usr/lib/$name/_internal/*]
# CPython's own small extension modules, which call nothing in libc.
$name: library-not-linked-against-libc [usr/lib/$name/_internal/python3.*/lib-dynload/*]
EOF

# A Debian changelog for this build, compressed as policy asks (no name or time in the gzip header).
{
  printf '%s (%s) unstable; urgency=medium\n\n' "$name" "$deb_version"
  printf '  * Recovery Journal %s, built from the project'"'"'s own files (make deb).\n\n' "$version"
  printf ' -- %s  %s\n' "$maintainer" "$(date -u -R -d "@$SOURCE_DATE_EPOCH")"
} | gzip -9n > "$doc/changelog.Debian.gz"

elf_files=()
while IFS= read -r -d '' file; do
  if [ "$(head -c 4 "$file" | od -An -c | tr -d ' ')" = '177ELF' ]; then elf_files+=("$file"); fi
done < <(find "$root$lib" -type f -print0)
# The libraries are not stripped here, though Debian's are: NumPy's OpenBLAS and gfortran, which
# the wheel's auditwheel rewrote with patchelf, no longer load once stripped (the report's
# charts failed with an ImportError). The package ships the folder make dist built and make
# dist-check tried; making it smaller belongs in build.spec, where dist-check tries it too.

# No library search path outside the package: the Python that built the app (pyenv's) left its
# own lib folder as the RUNPATH of libpython and its modules, a folder that on another computer
# could be anyone's. The folder's own paths ($ORIGIN/...) stay.
for file in "${elf_files[@]}"; do
  search="$(readelf -d "$file" | sed -n 's/.*(R[UNPATH]*).*\[\(.*\)\]$/\1/p')"
  [ -n "$search" ] || continue
  kept="$(printf '%s\n' "$search" | tr ':' '\n' | grep '^\$ORIGIN' | paste -sd ':' || true)"
  if [ "$kept" = "$search" ]; then continue; fi
  if [ -z "$kept" ]; then
    chrpath -d "$file" > /dev/null
  else
    chrpath -r "$kept" "$file" > /dev/null
  fi
done

# Permissions as Debian's policy has them: directories 755, files 644 (shared libraries too),
# the program itself 755; root owns everything (dpkg-deb --root-owner-group).
find "$root" -type d -exec chmod 0755 {} +
find "$root" -type f -exec chmod 0644 {} +
chmod 0755 "$root$lib/$name"
find "$root" -exec touch --no-dereference --date="@$SOURCE_DATE_EPOCH" {} +

# The libraries the app needs from the system: every ELF file's needs, less what the folder
# carries (dpkg-shlibdeps looks in the folders given as -l inside this package first).
library_folders=()
while IFS= read -r folder; do
  library_folders+=("-l${folder#"$root"}")
done < <(printf '%s\n' "${elf_files[@]}" | xargs -d '\n' dirname | sort -u)
mkdir -p "$work/debian"
printf 'Source: %s\n\nPackage: %s\nArchitecture: any\n' "$name" "$name" > "$work/debian/control"
# Python extension modules leave Python's symbols to the program: dpkg-shlibdeps warns of each;
# its output is kept for a failure only.
if ! shlibs="$(cd "$work" && dpkg-shlibdeps -O --ignore-missing-info "${library_folders[@]}" \
  "${elf_files[@]#"$work/"}" 2> "$work/shlibdeps.log")"; then
  cat "$work/shlibdeps.log" >&2
  exit 1
fi
depends="${shlibs#shlibs:Depends=}"
if [ -z "$depends" ] || [ "$depends" = "$shlibs" ]; then
  echo "dpkg-shlibdeps found no dependencies: $shlibs" >&2
  exit 1
fi
depends="$depends, fontconfig-config, fonts-dejavu-core"

installed_size="$(du -sk --apparent-size "$root" | cut -f 1)"
cat > "$root/DEBIAN/control" <<EOF
Package: $name
Version: $deb_version
Architecture: $architecture
Maintainer: $maintainer
Installed-Size: $installed_size
Depends: $depends
Section: misc
Priority: optional
Homepage: $homepage
Description: private, encrypted notebook for working a twelve-step programme
 Recovery Journal is a private notebook for people working a twelve-step
 programme: the twelve steps with guiding questions, the step 4 inventory, a
 nightly review, sober or clean time counted in days with milestones, charts
 that compare you only with who you were before, a journal, and a progress
 report for a sponsor as a PDF.
 .
 Everything stays in one encrypted file (SQLCipher) on the computer, and the
 app never connects to the network. It speaks English and Russian.
EOF
(cd "$root" && find usr -type f -print0 | sort -z | xargs -0 md5sum) > "$root/DEBIAN/md5sums"
chmod 0644 "$root/DEBIAN/control" "$root/DEBIAN/md5sums"

mkdir -p "$out"
deb="$out/$deb_name"
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" > /dev/null
echo "Built $(basename "$deb"): $(du -h "$deb" | cut -f 1), $((installed_size / 1024)) MiB installed"
echo "Depends: $depends"
echo "$deb"
