#!/usr/bin/env bash
# The shipgate every benchmark times: $SHIPGATE_BIN when set (any published build), else the README's install
# build, published natively compiled (Native AOT, linux-x64) into OUTDIR. Prints the binary's path.
# Set SHIPGATE_BUILD=framework-dependent to time the .NET tool's build instead.
# Usage: bench/publish.sh OUTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
publish_shipgate "$1"
