#!/usr/bin/env bash
# Installs the Debian packages Filament's scripts and tests need on a fresh Debian 12 machine.
# Idempotent: packages already present are skipped by apt. Needs root.
set -euo pipefail

packages=(
  iproute2 iputils-ping busybox kcat iperf3 ethtool procps curl socat netcat-openbsd
  python3-slixmpp tshark tcpdump netsniff-ng prometheus
  openvswitch-switch ovn-central ovn-host frr gobgpd
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: missing packages ${missing[*]}; run as root to install them" >&2
  exit 1
fi
echo "install-deps: installing ${missing[*]}" >&2
# No init system here: keep package scripts from starting daemons on default ports.
policy=/usr/sbin/policy-rc.d
had_policy=0; [ -e "$policy" ] && had_policy=1
if [ $had_policy -eq 0 ]; then printf '#!/bin/sh\nexit 101\n' > "$policy"; chmod +x "$policy"; fi
trap '[ $had_policy -eq 0 ] && rm -f "$policy"' EXIT
export DEBIAN_FRONTEND=noninteractive
echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections
apt-get update -q >/dev/null
apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done" >&2
