#!/usr/bin/env bash
# Runs one of the Python comparison scripts beside this file in its own venv (bench/.venv,
# made on first use with `phonenumbers` from PyPI).
#   python_phone.sh phone_py.py CORPUS.tsv        -> "<numbers per second> <valid count>"
#   python_phone.sh normalize_py.py IN.csv OUT.csv -> "<valid count>" (time the whole process)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="$here/.venv"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv" >&2
  "$venv/bin/pip" install --quiet phonenumbers >&2
fi
script="$1"
shift
exec "$venv/bin/python" "$here/$script" "$@"
