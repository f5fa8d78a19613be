#!/bin/sh
# Debian packages the tests use: PostgreSQL (a throwaway server per test session) and
# Chromium (headless browser tests of the dashboard). Installs only what is missing.
set -e
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
missing=""
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$missing postgresql"
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
if [ -n "$missing" ]; then
    echo "installing Debian packages:$missing"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
fi
