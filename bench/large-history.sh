#!/usr/bin/env bash
# Benchmark: a dry run over a long history, to show that finding what ships is linear in the
# history. Builds a repository whose staging is N merge PRs ahead of main ("Merge pull request #i",
# each bringing 3 commits on its own branch: 4N commits, 20,000 for the default N=5000), then
# times `git log --numstat` over the same range and `shipgate release --dry-run` (git only), RUNS times each in turn
# (default 7), and prints both medians, their ratio and the dry run's peak memory.
# Usage: bench/large-history.sh [N=5000] [SHIPGATE_BIN]   (SHIPGATE_BIN: a published shipgate, else one is published)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
n=${1:-5000}
make_work

bin=${2:-}
if [ -z "$bin" ]; then
  bin=$(publish_shipgate "$work/bin")
fi
origin_and_clone Bench bench@example.com
initial_policy 'tickets:\n  keys: [BOL]\nareas:\n  a0:\n    title: Area 0\n    paths: ["a0/**"]\n'

# One fast-import stream: per PR, 3 commits on its branch from staging's tip, then the merge on staging.
awk -v n="$n" -v base="$(git rev-parse HEAD)" 'BEGIN {
  t = 1700000000; mark = 0; tip = base
  for (i = 1; i <= n; i++) {
    from = tip
    for (j = 1; j <= 3; j++) {
      msg = "BOL-" i ": step " j " of change " i
      printf "commit refs/heads/pr\nmark :%d\ncommitter Dev <dev@example.com> %d +0000\ndata %d\n%s\n", ++mark, ++t, length(msg), msg
      printf "from %s\nM 100644 inline a%d/f%d/file%d.txt\ndata 2\nx\n\n", from, i % 10, i % 97, i * 3 + j
      from = ":" mark
    }
    msg = "Merge pull request #" i " from acme/bol-" i "-change\n\nBOL-" i ": change " i
    printf "commit refs/heads/staging\nmark :%d\ncommitter Dev <dev@example.com> %d +0000\ndata %d\n%s\n", ++mark, ++t, length(msg), msg
    printf "from %s\nmerge %s\n", tip, from
    for (j = 1; j <= 3; j++) printf "M 100644 inline a%d/f%d/file%d.txt\ndata 2\nx\n", i % 10, i % 97, i * 3 + j
    printf "\n"
    tip = ":" mark
  }
}' | git fast-import --quiet
git push -q origin staging

git clone -q --branch staging "$work/origin.git" "$work/releaser" 2>/dev/null
cd "$work/releaser"
commits=$(git rev-list --count origin/main..origin/staging)
# Each side RUNS times, one after the other in turn (so both see the same machine), and the medians compared.
runs=${RUNS:-7}
: > "$work/git.times"; : > "$work/dry.times"
for _ in $(seq "$runs"); do
  /usr/bin/time -f "%e" -a -o "$work/git.times" git log --numstat origin/main..origin/staging > /dev/null
  /usr/bin/time -f "%e %M" -a -o "$work/dry.times" "$bin" release --dry-run --allow-unverified-ci "benchmark" > "$work/out.txt" 2> "$work/err.txt" || true
done
median() { sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
git_s=$(median < "$work/git.times")
wall=$(awk '{print $1}' "$work/dry.times" | median)
rss=$(awk '{print $2}' "$work/dry.times" | sort -n | tail -1)
grep -E "^(Commits|PRs|Tickets|Files):" "$work/out.txt" || { cat "$work/err.txt"; exit 1; }
printf 'history: %d commits ahead, %d merge PRs; summary: %d lines; median of %d runs each\n' "$commits" "$n" "$(wc -l < "$work/out.txt")" "$runs"
printf 'git log --numstat:        %.2f s\n' "$git_s"
printf 'shipgate release --dry-run: %.2f s, peak RSS %d MB\n' "$wall" "$((rss / 1024))"
printf 'ratio dry run / git log:  %.2fx\n' "$(echo "$wall / $git_s" | bc -l)"
