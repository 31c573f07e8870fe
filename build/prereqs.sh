#!/usr/bin/env bash
# What ./mvnw verify needs besides Maven itself, checked before the build starts: installs what is missing
# with apt-get (as root or through sudo) and cfn-lint with pip into a venv, or stops at once with one line
# naming the package to install. Never half-way through the build.
#   build/prereqs.sh            check, install what is missing
#   build/prereqs.sh --check    check only: exit 1 with the list of missing packages
# Prints `export PATH=...` lines for tools it installed outside PATH (cfn-lint's venv) on stdout when sourced
# through ./verify.sh; messages go to stderr.
set -euo pipefail

check_only=""
[ "${1:-}" = "--check" ] && check_only=1
say() { printf '[prereqs] %s\n' "$*" >&2; }

has_lib() { /sbin/ldconfig -p 2>/dev/null | grep -q "$1" || ls /usr/lib/*/"$1"* /lib/*/"$1"* >/dev/null 2>&1; }
java_major() { java -XshowSettings:properties -version 2>&1 | sed -n 's/.*java.specification.version = //p' | cut -d. -f1; }

missing=()   # Debian package names
# the build and the services: a JDK 17 or newer, with javac
if ! command -v javac >/dev/null || [ "$(java_major)" -lt 17 ] 2>/dev/null; then missing+=(openjdk-17-jdk-headless); fi
# cognito-local (the local stack's Cognito) runs on Node 18+, installed with npm
if ! command -v node >/dev/null || [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 18 ]; then missing+=(nodejs); fi
command -v npm >/dev/null || missing+=(npm)
# run-local.sh polls readiness with curl and stops the emulators' children with pkill
command -v curl >/dev/null || missing+=(curl)
command -v pkill >/dev/null || missing+=(procps)
# thumbnail-service decodes through native libraries (JNA): JPEG at n/8 scale, HEIC, WebP
has_lib 'libturbojpeg\.so\.0' || missing+=(libturbojpeg0)
has_lib 'libheif\.so\.1' || missing+=(libheif1)
has_lib 'libwebp\.so\.7' || missing+=(libwebp7)
# the renderer's tests make HEIC/AVIF files with heif-enc
command -v heif-enc >/dev/null || missing+=(libheif-examples)
# system-test's web test drives Debian's Chromium through its ChromeDriver
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
# deploy/aws's CfnLintTest runs cfn-lint (Python) on the synthesized template
cfn_lint_venv="${XDG_CACHE_HOME:-$HOME/.cache}/cloudalbum/cfn-lint"
[ -x "$cfn_lint_venv/bin/cfn-lint" ] && export PATH="$cfn_lint_venv/bin:$PATH"
if ! command -v cfn-lint >/dev/null; then
  python3 -c 'import venv, ensurepip' 2>/dev/null || missing+=(python3 python3-venv)
fi

if [ ${#missing[@]} -gt 0 ]; then
  if [ -n "$check_only" ]; then
    say "missing: install the Debian packages ${missing[*]} (apt-get install ${missing[*]})"; exit 1
  fi
  if [ "$(id -u)" = 0 ]; then as_root=(); elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then as_root=(sudo); else
    say "missing and not root (no passwordless sudo): apt-get install ${missing[*]}"; exit 1
  fi
  command -v apt-get >/dev/null || { say "missing (no apt-get here): install the equivalents of the Debian packages ${missing[*]}"; exit 1; }
  say "installing: ${missing[*]}"
  "${as_root[@]}" apt-get update -q >&2 || { say "apt-get update failed: install ${missing[*]}"; exit 1; }
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -q "${missing[@]}" >&2 \
    || { say "apt-get could not install: ${missing[*]}"; exit 1; }
fi
if ! command -v cfn-lint >/dev/null; then
  [ -n "$check_only" ] && { say "missing: cfn-lint (pip install cfn-lint==1.51.0)"; exit 1; }
  say "installing cfn-lint 1.51.0 into $cfn_lint_venv (pip, from PyPI)"
  { python3 -m venv "$cfn_lint_venv" && "$cfn_lint_venv/bin/pip" install -q 'cfn-lint==1.51.0' >&2; } \
    || { say "could not install cfn-lint: pip install cfn-lint==1.51.0"; exit 1; }
  export PATH="$cfn_lint_venv/bin:$PATH"
fi
say "$(java -version 2>&1 | head -1); node $(node --version), npm $(npm --version); $(/usr/bin/chromedriver --version | cut -d' ' -f1-2); $(cfn-lint --version)"
echo "export PATH=\"$PATH\""
