#!/usr/bin/env bash
# Benchmark: organisation-wide verify from a warm cache. Makes one repository with RELEASES real releases
# (`shipgate release`, the word typed at a pseudo-terminal by a small driver), copies its bare origin REPOS times (each
# copy is a repository of its own: its own URL, its own cache folder, verified on its own), verifies them all once to
# fill the cache, then times `shipgate audit verify --repos` from the warm cache: wall time per repository and peak
# memory, for a quarter of the repositories and for all of them, to show memory does not grow with their number.
# Usage: bench/org-verify.sh [REPOS=100] [RELEASES=50]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
repos=${1:-100}
releases=${2:-50}
make_work
export XDG_STATE_HOME="$work/state" XDG_CACHE_HOME="$work/cache" NO_COLOR=1 TERM=dumb COLUMNS=200
unset GH_TOKEN GITHUB_TOKEN GH_ENTERPRISE_TOKEN GITHUB_ENTERPRISE_TOKEN LINEAR_API_KEY GITHUB_API_URL GH_HOST || true

shipgate=$(publish_shipgate "$work/bin")

origin_and_clone Dev dev@example.com
initial_policy 'tickets:\n  keys: [BOL]\n'
git clone -q --branch staging "$work/origin.git" "$work/releaser" 2>/dev/null
git -C "$work/releaser" config user.name Rita && git -C "$work/releaser" config user.email rita@example.com

# Types the word the release shows, at the pseudo-terminal that is the release's controlling terminal.
cat > "$work/type-the-word.py" <<'PY'
import os, pty, re, sys
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
seen, sent = b"", False
while True:
    try:
        data = os.read(fd, 4096)
    except OSError:
        break
    if not data:
        break
    seen += data
    plain = re.sub(rb"\x1b\[[0-9;?]*[A-Za-z]", b"", seen)
    word = re.search(rb"type the word: ([A-Za-z]+)", plain)
    if word and not sent:
        os.write(fd, word.group(1) + b"\n")
        sent = True
_, status = os.waitpid(pid, 0)
if os.waitstatus_to_exitcode(status) != 0:
    sys.stdout.write(plain.decode(errors="replace")[-2000:])
    sys.exit(1)
PY

for i in $(seq 1 "$releases"); do
  cd "$work/dev" && git checkout -q staging
  echo "$i" > "change$i.txt" && git add "change$i.txt" && git commit -qm "BOL-$i: change $i (#$i)" && git push -q origin staging
  cd "$work/releaser"
  python3 "$work/type-the-word.py" "$shipgate" release --allow-unverified-ci "benchmark" > /dev/null
  sleep 1   # release ids are by the second
done
echo "made $releases releases in one repository"

mkdir -p "$work/org"
for i in $(seq 1 "$repos"); do cp -r "$work/origin.git" "$work/org/service-$i.git"; done
ls -d "$work"/org/*.git > "$work/all.txt"
head -n $(( (repos + 3) / 4 )) "$work/all.txt" > "$work/quarter.txt"

cd "$work"
"$shipgate" audit verify --repos "$work/all.txt" > /dev/null   # the cold run fills the cache
for list in quarter all; do
  n=$(wc -l < "$work/$list.txt")
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$shipgate" audit verify --repos "$work/$list.txt" > "$work/out.txt"
  read -r wall peak < "$work/time.txt"
  grep "^Organisation:" "$work/out.txt"
  echo "warm cache, $n repositories of $releases releases: wall $wall s, $(echo "scale=3; $wall / $n" | bc) s per repository, peak RSS $((peak / 1024)) MB"
done
