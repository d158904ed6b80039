#!/usr/bin/env bash
# ./build.sh              finds or installs Go, packs GoPack.Sdk and GoPack.Templates (dotnet new templates) into
#                         artifacts/packages, builds samples/hello
#                         with `dotnet build` through that package and runs the binary once.
# ./build.sh --pack-only  stops after packing (test.sh uses this).
set -euo pipefail
cd "$(dirname "$0")"

repo_root="$PWD"

find_go() {
  if command -v go >/dev/null 2>&1; then command -v go; return 0; fi
  if [ -n "${GOROOT:-}" ] && [ -x "$GOROOT/bin/go" ]; then echo "$GOROOT/bin/go"; return 0; fi
  local candidate
  for candidate in /usr/local/go/bin/go $(ls -d /usr/lib/go-*/bin/go 2>/dev/null | sort -Vr) /usr/lib/go/bin/go; do
    if [ -x "$candidate" ]; then echo "$candidate"; return 0; fi
  done
  return 1
}

if ! go_exe="$(find_go)"; then
  if command -v apt-get >/dev/null 2>&1; then
    echo "bootstrap: no Go toolchain found; installing Debian's golang-go with apt-get" >&2
    sudo=""
    if [ "$(id -u)" != "0" ]; then sudo="sudo"; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq golang-go >/dev/null
    go_exe="$(find_go)"
  else
    echo "bootstrap: no Go toolchain found. Install Go (https://go.dev/dl/) and put it on PATH." >&2
    exit 1
  fi
fi
echo "bootstrap: using $("$go_exe" version) at $go_exe" >&2

# The GoLint tests run a real linter: Debian packages staticcheck as go-staticcheck.
if ! command -v staticcheck >/dev/null 2>&1 && ! command -v go-staticcheck >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  echo "bootstrap: installing Debian's go-staticcheck with apt-get (for the GoLint tests)" >&2
  sudo=""
  if [ "$(id -u)" != "0" ]; then sudo="sudo"; fi
  { DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq go-staticcheck >/dev/null 2>&1 \
    || { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq go-staticcheck >/dev/null; }; } \
    || echo "bootstrap: go-staticcheck could not be installed; the GoLint test will fail" >&2
fi

# The default container base's files are packed from Debian's ca-certificates and tzdata (sdk/containers/).
if command -v apt-get >/dev/null 2>&1 && { [ ! -s /etc/ssl/certs/ca-certificates.crt ] || [ ! -d /usr/share/zoneinfo ]; }; then
  echo "bootstrap: installing Debian's ca-certificates and tzdata with apt-get (the default container base)" >&2
  sudo=""
  if [ "$(id -u)" != "0" ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq ca-certificates tzdata >/dev/null
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "bootstrap: the .NET SDK (dotnet) is required: https://dot.net/download" >&2
  exit 1
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_CLI_USE_MSBUILD_SERVER=0

# One package in the folder, so nobody picks up a stale version.
rm -f "$repo_root"/artifacts/packages/GoPack.Sdk.*.nupkg "$repo_root"/artifacts/packages/GoPack.Templates.*.nupkg
dotnet pack "$repo_root/src/GoPack.Sdk/GoPack.Sdk.csproj" -c Release -nodeReuse:false -v:q -nologo \
  -o "$repo_root/artifacts/packages" >&2
# The templates name the SDK version packed beside them (same repository version).
dotnet pack "$repo_root/src/GoPack.Templates/GoPack.Templates.csproj" -c Release -nodeReuse:false -v:q -nologo \
  -o "$repo_root/artifacts/packages" >&2

GOPACK_NUPKG="$(ls "$repo_root"/artifacts/packages/GoPack.Sdk.*.nupkg | head -n 1)"
GOPACK_VERSION="$(basename "$GOPACK_NUPKG" .nupkg)"
GOPACK_VERSION="${GOPACK_VERSION#GoPack.Sdk.}"
export GOPACK_NUPKG GOPACK_VERSION
echo "bootstrap: packed $GOPACK_NUPKG" >&2

if [ "${1:-}" = "--pack-only" ]; then exit 0; fi

# The samples resolve the SDK by version from global.json and from a package folder of their own, so the package
# just packed is the one they get (NuGet would otherwise reuse any earlier package of the same version).
printf '{\n  "msbuild-sdks": {\n    "GoPack.Sdk": "%s"\n  }\n}\n' "$GOPACK_VERSION" > samples/global.json
export NUGET_PACKAGES="$PWD/artifacts/nuget-packages"
rm -rf "$NUGET_PACKAGES/gopack.sdk"

dotnet build samples/hello/hello.gocsproj -nodeReuse:false
samples/hello/bin/Debug/hello -version
samples/hello/bin/Debug/hello -selftest
