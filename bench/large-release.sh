#!/usr/bin/env bash
# Benchmark: a dry run over a large release, to show that gather stays fast and small as a
# release grows. Builds a repository whose staging is N squash-merged PRs (2 commits' worth of
# files each, 10 areas) ahead of main, then times `shipgate release --dry-run` and reports its
# wall time and peak memory. Usage: bench/large-release.sh [N=1000]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
n=${1:-1000}
make_work

shipgate=$(publish_shipgate "$work/bin")
origin_and_clone Bench bench@example.com
initial_policy 'tickets:\n  keys: [BOL]\nareas:\n  a0:\n    title: Area 0\n    paths: ["a0/**"]\n'

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
