#!/usr/bin/env bash
# Creates (idempotently) the Python virtualenv that runs the AWS emulator for tests: <repo>/.venv/moto with
# moto[server] pinned to one exact version. Pinned because moto's behaviour (and its gaps, see moto-notes.md)
# changes between releases; the testkit's proxy and fixtures are written against this one.
set -euo pipefail

MOTO_VERSION="5.2.5"
script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "${script_dir}/../../.." && pwd)"
venv_dir="${GM_MOTO_VENV:-${repo_root}/.venv/moto}"
venv_python="${venv_dir}/bin/python"

installed_version() {
  "${venv_python}" -c 'import importlib.metadata as m; print(m.version("moto"))' 2>/dev/null || true
}

if [[ -x "${venv_dir}/bin/moto_server" && "$(installed_version)" == "${MOTO_VERSION}" ]]; then
  echo "moto ${MOTO_VERSION} already installed in ${venv_dir}"
  exit 0
fi

if ! command -v python3 >/dev/null 2>&1; then
  echo "python3 not found on PATH: install Python 3.9+ (with the venv module) and run again" >&2
  exit 1
fi

echo "Creating ${venv_dir} with moto[server]==${MOTO_VERSION} (about a minute)…"
mkdir -p "$(dirname "${venv_dir}")"
python3 -m venv "${venv_dir}"
"${venv_python}" -m pip install --quiet --disable-pip-version-check --upgrade pip
"${venv_python}" -m pip install --quiet --disable-pip-version-check "moto[server]==${MOTO_VERSION}"

if [[ "$(installed_version)" != "${MOTO_VERSION}" ]]; then
  echo "moto ${MOTO_VERSION} did not install into ${venv_dir}" >&2
  exit 1
fi
echo "moto ${MOTO_VERSION} ready: ${venv_dir}/bin/moto_server"
