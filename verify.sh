#!/usr/bin/env bash
# README's test command: checks (and installs) what the build needs, then ./mvnw verify with any arguments given.
set -euo pipefail
cd "$(dirname "$0")"
path_line=$(build/prereqs.sh) || exit 1   # stops here, naming what is missing, before any build
eval "$path_line"                          # cfn-lint's venv, when prereqs.sh installed it there
exec ./mvnw -B -ntp verify "$@"
