#!/usr/bin/env bash
# Benchmark: a dry run over a large release, to show that gather stays fast and small as a
# release grows. Builds a repository whose staging is N squash-merged PRs (2 commits' worth of
# files each, 10 areas) ahead of main, then times `shipgate release --dry-run` and reports its
# wall time and peak memory. Usage: bench/large-release.sh [N=1000]
set -euo pipefail
n=${1:-1000}
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

shipgate=$("$here/bench/publish.sh" "$work/bin")
git init -q --bare --initial-branch=main "$work/origin.git"
git clone -q "$work/origin.git" "$work/dev" 2>/dev/null
cd "$work/dev"
git config user.name Bench && git config user.email bench@example.com
printf 'tickets:\n  keys: [BOL]\nareas:\n  a0:\n    title: Area 0\n    paths: ["a0/**"]\n' > .shipgate.yml
git add .shipgate.yml && git commit -qm "Initial commit" && git push -q origin HEAD:main HEAD:staging

# One fast-import stream: N squash commits "BOL-i: change i (#i)" on staging.
{
  parent=$(git rev-parse HEAD)
  for i in $(seq 1 "$n"); do
    echo "commit refs/heads/staging"
    echo "committer Dev <dev@example.com> $((1700000000 + i)) +0000"
    msg="BOL-$i: change $i (#$i)"
    echo "data ${#msg}"; echo "$msg"
    [ "$i" = 1 ] && echo "from $parent"
    echo "M 100644 inline a$((i % 10))/file$i.txt"; echo "data 2"; echo "x"
  done
} | git fast-import --quiet
git push -q origin staging

git clone -q --branch staging "$work/origin.git" "$work/releaser" 2>/dev/null
cd "$work/releaser"
/usr/bin/time -f "wall %e s, peak RSS %M KB" "$shipgate" release --dry-run --allow-unverified-ci "benchmark" > "$work/out.txt" 2> "$work/time.txt" || true
grep -E "^(Commits|PRs|Tickets|Files):" "$work/out.txt"
echo "shipgate release --dry-run over $n PRs: $(tail -1 "$work/time.txt")"
