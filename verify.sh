#!/usr/bin/env bash
# README's test command: checks (and installs) what the build needs, then ./mvnw verify with any arguments given.
set -euo pipefail
cd "$(dirname "$0")"
eval "$(build/prereqs.sh)"
exec ./mvnw -B -ntp verify "$@"
