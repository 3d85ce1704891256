# shellcheck shell=bash
# Where Myflix's Python runs. Sourced by scripts/setup and scripts/run.
#
# Home Assistant >= 2026.3 needs Python >= 3.14.2. A machine that has one runs
# everything natively. A Debian machine without one (Debian 12 has 3.11) gets a
# Debian sid chroot, built by scripts/setup, and every command runs inside it
# in a private mount namespace: the project's parent folder (the project and
# shared/ beside it) at the same path, the host's root read-only at /host (for
# the host's own qbittorrent-nox 4.5.2), /proc, /sys and /dev. The mounts vanish
# with the command, so runs never step on each other.

MYFLIX_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
MYFLIX_PLATFORM_FILE=$MYFLIX_ROOT/.platform
MYFLIX_CHROOT=${MYFLIX_CHROOT:-/opt/myflix-sid}
MYFLIX_MIN_PYTHON=3.14.2

# A native Python >= 3.14.2, or nothing.
native_python() {
  local candidate
  for candidate in ${MYFLIX_PYTHON:-} python3.14 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
      "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 14, 2))' 2>/dev/null; then
      command -v "$candidate"
      return 0
    fi
  done
  return 1
}

# "native" or "chroot DIR", as scripts/setup recorded it.
platform_mode() {
  cat "$MYFLIX_PLATFORM_FILE" 2>/dev/null || echo none
}

# Run "$@" from the project root on the platform; never returns.
platform_exec() {
  local mode
  mode=$(platform_mode)
  if [ -n "${MYFLIX_IN_PLATFORM:-}" ] || [ "$mode" = native ]; then
    cd "$MYFLIX_ROOT"
    MYFLIX_IN_PLATFORM=1 exec "$@"
  fi
  case $mode in
    chroot\ *) ;;
    *)
      echo "Myflix's platform is not set up yet: run scripts/setup first." >&2
      exit 1
      ;;
  esac
  local sid=${mode#chroot } top
  top=$(dirname "$MYFLIX_ROOT")
  if [ "$top" = / ]; then
    echo "Put the project in a folder of its own (its parent is mounted into the chroot)." >&2
    exit 1
  fi
  # Host-only settings stay outside: paths of the host's Python and pip.
  exec unshare --mount --propagation private -- /bin/bash -c '
    set -e
    sid=$1 top=$2 root=$3; shift 3
    mount -t proc proc "$sid/proc"
    mount --rbind /sys "$sid/sys"
    mount --rbind /dev "$sid/dev"
    mkdir -p "$sid/host" "$sid$top"
    mount --bind / "$sid/host"
    mount -o remount,bind,ro "$sid/host"
    mount --bind "$top" "$sid$top"
    cp /etc/resolv.conf "$sid/etc/resolv.conf"
    exec chroot "$sid" /usr/bin/env \
      -u PYENV_ROOT -u PYENV_VERSION -u PYENV_SHELL -u VIRTUAL_ENV -u PYTHONHOME \
      -u PIP_FIND_LINKS -u PIP_CONSTRAINT -u PIP_CONFIG_FILE -u LD_LIBRARY_PATH \
      PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
      HOME=/root LANG=C.UTF-8 MYFLIX_IN_PLATFORM=1 \
      SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt SSL_CERT_DIR=/etc/ssl/certs \
      REQUESTS_CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt PIP_CERT=/etc/ssl/certs/ca-certificates.crt \
      /bin/bash -c "cd \"\$0\" && exec \"\$@\"" "$root" "$@"
  ' myflix-platform "$sid" "$top" "$MYFLIX_ROOT" "$@"
}
