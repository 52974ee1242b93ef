#!/usr/bin/env bash
# Does the .deb (make deb) install, run and go away whole on a Debian that has never seen the
# project? Used as `make deb-check`:
#   packaging/linux/check-deb.sh [DEB]      (default: the one make deb wrote in dist/)
# First lintian, which must find no error (its warnings are printed; docs/BUILDING.md says why
# each is accepted), and appstreamcli validate-tree on the package's files. Then,
# In a minimal Debian of this machine's release (debootstrap --variant=minbase), made once and
# kept as a tarball outside the checkout (RJ_DEB_CHECK_CACHE, default
# ~/.cache/recovery-journal/deb-check), unpacked afresh for every run:
#   apt-get install ./the.deb         its Depends from the mirror, without Recommends
#   recovery-journal --version; init and check on a new vault (RECOVERY_JOURNAL_PASSPHRASE);
#   demo and export-pdf; the window offscreen for 5 seconds
#   apt-get purge                     then nothing dpkg -L listed may be left (directories other
#                                     packages own excepted), and the vault is still there
# Needs root (chroot, mount), debootstrap and the mirror (RJ_DEB_MIRROR, default the one apt
# uses here). /proc is mounted in the chroot for the runs (PyInstaller's loader finds itself
# through /proc/self/exe) and always unmounted.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=packaging/linux/layout.sh
source "$here/layout.sh"  # repo, name, app_id, version, deb_name
deb="${1:-$repo/dist/$deb_name}"
if [ ! -f "$deb" ]; then
  echo "deb check: no $deb (run: make deb)" >&2
  exit 1
fi
deb="$(cd "$(dirname "$deb")" && pwd)/$(basename "$deb")"
if [ "$(id -u)" -ne 0 ]; then
  echo "deb check: needs root (chroot and mount); run: sudo make deb-check" >&2
  exit 1
fi
for tool in debootstrap lintian; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "deb check: $tool is missing; run: bash tools/system-packages.sh" >&2
    exit 1
  fi
done
codename="$(. /etc/os-release && printf '%s' "${VERSION_CODENAME:?}")"
architecture="$(dpkg --print-architecture)"
mirror="${RJ_DEB_MIRROR:-$(sed -n 's/^URIs: *\([^ ]*\/debian\)$/\1/p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n 1)}"
mirror="${mirror:-http://deb.debian.org/debian}"
cache="${RJ_DEB_CHECK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/recovery-journal/deb-check}"
base="$cache/$codename-$architecture-minbase.tar"
started=$SECONDS

work="$(mktemp -d "${TMPDIR:-/tmp}/rj-deb-check.XXXXXX")"
root="$work/root"
cleanup() {
  # Whatever happened: nothing mounted stays mounted, nothing of the chroot stays on disk.
  if mountpoint -q "$root/proc" 2>/dev/null; then umount "$root/proc" || umount -l "$root/proc"; fi
  rm -rf "$work"
}
trap cleanup EXIT

fail() {
  echo "FAIL: $1" >&2
  if [ -n "${2:-}" ] && [ -s "$2" ]; then sed 's/^/  | /' "$2" >&2; fi
  exit 1
}

# Lintian: errors fail; the warnings are those docs/BUILDING.md lists, shown by name and count.
lintian --fail-on error "$deb" > "$work/lintian" 2>&1 \
  || fail "lintian found errors in $(basename "$deb")" "$work/lintian"
warnings="$(sed -n 's/^W: [^ ]* \([^ ]*\).*/\1/p' "$work/lintian" | sort | uniq -c | awk '{print $2 " (" $1 ")"}' | paste -sd ' ')"
echo "ok: lintian: no errors; warnings: ${warnings:-none} ($((SECONDS - started)) s)"

# The files as installed: the metainfo, the desktop entry it launches and the icon, together.
if command -v appstreamcli >/dev/null 2>&1; then
  dpkg-deb -x "$deb" "$work/unpacked"
  appstreamcli validate-tree --no-net --explain "$work/unpacked" > "$work/appstream" 2>&1 \
    || fail "appstreamcli validate-tree on the package's files" "$work/appstream"
  rm -rf "$work/unpacked"
  echo "ok: appstreamcli validate-tree: $(tail -n 1 "$work/appstream")"
fi

# The minimal Debian: made once (a few minutes, about 40 MB from the mirror), then reused.
if [ ! -f "$base" ]; then
  echo "deb check: making a minimal Debian $codename ($architecture) from $mirror, once..."
  mkdir -p "$cache"
  debootstrap --variant=minbase --arch="$architecture" "$codename" "$work/base" "$mirror" \
    > "$work/debootstrap.log" 2>&1 || fail "debootstrap" "$work/debootstrap.log"
  rm -rf "$work/base/var/cache/apt/archives/"*.deb "$work/base/var/lib/apt/lists/"*_Packages
  tar -C "$work/base" -cf "$base.new" . && mv "$base.new" "$base"
  rm -rf "$work/base"
  echo "ok: a minimal Debian, kept in $base ($((SECONDS - started)) s)"
fi
mkdir "$root"
tar -C "$root" -xf "$base"
# The packages the Depends brought last time (same versions are used, others fetched again).
mkdir -p "$cache/archives"
cp "$cache/archives/"*.deb "$root/var/cache/apt/archives/" 2>/dev/null || true
cp "$deb" "$root/tmp/"
package_file="/tmp/$(basename "$deb")"
mount -t proc proc "$root/proc"

# in_chroot COMMAND...: a command in the chroot with only what a fresh session would give.
in_chroot() {
  chroot "$root" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    HOME=/home/person LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive QT_QPA_PLATFORM=offscreen \
    XDG_RUNTIME_DIR=/tmp/runtime RECOVERY_JOURNAL_PASSPHRASE="deb check: four calm words" "$@"
}
check() {
  local label="$1"
  shift
  local status=0
  in_chroot "$@" > "$work/out" 2>&1 || status=$?
  if [ "$status" -ne 0 ]; then fail "$label (exit $status)" "$work/out"; fi
}

phase=$SECONDS
check "apt-get update" apt-get update
in_chroot dpkg-query -W -f='${Package}\n' > "$work/before-packages"
grep -qx "$name" "$work/before-packages" && fail "$name is already installed in the fresh chroot"
check "apt-get install ./$(basename "$deb")" \
  apt-get install -y --no-install-recommends "$package_file"
echo "ok: installed with apt-get, its Depends from the mirror ($((SECONDS - phase)) s)"
cp "$root/var/cache/apt/archives/"*.deb "$cache/archives/" 2>/dev/null || true

in_chroot dpkg -L "$name" > "$work/listed" || fail "dpkg -L $name" "$work/listed"
for path in "/usr/bin/$name" "/usr/lib/$name/$name" "/usr/share/applications/$app_id.desktop" \
  "/usr/share/metainfo/$app_id.metainfo.xml" \
  "/usr/share/icons/hicolor/scalable/apps/$app_id.svg"; do
  grep -qx "$path" "$work/listed" || fail "the package does not install $path"
done

phase=$SECONDS
mkdir -p "$root/home/person" "$root/tmp/runtime"
chmod 700 "$root/tmp/runtime"
vault=/home/person/check.rjvault
check "--version" "$name" --version
grep -qF "$version" "$work/out" || fail "--version does not say $version" "$work/out"
echo "ok: --version: $(head -n 1 "$work/out")"
check "init" "$name" init --vault "$vault"
check "check" "$name" check --vault "$vault"
echo "ok: init and check: $(head -n 1 "$work/out")"
check "demo" "$name" demo --days 30 --vault "$vault"
check "export-pdf" "$name" export-pdf --lang ru -o /home/person/report.pdf --vault "$vault"
[ "$(head -c 4 "$root/home/person/report.pdf")" = "%PDF" ] || fail "export-pdf wrote no PDF"
echo "ok: demo and a Russian export-pdf ($(($(wc -c < "$root/home/person/report.pdf") / 1024)) kB)"
status=0
timeout 5 chroot "$root" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/home/person LANG=C.UTF-8 \
  QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=/tmp/runtime "$name" --vault "$vault" \
  > "$work/gui" 2>&1 || status=$?
[ "$status" -eq 124 ] || fail "the window ended after less than 5 seconds (exit $status)" "$work/gui"
if [ -s "$work/gui" ]; then
  echo "   (the window's program said:)"
  sed 's/^/   | /' "$work/gui"
fi
echo "ok: the window started offscreen and kept running for 5 s ($((SECONDS - phase)) s in all)"

phase=$SECONDS
check "apt-get purge" apt-get purge -y "$name"
left=()
while IFS= read -r path; do
  [ "$path" != "/." ] || continue  # the root, which dpkg lists first
  [ -e "$root$path" ] || [ -L "$root$path" ] || continue
  # A folder that stays is fine only when another package owns it too (/usr, /usr/share...).
  if [ -d "$root$path" ] && [ ! -L "$root$path" ] && in_chroot dpkg-query -S "$path" > /dev/null 2>&1; then
    continue
  fi
  left+=("$path")
done < "$work/listed"
if [ "${#left[@]}" -gt 0 ]; then
  printf '%s\n' "${left[@]}" > "$work/left"
  fail "${#left[@]} of the package's paths are left after the purge" "$work/left"
fi
in_chroot dpkg-query -W -f='${Package}\n' "$name" > /dev/null 2>&1 && fail "dpkg still knows $name"
[ -s "$root$vault" ] || fail "the purge took the vault in the person's home"
echo "ok: purged: none of its $(wc -l < "$work/listed") paths left, the vault kept ($((SECONDS - phase)) s)"

echo "deb check: all passed ($((SECONDS - started)) s)"
