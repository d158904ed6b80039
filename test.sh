#!/usr/bin/env bash
# Packs GoPack.Sdk and runs every test: unit tests and end-to-end `dotnet build`s of real Go projects
# against that package.
set -euo pipefail
cd "$(dirname "$0")"
./build.sh --pack-only

# The container tests check images with real tools: Debian's skopeo, umoci, docker-registry (a registry they start on
# 127.0.0.1), htpasswd (apache2-utils, for a registry that wants credentials) and podman (loading only, where it runs).
missing=""
for tool in skopeo:skopeo umoci:umoci docker-registry:docker-registry htpasswd:apache2-utils podman:podman; do
  command -v "${tool%%:*}" >/dev/null 2>&1 || missing="$missing ${tool#*:}"
done
if [ -n "$missing" ] && command -v apt-get >/dev/null 2>&1; then
  echo "test.sh: installing$missing with apt-get (container tests)" >&2
  sudo=""
  if [ "$(id -u)" != "0" ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_CLI_USE_MSBUILD_SERVER=0
export GOPACK_TEST_NUPKG="$(ls "$PWD"/artifacts/packages/GoPack.Sdk.*.nupkg | head -n 1)"
log="$(mktemp)"
status=0
dotnet test GoSdk.sln -nodeReuse:false --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log" || status=$?

# A plain summary line: "tests: N passed, N failed, N skipped".
awk '
  /^(Passed|Failed)! +- +Failed:/ {   # minimal verbosity: one line per test assembly
    gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
  }
  /^ +Passed: +[0-9]+$/  { p += $2 }  # normal verbosity: a block per test assembly
  /^ +Failed: +[0-9]+$/  { f += $2 }
  /^ +Skipped: +[0-9]+$/ { s += $2 }
  END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"
exit $status
