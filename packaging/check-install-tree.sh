#!/usr/bin/env bash
# Checks an installed AttentiveChrome Studio: files at their paths, both programs' --version, the
# desktop entry, the AppStream metadata, the study MIME type, man pages and bash completion.
#
#   check-install-tree.sh PREFIX VERSION                  an installed tree (e.g. /usr, or the
#                                                         two .deb files unpacked: check-deb.sh)
#   check-install-tree.sh --from-build BUILD_DIR VERSION  `cmake --install` into a temporary
#                                                         prefix first (the CTest test)
# Needs desktop-file-validate, appstreamcli, update-mime-database, gio and man
# (packaging/setup-debian.sh installs them). Prints one line per check; exits 1 on a failure.
set -euo pipefail

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ "$1" = --from-build ]; then
  cmake --install "$2" --prefix "$work/usr" >"$work/install.log" || { cat "$work/install.log"; exit 1; }
  prefix=$work/usr
  shift 2
else
  prefix=$1
  shift
fi
version=$1
failures=0

check() { # check "what" command...
  local what=$1
  shift
  if "$@" >"$work/out" 2>&1; then
    echo "ok    $what"
  else
    echo "FAIL  $what"
    sed 's/^/      /' "$work/out"
    failures=$((failures + 1))
  fi
}
equals() { [ "$1" = "$2" ] || { echo "expected '$2', got '$1'"; return 1; }; }

share=$prefix/share
files=(
  bin/attentivechrome bin/attentivechrome-cli libexec/attentivechrome/attentivechrome-read-weights
  libexec/attentivechrome/attentivechrome-gui libexec/attentivechrome/attentivechrome-cli-engine
  share/attentivechrome/demo-study.h5 share/attentivechrome/genes_hg19.tsv.gz
  share/attentivechrome/genes_hg38.tsv.gz
  share/applications/attentivechrome.desktop
  share/metainfo/io.github.attentivechrome.Studio.metainfo.xml
  share/mime/packages/attentivechrome.xml
  share/icons/hicolor/scalable/apps/attentivechrome.svg
  share/man/man1/attentivechrome.1.gz share/man/man1/attentivechrome-cli.1.gz
  share/bash-completion/completions/attentivechrome-cli
  share/attentivechrome/cluster/Snakefile share/attentivechrome/cluster/config.yaml
  share/attentivechrome/cluster/slurm-array.sh
  share/attentivechrome/cluster/profiles/local/config.yaml
  share/attentivechrome/cluster/profiles/slurm/config.yaml
  share/doc/attentivechrome/copyright share/doc/attentivechrome-cli/copyright
)
for size in 16 24 32 48 64 128 256 512; do
  files+=("share/icons/hicolor/${size}x${size}/apps/attentivechrome.png")
done
for f in "${files[@]}"; do
  check "$f" test -s "$prefix/$f"
done

# --- programs ---
check "attentivechrome-cli --version" \
  equals "$("$prefix/bin/attentivechrome-cli" --version)" "attentivechrome-cli $version"
check "attentivechrome --version" \
  equals "$(QT_QPA_PLATFORM=offscreen "$prefix/bin/attentivechrome" --version)" \
  "AttentiveChrome Studio $version"

# --- desktop entry and AppStream ---
desktop=$share/applications/attentivechrome.desktop
check "desktop-file-validate" desktop-file-validate "$desktop"
check "desktop entry opens a file (Exec ... %f)" grep -qx 'Exec=attentivechrome %f' "$desktop"
check "desktop entry handles study files" \
  grep -qx 'MimeType=application/x-attentivechrome-study;' "$desktop"
metainfo=$share/metainfo/io.github.attentivechrome.Studio.metainfo.xml
check "appstreamcli validate" appstreamcli validate --no-net "$metainfo"
check "metainfo release $version" grep -q "<release version=\"$version\"" "$metainfo"

# --- MIME type: a study is application/x-attentivechrome-study, other HDF5 stays x-hdf ---
mkdir -p "$work/xdg/mime/packages" "$work/home"
cp /usr/share/mime/packages/freedesktop.org.xml "$share/mime/packages/attentivechrome.xml" \
  "$work/xdg/mime/packages/"
update-mime-database "$work/xdg/mime" 2>"$work/mime.log" || { cat "$work/mime.log"; exit 1; }
mime_type() {
  XDG_DATA_DIRS=$work/xdg XDG_DATA_HOME=$work/home GIO_USE_VFS=local \
    gio info -a standard::content-type "$1" | sed -n 's/^ *standard::content-type: //p'
}
# The first 64 KiB of an HDF5 file is all the sniffing reads; the copy names the format differently.
head -c 65536 "$share/attentivechrome/demo-study.h5" |
  LC_ALL=C sed 's/attentivechrome-study/some-other-hdf5-file/g' >"$work/other.h5"
check "MIME type of the demo study" \
  equals "$(mime_type "$share/attentivechrome/demo-study.h5")" application/x-attentivechrome-study
check "MIME type of another .h5 file" equals "$(mime_type "$work/other.h5")" application/x-hdf

# --- man pages (render without warnings, list every command) and bash completion ---
for page in attentivechrome attentivechrome-cli; do
  check "man $page renders cleanly" \
    test -z "$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$share/man/man1/$page.1.gz" 2>&1 >/dev/null)"
done
commands=$("$prefix/bin/attentivechrome-cli" --help | sed -n 's/^  \([a-z][a-z-]*\)  .*/\1/p')
for c in $commands; do
  check "man attentivechrome-cli: $c" \
    bash -c "gzip -dc '$share/man/man1/attentivechrome-cli.1.gz' | grep -q '^\.SS \"$c\"'"
done
complete_words() { # complete_words WORD... : what completion offers for the last word
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
           _attentivechrome_cli; echo "${COMPREPLY[*]}"' \
    _ "$share/bash-completion/completions/attentivechrome-cli" attentivechrome-cli "$@"
}
check "bash completion: command" equals "$(complete_words tra)" train
check "bash completion: option" equals "$(complete_words train --epo)" --epochs
check "bash completion: benchmark" equals "$(complete_words bench gu)" gui

if [ "$failures" -ne 0 ]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "all checks passed ($prefix)"
