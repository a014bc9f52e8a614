#!/usr/bin/env bash
# Runs bench/phone_py.py on a corpus file in its own venv (bench/.venv, made on first use).
# Prints "<numbers per second> <valid count>".
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="$here/.venv"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv" >&2
  "$venv/bin/pip" install --quiet phonenumbers >&2
fi
exec "$venv/bin/python" "$here/phone_py.py" "$1"
