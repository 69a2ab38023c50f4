#!/usr/bin/env bash
# Benchmark: `shipgate audit verify` over a long trail, to show that verify stays fast, small and uses a
# constant number of git processes. Builds a repository whose production branch has 20 commits per release
# (20,000 for the default N=1000) and an archive branch of N release records, chained by SHA-256, each
# added by its own commit signed with an ssh key listed in audit.allowed_signers, each with its release tag.
# Then times `shipgate audit verify` and prints its wall time, peak memory and how many git processes it
# started (counted by a `git` on PATH that logs each call before running the real one).
# Usage: bench/verify.sh [N=1000] [SHIPGATE_BIN]   (SHIPGATE_BIN: a published shipgate, else one is published)
#        UNSIGNED=1 bench/verify.sh ...   the same trail without signatures (no audit.allowed_signers)
# Needs git, ssh-keygen and python3.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
n=${1:-1000}
per=20
make_work

bin=${2:-}
if [ -z "$bin" ]; then
  bin=$(publish_shipgate "$work/bin")
fi
ssh-keygen -q -t ed25519 -N "" -C rita@example.com -f "$work/key"
echo "rita@example.com namespaces=\"git\" $(cat "$work/key.pub")" > "$work/allowed_signers"

origin_and_clone Rita rita@example.com
git config gpg.format ssh && git config user.signingkey "$work/key.pub"
if [ -n "${UNSIGNED:-}" ]; then
  printf 'tickets:\n  keys: [BOL]\n' > .shipgate.yml
else
  printf 'tickets:\n  keys: [BOL]\naudit:\n  allowed_signers: %s\n' "$work/allowed_signers" > .shipgate.yml
fi
git add .shipgate.yml && git commit -qm "Initial commit"

# Production: N releases' worth of commits, $per each, in one fast-import stream.
awk -v n="$n" -v per="$per" -v base="$(git rev-parse HEAD)" 'BEGIN {
  for (i = 1; i <= n * per; i++) {
    msg = "BOL-" i ": change " i
    printf "commit refs/heads/main\ncommitter Dev <dev@example.com> %d +0000\ndata %d\n%s\n", 1700000000 + i, length(msg), msg
    if (i == 1) printf "from %s\n", base
    printf "M 100644 inline src/f%d/file%d.txt\ndata 2\nx\n\n", i % 50, i
  }
}' | git fast-import --quiet
git rev-list --first-parent --reverse main > "$work/main.txt"

# The trail: records chained by SHA-256, one commit each on the archive branch, and a release tag per record.
python3 - "$n" "$per" "$work" <<'PY'
import hashlib, json, sys, datetime
n, per, work = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
shas = open(f"{work}/main.txt").read().split()
out = open(f"{work}/trail.fi", "w", encoding="utf-8")
previous, start = None, datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
for i in range(1, n + 1):
    at = start + datetime.timedelta(minutes=i)
    rid = "release-" + at.strftime("%Y-%m-%d-%H%M%S")
    stamp = at.strftime("%Y-%m-%dT%H:%M:%S+00:00")
    frm, to = shas[(i - 1) * per], shas[i * per]
    record = {
        "schema_version": 1, "release_id": rid, "timestamp": stamp, "repository": "acme/svc",
        "tool": {"name": "shipgate", "version": "0.1.0"}, "released_by": "Rita", "released_by_email": "rita@example.com",
        "released_by_login": None, "from_ref": "main", "from_sha": frm, "to_ref": "staging", "to_sha": to,
        "commits_count": per, "merge_commits_count": 0, "files_changed": per, "insertions": per, "deletions": 0,
        "commits": [], "pull_requests": [], "linear_tickets": [], "change_summary": {}, "area_titles": {},
        "unspecced_changes": [], "ci_status": {"staging_sha": to, "status": "success", "checks_passed": [], "checks": [], "unverified_reason": None},
        "open_prs": [], "warnings": [], "emergency": None,
        "confirmation": {"word_presented": "SHIP", "word_entered": "SHIP", "confirmed_at": stamp, "channel": "terminal"},
        "previous_release": previous, "tag": f"refs/tags/{rid}",
    }
    data = (json.dumps(record, indent=2) + "\n").encode()
    digest = hashlib.sha256(data).hexdigest()
    msg = f"Release record {rid}\n".encode()
    out.write(f"commit refs/heads/compliance-archives\ncommitter Rita <rita@example.com> {int(at.timestamp())} +0000\ndata {len(msg)}\n")
    out.flush(); out.buffer.write(msg)
    out.write(f"M 100644 inline releases/{rid}.json\ndata {len(data)}\n"); out.flush(); out.buffer.write(data); out.write("\n")
    tag = f"Shipgate release {rid}\n\nRecord: releases/{rid}.json\nRecord-SHA256: {digest}\nArchive-Branch: compliance-archives\n".encode()
    out.write(f"tag {rid}\nfrom {to}\ntagger Rita <rita@example.com> {int(at.timestamp())} +0000\ndata {len(tag)}\n")
    out.flush(); out.buffer.write(tag); out.write("\n")
    previous = {"id": rid, "sha256": digest}
PY
git fast-import --quiet < "$work/trail.fi"
# Sign each record commit (fast-import cannot): the same trees and messages, rewritten with commit-tree -S.
if [ -z "${UNSIGNED:-}" ]; then
  parent=""
  for commit in $(git rev-list --reverse compliance-archives); do
    parent=$(git log -1 --format=%B "$commit" | git commit-tree -S ${parent:+-p "$parent"} "$commit^{tree}")
  done
  git update-ref refs/heads/compliance-archives "$parent"
fi
git push -q origin main main:staging compliance-archives 'refs/tags/release-*:refs/tags/release-*'

git clone -q --branch main "$work/origin.git" "$work/auditor" 2>/dev/null
mkdir "$work/shim"
real_git=$(command -v git)
printf '#!/bin/sh\necho "$*" >> %s/git-calls.txt\nexec %s "$@"\n' "$work" "$real_git" > "$work/shim/git"
chmod +x "$work/shim/git"
cd "$work/auditor"
PATH="$work/shim:$PATH" /usr/bin/time -f "%e %M" "$bin" audit verify > "$work/out.txt" 2> "$work/err.txt" || true
read -r wall rss < <(tail -1 "$work/err.txt")
grep -E "^\[.\]" "$work/out.txt" || { cat "$work/out.txt" "$work/err.txt"; exit 1; }
printf 'trail: %d %s records over %d production commits\n' "$n" "$([ -n "${UNSIGNED:-}" ] && echo unsigned || echo signed)" "$((n * per))"
printf 'shipgate audit verify: %.2f s, peak RSS %d MB, %d git processes\n' "$wall" "$((rss / 1024))" "$(wc -l < "$work/git-calls.txt")"
[ -n "${UNSIGNED:-}" ] && exit 0
# What git alone needs to check the signatures (it starts ssh-keygen twice per signature), for comparison.
sig_start=$(date +%s.%N)
git rev-list origin/compliance-archives 2>/dev/null | git -c gpg.ssh.allowedSignersFile="$work/allowed_signers" log --no-walk=unsorted --stdin --format=%G? > /dev/null
sig_end=$(date +%s.%N)
printf 'git log checking the %d signatures alone: %.2f s\n' "$n" "$(echo "$sig_end - $sig_start" | bc -l)"
