#!/usr/bin/env bash
# Validates the Prometheus rules, runs their unit tests and checks the example config.
# Usage (from the repo root): bash ops/prometheus/check.sh
# Set PROMTOOL=/path/to/promtool to use a promtool that is not on PATH.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
dir=ops/prometheus
promtool="${PROMTOOL:-promtool}"

if ! command -v "$promtool" >/dev/null 2>&1; then
  cat >&2 <<'MSG'
promtool not found. Install it with the Debian/Ubuntu package (provides /usr/bin/promtool):
  sudo apt-get update && sudo apt-get install -y --no-install-recommends prometheus
The package also installs the Prometheus server; on a systemd host it starts it, so stop it:
  sudo systemctl disable --now prometheus
Or download a release from https://prometheus.io/download/ and set PROMTOOL=/path/to/promtool.
MSG
  exit 1
fi

step() { printf '\n==> %s\n' "$*"; }
echo "Using $("$promtool" --version 2>&1 | head -n 1)"

step "1/4 promtool check rules $dir/alerts.yml"
"$promtool" check rules "$dir/alerts.yml"

step "2/4 promtool test rules $dir/alerts.test.yml"
"$promtool" test rules "$dir/alerts.test.yml"

step "3/4 promtool check config --syntax-only $dir/prometheus.example.yml"
# --syntax-only appeared in Prometheus 2.33; step 4 covers the same ground without it.
config_help="$("$promtool" check config --help 2>&1 || true)"
if [[ $config_help == *--syntax-only* ]]; then
  "$promtool" check config --syntax-only "$dir/prometheus.example.yml"
else
  echo "skipped: this promtool has no --syntax-only (needs >= 2.33); step 4 still checks the file"
fi

# A full check also stats authorization.credentials_file, which only exists on the
# Prometheus host. Check a throwaway copy whose credentials_file points at an empty
# placeholder in a temp dir; no secret is read or written.
step "4/4 promtool check config $dir/prometheus.example.yml (credentials_file -> empty temp placeholder)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
: >"$tmp/chopsticks_admin_secret"
cp "$dir/alerts.yml" "$tmp/alerts.yml"
sed "s#credentials_file: /etc/prometheus/chopsticks_admin_secret#credentials_file: $tmp/chopsticks_admin_secret#" \
  "$dir/prometheus.example.yml" >"$tmp/prometheus.yml"
if ! grep -q "credentials_file: $tmp/chopsticks_admin_secret" "$tmp/prometheus.yml"; then
  echo "FAILED: credentials_file /etc/prometheus/chopsticks_admin_secret not found in $dir/prometheus.example.yml" >&2
  exit 1
fi
"$promtool" check config "$tmp/prometheus.yml"

printf '\nAll Prometheus checks passed.\n'
