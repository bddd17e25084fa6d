#!/bin/sh
# Keeps a fresh Bridgepoint session token in a file for Prometheus (README, "Prometheus").
#
#   prometheus-token.sh URL USER PASSWORD_FILE TOKEN_FILE
#   e.g. prometheus-token.sh https://console.lan:8740 prometheus /etc/prometheus/bridgepoint.password /etc/prometheus/bridgepoint.token
#
# Logs in as USER (a supervisor account made for Prometheus, its one-time password already
# changed), writes the new token to TOKEN_FILE (mode 600, replaced atomically: Prometheus reads
# `credentials_file` on every scrape), then logs the previous token out. A session ends 12 h after
# its login whatever its use, so run this from cron or a systemd timer well inside that, e.g. every
# 6 hours. Each login is in the console's audit log. Extra curl options (a CA file for https)
# go in CURL_OPTS, e.g. CURL_OPTS='--cacert /etc/prometheus/bridgepoint-ca.pem'.
set -eu
[ $# -eq 4 ] || { echo "usage: $0 URL USER PASSWORD_FILE TOKEN_FILE" >&2; exit 2; }
url=${1%/}
user=$2
password_file=$3
token_file=$4

# JSON string escaping for the password (backslash and double quote; control characters are not allowed in it).
password=$(sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' "$password_file" | head -n 1)
answer=$(printf '{"user":"%s","password":"%s","client":"script"}' "$user" "$password" |
  curl -sS --fail-with-body ${CURL_OPTS:-} -H 'content-type: application/json' --data-binary @- "$url/api/v1/rpc/login") || {
  echo "$0: login as $user failed: $answer" >&2
  exit 1
}
token=$(printf '%s' "$answer" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
[ -n "$token" ] || { echo "$0: no token in the answer" >&2; exit 1; }

old=''
[ -f "$token_file" ] && old=$(cat "$token_file")
tmp="$token_file.tmp.$$"
(umask 077 && printf '%s' "$token" >"$tmp")
mv -f "$tmp" "$token_file"

# The old session would end by itself 30 minutes after Prometheus last used it; end it now.
if [ -n "$old" ] && [ "$old" != "$token" ]; then
  curl -sS -o /dev/null ${CURL_OPTS:-} -X POST -H "authorization: Bearer $old" -H 'content-type: application/json' --data '{}' "$url/api/v1/rpc/logout" || true
fi
