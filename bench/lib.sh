# The set-up every script in bench/ shares; each sources it first: source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# Strict mode, $here (the repository root), and the functions below. Not a benchmark of its own.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# $work: a temporary folder, removed on exit. A script that starts something (a server) defines before_exit to stop it.
make_work() {
  work=$(mktemp -d)
  trap 'before_exit; rm -rf "$work"' EXIT
}
before_exit() { :; }

# The shipgate a benchmark times: $SHIPGATE_BIN when set (any published build), else the README's install build,
# published natively compiled (Native AOT, linux-x64) into OUTDIR; SHIPGATE_BUILD=framework-dependent publishes the
# .NET tool's build instead. Prints the binary's path. Usage: publish_shipgate OUTDIR
publish_shipgate() {
  local out=$1
  if [ -n "${SHIPGATE_BIN:-}" ]; then echo "$SHIPGATE_BIN"; return 0; fi
  case "${SHIPGATE_BUILD:-native}" in
    native) dotnet publish "$here/src/Shipgate" -c Release -r linux-x64 -p:PublishAot=true -o "$out" >"$out.log" 2>&1 ;;
    framework-dependent) dotnet publish "$here/src/Shipgate" -c Release -o "$out" >"$out.log" 2>&1 ;;
    *) echo "SHIPGATE_BUILD must be native or framework-dependent" >&2; exit 2 ;;
  esac || { cat "$out.log" >&2; exit 1; }
  echo "$out/shipgate"
}

# A bare origin, $work/origin.git (production branch main), and a clone of it, $work/dev, where NAME <EMAIL> commits.
# Leaves the shell in the clone. Usage: origin_and_clone NAME EMAIL
origin_and_clone() {
  git init -q --bare --initial-branch=main "$work/origin.git"
  git clone -q "$work/origin.git" "$work/dev" 2>/dev/null
  cd "$work/dev"
  git config user.name "$1" && git config user.email "$2"
}

# Commits .shipgate.yml, written by printf from FORMAT, as the initial commit and pushes it as main and staging.
# Usage: initial_policy FORMAT
initial_policy() {
  # shellcheck disable=SC2059 # the policy's text is the format, as the scripts wrote it
  printf "$1" > .shipgate.yml
  git add .shipgate.yml && git commit -qm "Initial commit" && git push -q origin HEAD:main HEAD:staging
}
