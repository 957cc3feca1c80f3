#!/usr/bin/env bash
# Sets up everything the project needs on a fresh Debian machine:
#   scripts/setup.sh          Python virtual environment in .venv with the pinned packages
#   scripts/setup.sh --test   the same, plus Debian's chromium and the npm packages the tests use
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3}
want_test=0
[ "${1:-}" = "--test" ] && want_test=1

stamp=.venv/.installed-$(cat requirements/requirements.lock pyproject.toml | sha256sum | cut -c1-16)
if [ ! -f "$stamp" ]; then
  echo "==> Tạo môi trường Python tại .venv"
  [ -x .venv/bin/python ] || "$PY" -m venv .venv
  echo "==> Cài các gói đã ghim (requirements/requirements.lock, kiểm tra mã băm)"
  .venv/bin/python -m pip install --quiet --require-hashes --no-deps -r requirements/requirements.lock 2>&1 \
    | { grep -v "is ignored: it is neither a file nor a directory" || true; }
  test "${PIPESTATUS[0]}" -eq 0
  # The project's own package, editable (src/ is used as it is), so that MkDocs finds its plugin
  # through the entry point in pyproject.toml; built with the pinned setuptools, nothing downloaded.
  .venv/bin/python -m pip install --quiet --no-deps --no-build-isolation --no-index -e . 2>&1 \
    | { grep -v "is ignored: it is neither a file nor a directory" || true; }
  test "${PIPESTATUS[0]}" -eq 0
  rm -f .venv/.installed-*
  touch "$stamp"
fi

if [ "$want_test" = 1 ]; then
  if ! command -v chromium >/dev/null 2>&1; then
    echo "==> Cài trình duyệt chromium của Debian"
    export DEBIAN_FRONTEND=noninteractive
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
  fi
  if [ -f package-lock.json ] && { [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; }; then
    echo "==> Cài các gói npm đã ghim (package-lock.json)"
    npm ci --no-audit --no-fund --silent
  fi
fi
