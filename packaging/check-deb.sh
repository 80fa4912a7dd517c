#!/usr/bin/env bash
# Checks the two Debian packages in DIR (default build-deb/, made by build-deb.sh): what each
# contains, their control fields, lintian (no errors), and, unpacked together, everything
# check-install-tree.sh checks (programs' --version, desktop entry, AppStream, MIME type, ...).
# Prints each package's size and Depends: line. Exits 1 on a failure.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-build-deb}
cli=$(ls "$dir"/attentivechrome-cli_*.deb)
gui=$(ls "$dir"/attentivechrome_*.deb)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL  $*"; failures=$((failures + 1)); }

deb_version=$(dpkg-deb -f "$cli" Version)
version=${deb_version%-*}
for deb in "$cli" "$gui"; do
  echo "== $(basename "$deb"): $(du -h "$deb" | cut -f1) ($(stat -c %s "$deb") bytes)"
  dpkg-deb -f "$deb" Package Version Installed-Size Depends Recommends
done

# expect DEB yes|no PATH...: each /usr/PATH (a file or a folder) is (yes) or is not (no) in DEB.
expect() {
  local deb=$1 want=$2 path found
  shift 2
  dpkg-deb -c "$deb" | awk '{print $6}' >"$work/list"
  for path in "$@"; do
    found=no
    if grep -qE "^\./usr/$path(/|\$)" "$work/list"; then found=yes; fi
    [ "$found" = "$want" ] || fail "$(basename "$deb"): /usr/$path in the package: $found"
  done
}
expect "$cli" yes bin/attentivechrome-cli libexec/attentivechrome/attentivechrome-read-weights \
  libexec/attentivechrome/attentivechrome-cli-engine \
  share/attentivechrome/genes_hg19.tsv.gz \
  share/attentivechrome/genes_hg38.tsv.gz \
  share/man/man1/attentivechrome-cli.1.gz share/bash-completion/completions/attentivechrome-cli \
  share/doc/attentivechrome-cli/copyright share/doc/attentivechrome-cli/changelog.Debian.gz
expect "$cli" no bin/attentivechrome libexec/attentivechrome/attentivechrome-gui \
  share/applications share/icons \
  share/attentivechrome/demo-study.h5
expect "$gui" yes bin/attentivechrome libexec/attentivechrome/attentivechrome-gui \
  share/attentivechrome/demo-study.h5 \
  share/applications/attentivechrome.desktop \
  share/metainfo/io.github.attentivechrome.Studio.metainfo.xml \
  share/mime/packages/attentivechrome.xml share/icons/hicolor/scalable/apps/attentivechrome.svg \
  share/icons/hicolor/48x48/apps/attentivechrome.png share/man/man1/attentivechrome.1.gz \
  share/doc/attentivechrome/copyright share/doc/attentivechrome/changelog.Debian.gz
expect "$gui" no bin/attentivechrome-cli

# Control fields: library dependencies come from dpkg-shlibdeps; the GUI needs the CLI package.
gui_depends=$(dpkg-deb -f "$gui" Depends)
cli_depends=$(dpkg-deb -f "$cli" Depends)
[[ $gui_depends == *"attentivechrome-cli (= $deb_version)"* ]] || fail "GUI does not depend on the CLI"
[[ $gui_depends == *libqt6gui6* ]] || fail "GUI Depends lacks libqt6gui6 (shlibdeps)"
[[ $cli_depends == *libtorch* ]] || fail "CLI Depends lacks libtorch (shlibdeps)"
[[ "$gui_depends $cli_depends" != *qt6-qpa-plugins* ]] || fail "depends on qt6-qpa-plugins"
[ "$(dpkg-deb -f "$gui" Recommends)" = qt6-wayland ] || fail "GUI does not recommend qt6-wayland"

echo "== lintian"
if ! lintian --fail-on error --tag-display-limit 0 "$cli" "$gui"; then
  fail "lintian reports errors"
fi

echo "== the unpacked packages"
dpkg-deb -x "$cli" "$work/root"
dpkg-deb -x "$gui" "$work/root"
bash packaging/check-install-tree.sh "$work/root/usr" "$version" || failures=$((failures + 1))

if [ "$failures" -ne 0 ]; then
  echo "check-deb: $failures failure(s)"
  exit 1
fi
echo "check-deb: both packages pass"
