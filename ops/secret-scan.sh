#!/usr/bin/env bash
# Secret scanning with secretlint (.secretlintrc.json: its recommended rules plus a Discord bot
# token pattern). Three checks, all must hold:
#   1. the working tree has no secret (.gitignore'd files and .secretlintignore paths skipped);
#   2. no commit of the current history ever added or removed one;
#   3. the planted fake token in test/fixtures/secret-scan/ IS found — proof the scan can fail.
set -uo pipefail
cd "$(dirname "$0")/.."
secretlint=node_modules/.bin/secretlint
fixture=test/fixtures/secret-scan
status=0

echo "working tree:"
"$secretlint" --format unix "**/*" || status=1

echo "history ($(git rev-list --count HEAD) commits):"
git log -p --no-color --no-ext-diff HEAD -- . ":(exclude)$fixture" |
  "$secretlint" --format unix --stdinFileName=git-history.patch || status=1

echo "planted token:"
if "$secretlint" --format unix --secretlintignore /dev/null "$fixture/*" >/dev/null; then
  echo "the scan did not find the fake token in $fixture: it would miss a real one"
  status=1
else
  echo "found (as it must be)"
fi
exit "$status"
