#!/usr/bin/env bash
# One-command setup (README): the Debian packages the tests use, then the project's npm packages,
# which include a project-local Node 22 (the `node` package) for machines whose Node is older.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=()
command -v chromium >/dev/null 2>&1 || packages+=(chromium)           # e2e tests drive Debian's Chromium
command -v snmpd >/dev/null 2>&1 || packages+=(snmpd)                 # a real SNMP agent to test against
command -v snmpget >/dev/null 2>&1 || packages+=(snmp)                # snmpget / snmptrap
[ -x /usr/sbin/rsyslogd ] || packages+=(rsyslog)                       # a syslog collector for the audit chain head
command -v pdftotext >/dev/null 2>&1 || packages+=(poppler-utils)     # report tests read the PDFs back (pdftotext, pdfinfo, pdftoppm)
[ -x /usr/bin/prometheus ] || packages+=(prometheus)                   # scrapes GET /metrics in test/server/prometheus.test.ts
if ((${#packages[@]})); then
  if command -v apt-get >/dev/null 2>&1; then
    sudo=''
    [ "$(id -u)" = 0 ] || sudo='sudo'
    echo "setup: installing Debian packages: ${packages[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
  else
    echo "setup: no apt-get here; install ${packages[*]} yourself to run the end-to-end and SNMP tests" >&2
  fi
fi

# Electron's binary is not downloaded at install (Electron 45 fetches it on first start, see
# scripts/ensure-electron.mjs), so this works offline apart from the npm registry.
export ELECTRON_SKIP_BINARY_DOWNLOAD=1
npm ci --no-fund --no-audit
echo "setup: done; npm scripts run on $(node --version)"
