#!/bin/sh
# The system programs the test suite drives for real, installed from Debian's packages:
# Chromium (the live classroom page is checked in a real browser) and the PostgreSQL 15
# server binaries (the live store's contract runs against a throwaway cluster the suite
# starts itself). Tests never install anything; the README's test command runs this first.
set -eu
run() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
need=""
command -v chromium >/dev/null 2>&1 || need="$need chromium"
[ -x /usr/lib/postgresql/15/bin/initdb ] || need="$need postgresql-15"
if [ -n "$need" ]; then
    run apt-get update
    # shellcheck disable=SC2086
    run env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $need
fi
