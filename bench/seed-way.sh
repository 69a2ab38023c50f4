#!/usr/bin/env bash
# Benchmark: the seed's release procedure done literally against `shipgate release --dry-run`, on ONE
# emulator run. A repository whose staging is N merged PRs ahead of main (PR i names ticket BOL-((i-1)%T+1),
# so T tickets), GitHub and Linear played by the emulators on 127.0.0.1 with a latency per request
# (bench/Shipgate.Bench.Emulators; fixtures built from the repository: every PR merged and approved, CI
# green, every ticket done). Then, timed one after the other:
#   (a) the seed's phases 1-2 (/work/shared/seed): its own commands, one `gh pr view` per PR, one Linear
#       GraphQL call with curl per ticket (the seed's linear_get_issue), one `git ls-tree | grep` per PR,
#       one after another;
#   (b) `shipgate release --dry-run` (published, Release).
# Prints both wall times, both request counts (the emulators' request logs) and the ratio, and (c) the dry
# run without GitHub and Linear, to show what of Shipgate's time is start-up and git rather than the network.
# Usage: bench/seed-way.sh [PRS=200] [TICKETS=150] [LATENCY_MS=50]
#
# gh and a plain-http emulator: gh speaks https to every host except its development host
# `github.localhost`, which it calls at http://api.github.localhost/ (REST) and /graphql. With
# GH_HOST=github.localhost and HTTP_PROXY pointing at the emulator, Go's proxy rule (which skips only
# "localhost" itself) sends those requests to 127.0.0.1 in proxy form (absolute URLs), which the
# emulator accepts. So (a) runs the real gh, talking plain http to the loopback emulator.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
prs=${1:-200}
tickets=${2:-150}
latency=${3:-50}
make_work
server_pid=
before_exit() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true; }

if ! command -v gh >/dev/null; then
  echo "Installing gh (Debian package gh) ..." >&2
  if [ "$(id -u)" = 0 ]; then apt-get install -y gh >/dev/null; else sudo apt-get install -y gh >/dev/null; fi
fi
command -v curl >/dev/null || { echo "curl is needed" >&2; exit 1; }

echo "Building shipgate (Release) and the emulator server ..." >&2
shipgate=$(publish_shipgate "$work/bin")
dotnet build "$here/bench/Shipgate.Bench.Emulators" -c Release -o "$work/emulators" >/dev/null

# The repository: N merge commits "Merge pull request #i from acme/dev/bol-k-change-i" on staging, each
# merging one commit "BOL-k: change i", in one git fast-import stream; a compliance archive per tenth PR.
origin_and_clone Bench bench@example.com
initial_policy 'github:\n  repository: acme/bench\ntickets:\n  keys: [BOL]\nareas:\n  a0:\n    title: Area 0\n    paths: ["a0/**"]\n'
{
  base=$(git rev-parse HEAD)
  for i in $(seq 1 "$prs"); do
    k=$(( (i - 1) % tickets + 1 ))
    title="BOL-$k: change $i"
    echo "commit refs/heads/pr"; echo "mark :$((2 * i - 1))"
    echo "committer Dana <dana@example.com> $((1700000000 + 2 * i)) +0000"
    echo "data ${#title}"; echo "$title"
    if [ "$i" = 1 ]; then echo "from $base"; else echo "from :$((2 * i - 2))"; fi
    echo "M 100644 inline a$((i % 10))/file$i.txt"; echo "data 2"; echo "x"
    msg="Merge pull request #$i from acme/dev/bol-$k-change-$i

$title"
    echo "commit refs/heads/staging"; echo "mark :$((2 * i))"
    echo "committer Sam <sam@example.com> $((1700000001 + 2 * i)) +0000"
    echo "data ${#msg}"; echo "$msg"
    if [ "$i" = 1 ]; then echo "from $base"; else echo "from :$((2 * i - 2))"; fi
    echo "merge :$((2 * i - 1))"
    echo "M 100644 inline a$((i % 10))/file$i.txt"; echo "data 2"; echo "x"
  done
  echo "commit refs/heads/compliance-archives"
  echo "committer Bench <bench@example.com> 1700000000 +0000"
  echo "data 8"; echo "archives"
  for i in $(seq 10 10 "$prs"); do echo "M 100644 inline compliance/pr-$i-bench-20261102.json"; echo "data 3"; echo "{}"; done
} | git fast-import --quiet
git push -q origin staging compliance-archives
git clone -q --branch staging "$work/origin.git" "$work/releaser" 2>/dev/null
cd "$work/releaser"

# The emulators, serving until their input closes; "count" reads and resets their request logs.
mkfifo "$work/to-server"
SHIPGATE_SPECS_DIR="$here/specs" "$work/emulators/Shipgate.Bench.Emulators" --repo "$work/releaser" --latency-ms "$latency" < "$work/to-server" > "$work/from-server" 2>"$work/server-err" &
server_pid=$!
exec 3>"$work/to-server"
for _ in $(seq 1 300); do grep -q '^READY' "$work/from-server" 2>/dev/null && break; sleep 0.1; done
grep -q '^READY' "$work/from-server" || { cat "$work/server-err" >&2; exit 1; }
value() { sed -n "s/^$1=//p" "$work/from-server" | head -1; }
github_url=$(value GITHUB_API_URL); linear_url=$(value LINEAR_API_URL)
gh_token=$(value GH_TOKEN); linear_key=$(value LINEAR_API_KEY)
counts() {
  local before; before=$(grep -c '^github=' "$work/from-server" || true)
  echo count >&3
  for _ in $(seq 1 100); do [ "$(grep -c '^github=' "$work/from-server" || true)" -gt "$before" ] && break; sleep 0.05; done
  grep '^github=' "$work/from-server" | tail -1
}
counts >/dev/null # the start's own requests (none) are not counted

# (a) The seed's procedure, phases 1-2, its commands as written (seed text: 1.1-1.4, 2.1-2.5), in a subshell
# so that gh's variables (GH_HOST, HTTP_PROXY) do not reach shipgate.
seed_way() (
  export GH_HOST=github.localhost GH_REPO=github.localhost/acme/bench GH_TOKEN="$gh_token"
  export GH_CONFIG_DIR="$work/gh" GH_NO_UPDATE_NOTIFIER=1 GH_PROMPT_DISABLED=1
  # Only gh goes through the emulator as its proxy (curl would follow HTTP_PROXY too).
  gh() { HTTP_PROXY="$github_url" http_proxy="$github_url" NO_PROXY= no_proxy= command gh "$@"; }
  CURRENT_BRANCH=$(git branch --show-current)
  [[ "$CURRENT_BRANCH" == "staging" || "$CURRENT_BRANCH" == "main" ]] || { echo "Must be on staging or main branch to release"; return 1; }
  git fetch -q origin staging main
  COMMITS_AHEAD=$(git rev-list --count origin/main..origin/staging)
  [[ "$COMMITS_AHEAD" -eq 0 ]] && { echo "Nothing to release"; return 0; }
  STAGING_SHA=$(git rev-parse origin/staging)
  gh api "repos/{owner}/{repo}/commits/$STAGING_SHA/status" --jq '.state'
  gh api "repos/{owner}/{repo}/commits/$STAGING_SHA/check-runs" --jq '.check_runs[] | "\(.name): \(.conclusion)"'
  gh pr list --base staging --state open --json number,title,author
  git log origin/main..origin/staging --oneline --no-merges
  for number in $(git log origin/main..origin/staging --merges --format="%s" | grep -oE "#[0-9]+" | sort -u | tr -d '#'); do
    gh pr view "$number" --json number,title,author,mergedAt,url,body
  done
  # linear_get_issue(id) for each ticket: Linear's GraphQL issue(id:) query, as the Linear MCP server sends it.
  for id in $(git log origin/main..origin/staging --format="%s%n%b" | grep -oE "BOL-[0-9]+" | sort -u); do
    curl -sS "$linear_url" -H "Authorization: $linear_key" -H "Content-Type: application/json" \
      --data "{\"query\":\"query Issue(\$id: String!) { issue(id: \$id) { identifier title url state { name } } }\",\"variables\":{\"id\":\"$id\"}}"
    echo
  done
  for number in $(git log origin/main..origin/staging --merges --format="%s" | grep -oE "#[0-9]+" | sort -u | tr -d '#'); do
    git ls-tree -r --name-only origin/compliance-archives compliance/ | grep "pr-$number-" || true
  done
  git diff origin/main..origin/staging --stat
  git diff origin/main..origin/staging --shortstat
)

# (b) Shipgate's dry run against the same emulators.
shipgate_way() {
  env GITHUB_API_URL="$github_url" GH_TOKEN="$gh_token" LINEAR_API_URL="$linear_url" LINEAR_API_KEY="$linear_key" \
    XDG_STATE_HOME="$work/state" COLUMNS=200 "$shipgate" release --dry-run
}

# (c) The same dry run with neither GitHub nor Linear: what of (b) is start-up and git, not the network.
git_alone() {
  env -u GH_TOKEN -u GITHUB_TOKEN -u LINEAR_API_KEY XDG_STATE_HOME="$work/state" COLUMNS=200 \
    "$shipgate" release --dry-run --allow-unverified-ci "benchmark: git alone"
}

now() { date +%s.%N; }
: > /dev/null; start=$(now); seed_way > "$work/seed.out" 2> "$work/seed.err" || { cat "$work/seed.err" >&2; exit 1; }; end=$(now)
seed_time=$(awk "BEGIN { print $end - $start }"); seed_counts=$(counts)
start=$(now); code=0; shipgate_way > "$work/shipgate.out" 2> "$work/shipgate.err" || code=$?; end=$(now)
shipgate_time=$(awk "BEGIN { print $end - $start }"); shipgate_counts=$(counts)
start=$(now); git_alone > "$work/git-alone.out" 2>&1 || true; end=$(now)
git_alone_time=$(awk "BEGIN { print $end - $start }")
[ "$code" = 0 ] || { echo "shipgate exited $code:" >&2; tail -n 20 "$work/shipgate.out" >&2; tail -n 20 "$work/shipgate.err" >&2; exit 1; }
[ -s "$work/server-err" ] && cat "$work/server-err" >&2

# Both ways must have read everything: every PR and every ticket.
[ "$(grep -c '"mergedAt"' "$work/seed.out")" = "$prs" ] && [ "$(grep -c '"identifier"' "$work/seed.out")" = "$tickets" ] \
  || { echo "the seed's way did not read every PR and ticket:" >&2; tail -n 5 "$work/seed.out" "$work/seed.err" >&2; exit 1; }
grep -q "^Tickets: $tickets Linear tickets" "$work/shipgate.out" || { echo "shipgate did not read every ticket" >&2; exit 1; }
grep -E "^(Commits|PRs|Tickets|Files):" "$work/shipgate.out"
total() { echo "$1" | awk -F'[= ]' '{ print $2 + $4 }'; }
printf 'release: %s merged PRs, %s tickets, %s ms per request\n' "$prs" "$tickets" "$latency"
printf "seed's way (gh + curl, one after another): %6.2f s, %4s requests (%s)\n" "$seed_time" "$(total "$seed_counts")" "$seed_counts"
printf 'shipgate release --dry-run:                %6.2f s, %4s requests (%s)\n' "$shipgate_time" "$(total "$shipgate_counts")" "$shipgate_counts"
printf '  of which start-up and git alone (no GitHub, no Linear): %.2f s\n' "$git_alone_time"
printf 'ratio: %.1fx faster\n' "$(awk "BEGIN { print $seed_time / $shipgate_time }")"
