#!/usr/bin/env bash
# Benchmark: how fast shipgate starts in each build the README offers or considered.
# Publishes src/Shipgate five ways, runs each `--version` (answered before the command line is built)
# and `--help` (the whole command line: parser, consoles, help) RUNS times after 3 warm-up runs, and
# prints the median wall time and the median CPU time (user + sys) of one run: CPU time moves less
# than wall time on a busy machine. Needs the .NET SDK, a C compiler (gcc or clang) for the native build, python3.
# Usage: bench/startup.sh [RUNS=21]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
runs=${1:-21}
make_work
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

publish() { # name, then publish arguments
  local name=$1; shift
  dotnet publish "$here/src/Shipgate" -c Release -o "$work/$name" -p:DebugType=none "$@" >"$work/$name.log" 2>&1 \
    || { cat "$work/$name.log"; exit 1; }
}
publish framework-dependent
publish framework-dependent-r2r -r linux-x64 --self-contained false -p:PublishReadyToRun=true
publish single-file -r linux-x64 --self-contained -p:PublishSingleFile=true
publish single-file-r2r -r linux-x64 --self-contained -p:PublishSingleFile=true -p:PublishReadyToRun=true
publish native-aot -r linux-x64 -p:PublishAot=true

# Each run's wall and CPU seconds, from the kernel's accounting of the finished child; the medians.
python3 - "$work" "$runs" <<'EOF'
import os, statistics, subprocess, sys, time
work, runs = sys.argv[1], int(sys.argv[2])

def medians(binary, argument):
    """Median wall and CPU milliseconds of `binary argument`, after 3 warm-up runs."""
    walls, cpus = [], []
    for i in range(runs + 3):
        start = time.perf_counter()
        child = subprocess.Popen([binary, argument], stdout=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            sys.exit(f"{binary} {argument} exited {child.returncode}")
        if i >= 3:
            walls.append(wall)
            cpus.append(usage.ru_utime + usage.ru_stime)
    return statistics.median(walls) * 1000, statistics.median(cpus) * 1000

print(f"median of {runs} runs (after 3 warm-up runs), {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
print(f"{'build':26} {'--version wall/cpu ms':>22} {'--help wall/cpu ms':>20} {'size MB':>8}")
for name in ["framework-dependent", "framework-dependent-r2r", "single-file", "single-file-r2r", "native-aot"]:
    binary = os.path.join(work, name, "shipgate")
    version, help = medians(binary, "--version"), medians(binary, "--help")
    size = sum(os.path.getsize(os.path.join(root, f)) for root, _, files in os.walk(os.path.join(work, name))
               for f in files if not f.endswith((".dbg", ".pdb")))  # debug symbols are not installed
    print(f"{name:26} {version[0]:12.1f} {version[1]:9.1f} {help[0]:10.1f} {help[1]:9.1f} {size / 1e6:8.1f}")
EOF
