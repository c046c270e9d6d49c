#!/usr/bin/env bash
# Installs what the tests need and runs every test of Regatta. Ends with one line: "N passed, N failed".
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
log_dir="$root/.build/test-logs"
mkdir -p "$log_dir"

# System packages the tests use (process tools for the agent's tree-kill tests). Installed only when missing.
need=()
command -v setsid >/dev/null 2>&1 || need+=(util-linux)
command -v ps >/dev/null 2>&1 || need+=(procps)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "test.sh: missing ${need[*]}; install them (root needed)" >&2
  fi
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

echo "== restore"
dotnet restore Regatta.slnx -v quiet || { echo "0 passed, 1 failed"; exit 1; }

echo "== format check"
if ! dotnet format Regatta.slnx --verify-no-changes --no-restore -v quiet; then
  echo "dotnet format found unformatted files (run: dotnet format Regatta.slnx)" >&2
  echo "0 passed, 1 failed"
  exit 1
fi

echo "== build"
if ! dotnet build Regatta.slnx --no-restore -nologo -v quiet -clp:ErrorsOnly; then
  echo "0 passed, 1 failed"
  exit 1
fi

echo "== podman (Docker Engine API for the Docker containerizer tests)"
if [ "$(id -u)" = 0 ] && sock="$(timeout 900 bash "$root/tests/setup/podman.sh" | tail -n 1)" && [ -S "$sock" ]; then
  export REGATTA_DOCKER_SOCKET="$sock"
else
  echo "test.sh: podman's Docker API unavailable; the Docker integration tests will be skipped" >&2
fi

echo "== test"
dotnet test Regatta.slnx --no-build --nologo 2>&1 | tee "$log_dir/dotnet-test.log"
status=${PIPESTATUS[0]}

passed=0; failed=0; skipped=0
while IFS= read -r line; do
  p=$(sed -n 's/.*Passed: *\([0-9]*\).*/\1/p' <<<"$line")
  f=$(sed -n 's/.*Failed: *\([0-9]*\).*/\1/p' <<<"$line")
  s=$(sed -n 's/.*Skipped: *\([0-9]*\).*/\1/p' <<<"$line")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${s:-0}))
done < <(grep -E '^(Passed|Failed)! +- ' "$log_dir/dotnet-test.log")

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The runner failed without reporting a failed test (crash, abort): count it as a failure.
  failed=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
