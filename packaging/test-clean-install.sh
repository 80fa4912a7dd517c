#!/usr/bin/env bash
# Installs the built Debian packages into a fresh Debian 12 root and uses them there:
#   debootstrap (minbase) -> apt-get install ./attentivechrome-cli_*.deb (a headless node)
#   -> apt-get install ./attentivechrome_*.deb -> attentivechrome-cli simulate, train --epochs 1,
#   validate -> the study file type and its default application -> under Xvfb, `gio open` on a
#   study (a double-click) and attentivechrome --demo from /usr/bin -> a screenshot.
# Run as root after build-deb.sh: bash packaging/test-clean-install.sh [DEB_DIR] (default
# build-deb). Writes DEB_DIR/clean-install/{install.log,cli.log,gui.log,gui.png}. Everything it
# mounts is unmounted and the root removed at the end, also on failure.
# AC_DEBIAN_MIRROR chooses the mirror (default http://deb.debian.org/debian).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-build-deb}
mirror=${AC_DEBIAN_MIRROR:-http://deb.debian.org/debian}
if [ "$(id -u)" -ne 0 ]; then
  echo "test-clean-install.sh: run as root (debootstrap, chroot, mount)" >&2
  exit 1
fi
cli_deb=$(ls "$dir"/attentivechrome-cli_*.deb)
gui_deb=$(ls "$dir"/attentivechrome_*.deb)
out=$dir/clean-install
rm -rf "$out"
mkdir -p "$out"
command -v debootstrap >/dev/null || bash packaging/setup-debian.sh debootstrap

root=$(mktemp -d /var/tmp/ac-clean-root.XXXXXX)
mounts=()
cleanup() {
  local i
  for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do
    umount "${mounts[i]}" || umount -l "${mounts[i]}" || true
  done
  if findmnt -rn -o TARGET | grep -q "^$root"; then
    echo "test-clean-install.sh: $root is still mounted, not removed" >&2
  else
    rm -rf "$root"
  fi
}
trap cleanup EXIT
mount_in() { # mount_in TARGET mount-arguments...
  local target=$root$1
  shift
  mount "$@" "$target"
  mounts+=("$target")
}
in_root() { chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin \
  LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"; }

echo "== debootstrap bookworm ($mirror) into $root"
debootstrap --variant=minbase bookworm "$root" "$mirror" >"$out/install.log" 2>&1 ||
  { tail -20 "$out/install.log"; exit 1; }
cat >"$root/etc/apt/sources.list" <<SOURCES
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb http://deb.debian.org/debian-security bookworm-security main
SOURCES
cp /etc/resolv.conf "$root/etc/resolv.conf"
mount_in /proc -t proc proc
mount_in /sys -t sysfs sysfs
# debootstrap made the device nodes; Xvfb and Qt want a shared-memory file system.
mkdir -p "$root/dev/shm"
mount_in /dev/shm -t tmpfs tmpfs
cp "$cli_deb" "$gui_deb" "$root/tmp/"

echo "== apt-get install ./$(basename "$cli_deb") (command line only)"
in_root apt-get update -q >>"$out/install.log" 2>&1
before=$(in_root dpkg-query -W -f='${Package}\n' | wc -l)
in_root apt-get install -y -q "./tmp/$(basename "$cli_deb")" >>"$out/install.log" 2>&1 ||
  { tail -30 "$out/install.log"; exit 1; }
after_cli=$(in_root dpkg-query -W -f='${Package}\n' | wc -l)
echo "   $((after_cli - before)) packages installed; xcb/X11 libraries among them:" \
  "$(in_root dpkg-query -W -f='${Package}\n' | grep -c -E '^libxcb|^libx11' || true)"
echo "== apt-get install ./$(basename "$gui_deb")"
in_root apt-get install -y -q "./tmp/$(basename "$gui_deb")" >>"$out/install.log" 2>&1 ||
  { tail -30 "$out/install.log"; exit 1; }
after_gui=$(in_root dpkg-query -W -f='${Package}\n' | wc -l)
echo "   $((after_gui - after_cli)) more packages installed"
in_root dpkg-query -W -f='   ${Package} ${Version} ${Status}\n' attentivechrome attentivechrome-cli

echo "== command line (/usr/bin/attentivechrome-cli)"
in_root bash -euxc '
  cd /tmp
  attentivechrome-cli --version
  attentivechrome-cli simulate --cells 1 --genes 400 --seed 3 --out sim.h5
  attentivechrome-cli train --study sim.h5 --cell all --epochs 1 --lr 1e-3 --threads 2 --seed 1
  run=$(attentivechrome-cli info sim.h5 | sed -n "s/^  run \([^:]*\):.*/\1/p" | head -1)
  attentivechrome-cli validate --study sim.h5 --run "$run" --methods saliency --out val
  ls val
' >"$out/cli.log" 2>&1 || { cat "$out/cli.log"; exit 1; }
tail -15 "$out/cli.log" | sed 's/^/   /'

echo "== desktop integration (file type, default application)"
# What a desktop brings and a minimal root lacks: an X server, GLib's gio, and desktop-file-utils,
# whose update-desktop-database writes the application-per-type cache GLib reads.
in_root apt-get install -y -q --no-install-recommends xvfb xauth scrot x11-utils libglib2.0-bin \
  desktop-file-utils \
  >>"$out/install.log" 2>&1 || { tail -30 "$out/install.log"; exit 1; }
in_root bash -euc '
  type=$(gio info -a standard::content-type /tmp/sim.h5 | sed -n "s/^ *standard::content-type: //p")
  echo "   /tmp/sim.h5 is $type"
  [ "$type" = application/x-attentivechrome-study ]
  gio mime application/x-attentivechrome-study | head -1 | sed "s/^/   /"
  gio mime application/x-attentivechrome-study | head -1 | grep -q attentivechrome.desktop
' || { echo "study files are not tied to the application"; exit 1; }

echo "== desktop application (/usr/bin/attentivechrome under Xvfb)"
# First what a double-click does (gio open: the default application, Exec=attentivechrome %f),
# then --demo, which opens a copy of the installed demo study; its window is the screenshot.
in_root xvfb-run -a -s "-screen 0 1400x900x24" bash -c '
  title() { xwininfo -root -tree | grep -q "\"$1 — AttentiveChrome Studio\""; }
  gio open /tmp/sim.h5
  sleep 15
  title sim.h5 || { echo "gio open /tmp/sim.h5 opened no window for it"; exit 1; }
  window=$(xwininfo -root -tree | sed -n "s/^ *\(0x[0-9a-f]*\) \"sim.h5 — .*/\1/p" | head -1)
  kill "$(xprop -id "$window" _NET_WM_PID | sed "s/.* = //")"
  echo "   gio open /tmp/sim.h5 started attentivechrome on it"
  /usr/bin/attentivechrome --demo >/tmp/gui.log 2>&1 &
  gui=$!
  sleep 20
  kill -0 $gui || { echo "the GUI exited"; exit 1; }
  title demo-study.h5 || { echo "the GUI did not open the demo study"; exit 1; }
  scrot /tmp/gui.png
  kill $gui
  wait $gui || true
' || { cat "$root/tmp/gui.log"; exit 1; }
cp "$root/tmp/gui.log" "$root/tmp/gui.png" "$out/"
# --demo copies the bundled study to its data folder (MainWindow::prepareDemoStudy).
copy=$(find "$root/root/.local/share/AttentiveChromeStudio" -name demo-study.h5 2>/dev/null | head -1)
[ -n "$copy" ] && [ -s "$copy" ] ||
  { echo "the GUI did not open a copy of the installed demo study"; exit 1; }
echo "   the GUI opened a copy of /usr/share/attentivechrome/demo-study.h5: ${copy#"$root"}"
echo "   screenshot: $out/gui.png"
echo "test-clean-install: passed"
