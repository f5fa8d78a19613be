#!/bin/sh
# Debian packages the tests use: PostgreSQL (a throwaway server per test session) and
# Chromium with a CJK font (headless browser tests of the dashboard). Installs only what is missing.
set -e
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
missing=""
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$missing postgresql"
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
# Chinese text in the dashboard's screenshots needs a CJK font.
[ -d /usr/share/fonts/opentype/noto ] && ls /usr/share/fonts/opentype/noto | grep -qi cjk || missing="$missing fonts-noto-cjk"
if [ -n "$missing" ]; then
    echo "installing Debian packages:$missing"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
fi
