#!/usr/bin/env bash
# Sets up everything the project needs on a fresh Debian machine:
#   scripts/setup.sh          Python virtual environment in .venv with the pinned packages, and Debian's
#                             chromium, which prints the yearly reports to PDF at build time
#                             (PLANSITE_PDF=0 scripts/setup.sh: no chromium, for builds that skip the PDF)
#   scripts/setup.sh --test   the same, plus poppler-utils (pdftotext, pdfinfo) and the npm packages the tests use
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

# Debian packages: chromium prints the reports' PDF (every build, unless PLANSITE_PDF=0); the tests
# also read PDFs with poppler-utils.
want_pdf=1
case "${PLANSITE_PDF:-1}" in 0|false|no|off|khong) want_pdf=0 ;; esac
[ "$want_test" = 1 ] && want_pdf=1
debs=()
if [ "$want_pdf" = 1 ] && ! command -v chromium >/dev/null 2>&1 && [ ! -x "${PLANSITE_CHROMIUM:-}" ]; then debs+=(chromium); fi
# DejaVu: the font the charts' downloads name and measure their titles in (also when chromium was there already).
if [ "$want_pdf" = 1 ] && [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf ]; then debs+=(fonts-dejavu-core); fi
if [ "$want_test" = 1 ] && ! command -v pdftotext >/dev/null 2>&1; then debs+=(poppler-utils); fi
if [ "${#debs[@]}" -gt 0 ]; then
  echo "==> Cài gói Debian: ${debs[*]}"
  export DEBIAN_FRONTEND=noninteractive
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq "${debs[@]}" >/dev/null
fi

if [ "$want_test" = 1 ]; then
  if [ -f package-lock.json ] && { [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; }; then
    echo "==> Cài các gói npm đã ghim (package-lock.json)"
    npm ci --no-audit --no-fund --silent
  fi
fi
