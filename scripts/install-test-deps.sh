#!/usr/bin/env bash
# Installs, through apt-get, what the tests need when it is missing:
# chromium (end-to-end tests), a PostgreSQL server (MIXITE_TEST_DB=postgres) and pdftotext
# (poppler-utils: the action sheet's PDF is read back as text), and ffmpeg (a portrait's duration
# is read with ffprobe and its poster taken with ffmpeg when they are installed; tests cover both).
set -euo pipefail

export DEBIAN_FRONTEND=noninteractive

packages=()
if [ ! -x /usr/bin/chromium ]; then
	packages+=(chromium)
fi
if ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
	packages+=(postgresql)
fi

if ! command -v pdftotext >/dev/null 2>&1; then
	packages+=(poppler-utils)
fi

if ! command -v ffprobe >/dev/null 2>&1; then
	packages+=(ffmpeg)
fi

if [ "${#packages[@]}" -eq 0 ]; then
	echo "install-test-deps: nothing to install"
	exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
	echo "install-test-deps: apt-get not found; please install: ${packages[*]}" >&2
	exit 1
fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
	if command -v sudo >/dev/null 2>&1; then
		sudo_cmd=(sudo env DEBIAN_FRONTEND=noninteractive)
	else
		echo "install-test-deps: not root and sudo not available; please install: ${packages[*]}" >&2
		exit 1
	fi
fi

echo "install-test-deps: installing ${packages[*]}"
${sudo_cmd[@]+"${sudo_cmd[@]}"} apt-get update
${sudo_cmd[@]+"${sudo_cmd[@]}"} apt-get install -y --no-install-recommends "${packages[@]}"
