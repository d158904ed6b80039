#!/usr/bin/env bash
# Times, in one run and on one machine, with several repetitions each (median reported):
#   go-cold      go build of samples/hello, output deleted (Go's build cache warm, as after `dotnet clean`)
#   go-noop      go build again, nothing changed
#   exec-cold    dotnet build of a minimal MSBuild project that only runs `go build` through Exec (Inputs/Outputs)
#   exec-noop    the same, nothing changed
#   gopack-cold  dotnet build of samples/hello's .gocsproj through the packed GoPack.Sdk, bin/ and obj/ deleted
#   gopack-noop  the same, nothing changed
# and the ratios GoPack/Exec and GoPack/go. Usage: bench/run.sh [runs]   (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"

nupkg="$(ls artifacts/packages/GoPack.Sdk.*.nupkg 2>/dev/null | head -n 1 || true)"
if [ -z "$nupkg" ]; then ./build.sh --pack-only; nupkg="$(ls artifacts/packages/GoPack.Sdk.*.nupkg | head -n 1)"; fi
version="$(basename "$nupkg" .nupkg)"; version="${version#GoPack.Sdk.}"

go_exe="$(command -v go || ls -d /usr/lib/go-*/bin/go 2>/dev/null | sort -Vr | head -n 1)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_USE_MSBUILD_SERVER=0 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDTERMINALLOGGER=off
export NUGET_PACKAGES="$work/nuget-packages"

mkdir -p "$work/feed" && cp "$nupkg" "$work/feed/"
cat > "$work/nuget.config" <<XML
<configuration><packageSources><clear /><add key="feed" value="$work/feed" /></packageSources></configuration>
XML
echo "<Project />" > "$work/Directory.Build.props"; echo "<Project />" > "$work/Directory.Build.targets"

for d in go exec gopack; do mkdir -p "$work/$d"; cp samples/hello/go.mod samples/hello/*.go "$work/$d/"; done
echo "<Project Sdk=\"GoPack.Sdk/$version\" />" > "$work/gopack/hello.gocsproj"
cat > "$work/exec/hello.proj" <<XML
<Project DefaultTargets="Build">
  <ItemGroup><GoCompile Include="**/*.go" /><GoInput Include="go.mod" /></ItemGroup>
  <Target Name="Restore" />
  <Target Name="Build" Inputs="@(GoCompile);@(GoInput)" Outputs="bin/hello">
    <Exec Command="&quot;$go_exe&quot; build -o bin/hello ." />
  </Target>
</Project>
XML

now() { date +%s%N; }
declare -A samples
measure() { # name, command...
  local name="$1"; shift
  local start end
  start=$(now); "$@" >/dev/null 2>&1 || { echo "bench: '$*' failed" >&2; "$@" >&2; exit 1; }; end=$(now)
  samples[$name]+="$(( (end - start) / 1000000 )) "
}
median() { tr ' ' '\n' <<<"$1" | grep -v '^$' | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2)) }'; }

# Warm-up: fill Go's build cache and NuGet's package folder; not measured.
(cd "$work/go" && "$go_exe" build -o bin/hello .)
(cd "$work/gopack" && dotnet build -nodeReuse:false >/dev/null)
(cd "$work/exec" && dotnet build -nodeReuse:false >/dev/null)

for _ in $(seq "$runs"); do
  rm -rf "$work/go/bin";                 measure go-cold     bash -c "cd '$work/go' && '$go_exe' build -o bin/hello ."
                                         measure go-noop     bash -c "cd '$work/go' && '$go_exe' build -o bin/hello ."
  rm -rf "$work/exec/bin";               measure exec-cold   bash -c "cd '$work/exec' && dotnet build -nodeReuse:false"
                                         measure exec-noop   bash -c "cd '$work/exec' && dotnet build -nodeReuse:false"
  rm -rf "$work/gopack/bin" "$work/gopack/obj"; measure gopack-cold bash -c "cd '$work/gopack' && dotnet build -nodeReuse:false"
                                         measure gopack-noop bash -c "cd '$work/gopack' && dotnet build -nodeReuse:false"
done

echo "GoPack.Sdk $version, $("$go_exe" version | cut -d' ' -f3), dotnet $(dotnet --version), $runs runs, medians in ms"
for name in go-cold go-noop exec-cold exec-noop gopack-cold gopack-noop; do
  printf '  %-12s %6d   (%s)\n' "$name" "$(median "${samples[$name]}")" "${samples[$name]% }"
done
ratio() { awk -v a="$(median "${samples[$1]}")" -v b="$(median "${samples[$2]}")" 'BEGIN { printf "%.2f", a / b }'; }
echo "  gopack-noop / exec-noop  $(ratio gopack-noop exec-noop)   (goal: at most 1.5)"
echo "  gopack-cold / exec-cold  $(ratio gopack-cold exec-cold)"
echo "  gopack-cold / go-cold    $(ratio gopack-cold go-cold)"
echo "  gopack-noop / go-noop    $(ratio gopack-noop go-noop)"
