#!/bin/bash
# Installs the VibeCode gateway from its signed release: the one install path. cloud-init runs it once on a
# droplet's first boot (user_data writes it to /usr/local/lib/vibe/install-gateway.sh), localcloud runs it inside
# each local droplet's sandbox, an operator may run it by hand to reinstall.
#
#   install-gateway.sh <artifact_url> <signature_url>
#
# Environment:
#   VIBE_ROOT             prefix of every path it touches (default: empty, the real /). With a prefix it installs
#                         no Debian packages (it names the missing commands instead), never chowns and never
#                         touches systemd: localcloud's sandboxes.
#   VIBE_INSTALL_TIMEOUT  seconds the whole install may take (default 420). The control plane gives a new droplet
#                         10 minutes to say hello; booting, cloud-init's own modules and the gateway's first start
#                         take the rest. Every wait below is cut to what is left of it.
#
# Steps, each logged with a timestamp to $VIBE_ROOT/var/log/vibe-install.log: Debian packages (only the missing
# ones; apt waits for a lock a first-boot unattended-upgrade may hold), user vibe and its folders, download of the
# release and its signature, `openssl dgst -sha256 -verify` against /etc/vibe/gateway-release.pub (cloud-init
# writes it from user_data), unpack to /opt/vibe-gateway/releases/<VERSION>, switch /opt/vibe-gateway/current,
# install the release's systemd unit and start it when systemd runs.
# Any failure before the switch leaves nothing installed and no temporary files, logs why and exits non-zero.
set -euo pipefail

readonly PACKAGES=(tmux openssl curl ca-certificates sudo git)
# What this script and the gateway run; with VIBE_ROOT set they must already be on PATH.
readonly COMMANDS=(curl openssl tar gzip tmux timeout mktemp)
readonly MAX_ARTIFACT_BYTES=$((512 * 1024 * 1024))
readonly MAX_SIGNATURE_BYTES=16384
# How long `apt-get update` is retried: a first boot's apt-daily run holds the lists lock for about a minute.
readonly APT_UPDATE_WAIT=180
readonly VERSION_PATTERN='^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$'

root="${VIBE_ROOT:-}"
root="${root%/}"
budget="${VIBE_INSTALL_TIMEOUT:-420}"
base="$root/opt/vibe-gateway"
key="$root/etc/vibe/gateway-release.pub"
unit="$root/etc/systemd/system/vibe-gateway.service"
log_file="$root/var/log/vibe-install.log"
work=""

if [[ $# -ne 2 ]]; then
  echo "usage: $0 <artifact_url> <signature_url>" >&2
  exit 2
fi
artifact_url="$1"
signature_url="$2"

mkdir -p "$(dirname "$log_file")"
# Everything goes to the log; fd 3 keeps the caller's stderr for the one-line reason of a failure.
exec 3>&2 >>"$log_file" 2>&1

log() { printf '%s %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*"; }
fail() {
  log "FAILED: $*"
  echo "install-gateway: $*" >&3
  exit 1
}
cleanup() {
  if [[ -n "$work" ]]; then rm -rf "$work"; fi
}
trap cleanup EXIT
# A stop (localcloud's power off, Ctrl-C) still cleans up and says why in the log.
trap 'fail "stopped by a signal"' INT TERM

# Called before each step: fails once too little of the budget is left to do anything useful.
need_time() {
  ((budget - SECONDS >= 5)) || fail "out of time: the install may take ${budget} s (VIBE_INSTALL_TIMEOUT)"
}
# The smaller of $1 seconds and what is left of the budget.
within() {
  local rest=$((budget - SECONDS))
  ((rest > 1)) || rest=1
  echo $(($1 < rest ? $1 : rest))
}

check_url() {
  [[ "$2" =~ ^https?://[^[:space:]]+$ ]] || fail "$1 is not an http(s) URL: $2"
}

# Debian's packages, only those missing. apt-get update is retried: on a first boot the mirror or DNS may not answer
# yet, and apt-daily or an unattended-upgrade may hold apt's locks.
install_packages() {
  local missing=() package
  for package in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$package")
    fi
  done
  if ((${#missing[@]} == 0)); then
    log "Debian packages already installed: ${PACKAGES[*]}"
    return
  fi
  log "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  local apt=(apt-get -q -o DPkg::Lock::Timeout=120 -o Acquire::Retries=3 -o Acquire::http::Timeout=20)
  # DPkg::Lock::Timeout covers dpkg's lock, not the package lists' one that `apt-get update` takes: wait for that here.
  local give_up_at=$((SECONDS + APT_UPDATE_WAIT))
  need_time
  until timeout "$(within 150)" "${apt[@]}" update; do
    ((SECONDS < give_up_at)) || fail "apt-get update kept failing for ${APT_UPDATE_WAIT} s (mirror unreachable, or apt busy)"
    log "apt-get update failed (another apt may hold its lock, or the network is not up yet); retrying in 5 s"
    sleep 5
    need_time
  done
  need_time
  timeout "$(within 300)" "${apt[@]}" install -y --no-install-recommends \
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "${missing[@]}" ||
    fail "apt-get install ${missing[*]} failed"
}

check_commands() {
  local missing=() command
  for command in "${COMMANDS[@]}"; do
    command -v "$command" >/dev/null || missing+=("$command")
  done
  ((${#missing[@]} == 0)) || fail "missing commands: ${missing[*]} (install them, e.g. apt-get install ${missing[*]})"
}

# The vibe user's folders and the sudo log (cloud-init's users module creates vibe and its sudo rule).
prepare_home() {
  local home="$root/home/vibe"
  if [[ -z "$root" ]] && ! id vibe >/dev/null 2>&1; then
    log "creating user vibe"
    useradd --create-home --shell /bin/bash vibe
  fi
  mkdir -p "$home" "$root/var/log"
  install -d -m 0700 "$home/workspace" "$home/.vibe-gateway"
  install -d -m 0755 "$home/.local"
  touch "$root/var/log/sudo-vibe.log"
  chmod 0600 "$root/var/log/sudo-vibe.log"
  if [[ -z "$root" ]]; then chown vibe:vibe "$home" "$home/workspace" "$home/.vibe-gateway" "$home/.local"; fi
}

# curl bounded on every side: connect, each attempt, the retries (any error, a dropped connection included), the
# size, and the whole command by what is left of the budget.
download() {
  local url="$1" out="$2" max_bytes="$3" max_time="$4" proto='=https'
  if [[ "$url" == http://* ]]; then proto='=http,https'; fi
  need_time
  log "downloading $url"
  timeout --kill-after=5 "$(within $((max_time * 2)))" curl --fail --silent --show-error --location \
    --proto "$proto" --proto-redir "$proto" --connect-timeout 10 --max-time "$(within "$max_time")" \
    --retry 4 --retry-delay 2 --retry-max-time "$max_time" --retry-all-errors --retry-connrefused \
    --max-filesize "$max_bytes" --output "$out" "$url" ||
    fail "download of $url failed"
}

check_url "artifact URL" "$artifact_url"
check_url "signature URL" "$signature_url"
log "install start: $artifact_url (root ${root:-/}, budget ${budget} s)"

if [[ -z "$root" ]]; then
  [[ "$(id -u)" == 0 ]] || fail "run as root (or set VIBE_ROOT to install under a prefix)"
  install_packages
fi
check_commands
prepare_home

[[ -s "$key" ]] || fail "no release public key at $key"
mkdir -p "$base/releases"
work="$(mktemp -d "$base/releases/.install.XXXXXX")"
download "$artifact_url" "$work/release.tar.gz" "$MAX_ARTIFACT_BYTES" 180
download "$signature_url" "$work/release.tar.gz.sig" "$MAX_SIGNATURE_BYTES" 30

log "verifying the signature with $key"
openssl dgst -sha256 -verify "$key" -signature "$work/release.tar.gz.sig" "$work/release.tar.gz" ||
  fail "the release signature does not verify with $key: not installing"

mkdir "$work/release"
tar -xzf "$work/release.tar.gz" -C "$work/release" --no-same-owner || fail "the release does not unpack"
version="$(head -c 100 "$work/release/VERSION" 2>/dev/null | tr -d '\n')" || true
[[ "$version" =~ $VERSION_PATTERN ]] || fail "the release's VERSION file is missing or not a version: '$version'"
[[ -x "$work/release/bin/vibe-gateway" ]] || fail "the release has no bin/vibe-gateway"
[[ -f "$work/release/systemd/vibe-gateway.service" ]] || fail "the release has no systemd/vibe-gateway.service"

# Same filesystem, so each move below is a rename. A reinstalled version replaces its folder whole.
release="$base/releases/$version"
if [[ -e "$release" ]]; then
  log "release $version is already there: replacing it"
  mv -T "$release" "$work/previous"
fi
mv -T "$work/release" "$release"
# Relative, so the link also points inside a VIBE_ROOT prefix.
ln -sfn "releases/$version" "$work/current"
mv -T "$work/current" "$base/current"
log "current -> releases/$version"

mkdir -p "$(dirname "$unit")"
install -m 0644 "$release/systemd/vibe-gateway.service" "$work/unit"
mv -T "$work/unit" "$unit"
log "installed $unit"

if [[ -z "$root" ]]; then
  # The gateway updates itself: it must own its releases.
  chown -R vibe:vibe "$base"
  if [[ -d /run/systemd/system ]]; then
    systemctl daemon-reload
    if systemctl is-active --quiet vibe-gateway.service; then
      systemctl restart vibe-gateway.service
    else
      systemctl enable --now vibe-gateway.service
    fi
    log "vibe-gateway.service started"
  else
    log "systemd is not running: the unit is installed but not started"
  fi
else
  log "VIBE_ROOT is set: the unit is installed but not started (the caller starts its ExecStart)"
fi
log "install done: gateway $version"
