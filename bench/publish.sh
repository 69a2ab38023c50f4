#!/usr/bin/env bash
# The shipgate every benchmark times: $SHIPGATE_BIN when set (any published build), else the README's install
# build, published natively compiled (Native AOT, linux-x64) into OUTDIR. Prints the binary's path.
# Set SHIPGATE_BUILD=framework-dependent to time the .NET tool's build instead.
# Usage: bench/publish.sh OUTDIR
set -euo pipefail
out=$1
here=$(cd "$(dirname "$0")/.." && pwd)
if [ -n "${SHIPGATE_BIN:-}" ]; then echo "$SHIPGATE_BIN"; exit 0; fi
case "${SHIPGATE_BUILD:-native}" in
  native) dotnet publish "$here/src/Shipgate" -c Release -r linux-x64 -p:PublishAot=true -o "$out" >"$out.log" 2>&1 ;;
  framework-dependent) dotnet publish "$here/src/Shipgate" -c Release -o "$out" >"$out.log" 2>&1 ;;
  *) echo "SHIPGATE_BUILD must be native or framework-dependent" >&2; exit 2 ;;
esac || { cat "$out.log" >&2; exit 1; }
echo "$out/shipgate"
