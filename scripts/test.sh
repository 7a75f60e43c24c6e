#!/usr/bin/env bash
# Set up and run the whole test suite on a Debian machine: the system packages the tests need
# (Chromium, and npm for TimelineJS, axe-core and the SARIF schema; zsh and fish, which the
# completion tests drive), the npm packages the browser tests load into pages, a virtual
# environment, imfhist with its test extras (Playwright among them, which drives Debian's
# Chromium: no browser of its own is downloaded), then pytest, then the shipped timeline through
# `imfhist validate --strict` (warnings fail too: every claim of every event carried by its
# quotes). Arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
# The completion tests run real zsh and fish (and bash); under CI a missing shell fails them.
command -v zsh >/dev/null 2>&1 || missing+=(zsh)
command -v fish >/dev/null 2>&1 || missing+=(fish)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# Keep in step with NPM_PACKAGES in tests/conftest.py.
npm install --silent --no-save --no-audit --no-fund --prefix tests/.npm \
  axe-core@4.11.1 @knight-lab/timelinejs@3.9.11

python3 -m venv .venv
.venv/bin/pip install --quiet '.[test]'
.venv/bin/python -m pytest -q "$@"
# The shipped timeline, checked as its users check it (the default file: data/timeline.yaml).
PATH="$PWD/.venv/bin:$PATH" imfhist validate --strict
