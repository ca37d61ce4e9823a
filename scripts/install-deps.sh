#!/bin/sh
# Installs the Debian packages phusong needs to build, test and run its demo.
# Idempotent and quiet when everything is present; needs root (or sudo) otherwise.
set -eu

PACKAGES="build-essential cmake pkg-config make
libgdal-dev gdal-bin libgeos-dev libproj-dev proj-bin proj-data libeigen3-dev
libboost-program-options-dev nlohmann-json3-dev libgtest-dev libgmock-dev libbenchmark-dev
libcairo2-dev fonts-dejavu-core libglpk-dev clang-14 libclang-rt-14-dev splat
python3 python3-numpy python3-gdal python3-matplotlib python3-geopandas
python3-qgis qgis-providers jupyter-nbconvert python3-nbformat python3-ipykernel
libjs-leaflet chromium python3-websocket"

missing=""
for p in $PACKAGES; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    case "$status" in
        "install ok installed") ;;
        *) missing="$missing $p" ;;
    esac
done
[ -z "$missing" ] && exit 0

echo "Installing Debian packages:$missing"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
        echo "error: need root (or sudo) to install:$missing" >&2; exit 1
    fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
