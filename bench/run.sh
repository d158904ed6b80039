#!/usr/bin/env bash
# bench/run.sh: GoPack.Sdk's performance goals (issue 14), every case measured side by side in one run, each
# measurement repeated (repetitions interleaved, so a load change hits every case alike) and the median kept.
#
#   bench/run.sh [--quick] [-n RUNS] [--cases LIST] [--pack] [--ab OTHER.nupkg] [--json FILE] [--keep]
#
#   --quick      the no-op and edit cases only, 5 runs (a few minutes): the check to run after a change
#   -n RUNS      repetitions (default 5; medians need at least 5)
#   --cases LIST comma-separated subset of: noop,edit,cold,mono,tree,test (default: all)
#   --ab NUPKG   also measure every GoPack command with this other GoPack.Sdk package, interleaved with the first
#                (A/B comparison of a change: same run, same load); its figures are named "<name>@B" (repeat the
#                option for C, D...)
#   --pack       pack artifacts/packages/GoPack.Sdk.*.nupkg first (./build.sh --pack-only), even when one is there
#   --json FILE  also write the JSON there (it is always printed after the table)
#   --keep       keep the work directory (printed) for a look at the generated projects
#
# The GoPack.Sdk package is artifacts/packages/GoPack.Sdk.*.nupkg (packed first when missing), or GOPACK_BENCH_NUPKG.
#
# Cases (goal in brackets; "floor" = the minimal package SDK's no-op build, the least any package SDK costs):
#   noop   no-op `dotnet build` of samples/hello's .gocsproj, against the same through a minimal package SDK built
#          here (empty Sdk.props; Sdk.targets = an Exec of go build with Inputs/Outputs and an empty Restore)
#          [<= 1.25x], and against an empty C# class library [<= 0.5x]; a plain project (no SDK) with that Exec is
#          shown for reference; and the same no-op build right after a `dotnet run -- -version` of the project (which
#          builds first, in another environment) against the floor [<= 1.25x]. Two reference rows (no goal) split
#          the distance: the floor with Microsoft.Common.props/targets imported and no Go logic (the least an SDK
#          costs that keeps Microsoft.Common's build protocol, as the goal asks) against the floor, and GoPack
#          against that
#   edit   one .go file of samples/hello changed, `dotnet build`, against `go build` of the same edit + floor
#          [<= 1.15x]
#   cold   `dotnet build` of a generated module (~200 .go files, 20 packages, 3 commands), bin/ obj/ and GOCACHE
#          empty, against `go build ./...` + `go build -o bin/` of the 3 commands, same flags (Debug's
#          -gcflags=./...=-N -l: the module's packages; GoPack before 1.0.183 passed all=-N -l), empty GOCACHE [<= 1.05x];
#          and, as a reference row with no goal, against the same + `go vet ./...`: the go work a GoPack build does
#   mono   20 modules with a .gocsproj each, `dotnet build -m` of their solution, against a shell loop running
#          `go build -o bin/ ./...` in each module, 2 at a time: cold (empty GOCACHE, no bin/ obj/) [<= 1.15x],
#          and no-op [<= 2 s]. The loop uses go's default flags, as the goal says (GoPack's Debug build adds -N -l for
#          each module's own packages; before 1.0.183 for every package, the standard library compiled once more
#          where the loop takes Go 1.19's precompiled one from GOROOT); a reference row (no goal) against a loop of
#          `go build` + `go vet` with the Debug flags, the go work GoPack does
#   tree   no-op `dotnet build` of a module whose directory holds 50k other files (vendor/, node_modules/, .git/,
#          testdata/), against the same module alone [<= 100 ms added]
#   test   `dotnet test` of a module with 50 tests, nothing changed, against `go test ./...` (cached)
#          [(dotnet test - floor) <= 1.3x go test]; a reference row (no goal): what `dotnet test` adds to the same
#          project's no-op `dotnet build`, against go test
#
# The CPU figures count every process a command started, MSBuild's worker nodes included. Those can outlive the
# `dotnet build -m` that started them, and an orphan's CPU time goes to whoever reaps it: so the script's shell makes
# itself the reaper of its descendants (a child subreaper, through python3; without python3 the CPU figures of -m
# builds may miss the nodes) and waits for them after each command.
set -euo pipefail
if [ -z "${GOPACK_BENCH_SUBREAPER:-}" ] && command -v python3 >/dev/null 2>&1; then
  export GOPACK_BENCH_SUBREAPER=1
  # PR_SET_CHILD_SUBREAPER (36) is kept across exec: the bash that runs this script again is the reaper.
  exec python3 -c 'import ctypes, os, sys
if ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0) != 0: sys.exit("bench: prctl(PR_SET_CHILD_SUBREAPER) failed")
os.execv("/bin/bash", ["bash"] + sys.argv[1:])' "$0" "$@"
fi
cd "$(dirname "$0")/.."
repo="$PWD"

runs=5; cases="noop,edit,cold,mono,tree,test"; others=(); json_file=""; keep=""; pack=""
while [ $# -gt 0 ]; do
  case "$1" in
    -n) runs="$2"; shift 2 ;;
    --quick) cases="noop,edit"; runs=5; shift ;;
    --pack) pack=1; shift ;;
    --cases) cases="$2"; shift 2 ;;
    --ab) others+=("$(realpath "$2")"); shift 2 ;;
    --json) json_file="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    [0-9]*) runs="$1"; shift ;;
    *) echo "bench: unknown argument $1 (see the header of bench/run.sh)" >&2; exit 2 ;;
  esac
done
has_case() { [[ ",$cases," == *",$1,"* ]]; }

[ "$runs" -ge 5 ] || echo "bench: warning: $runs runs (medians of fewer than 5 are noise on a shared machine)" >&2
nupkg="${GOPACK_BENCH_NUPKG:-}"
if [ -z "$nupkg" ] && [ -n "$pack" ]; then rm -f artifacts/packages/GoPack.Sdk.*.nupkg; ./build.sh --pack-only >&2; fi
if [ -z "$nupkg" ]; then nupkg="$(ls artifacts/packages/GoPack.Sdk.*.nupkg 2>/dev/null | head -n 1 || true)"; fi
if [ -z "$nupkg" ]; then ./build.sh --pack-only >&2; nupkg="$(ls artifacts/packages/GoPack.Sdk.*.nupkg | head -n 1)"; fi
nupkg="$(realpath "$nupkg")"
# The version inside the package (a copied package may have any file name).
pkg_version() { unzip -p "$1" '*.nuspec' | sed -n 's:.*<version>\(.*\)</version>.*:\1:p' | head -n 1; }

go_exe="$(command -v go || ls -d /usr/lib/go-*/bin/go 2>/dev/null | sort -Vr | head -n 1)"
work="$(mktemp -d)"
if [ -z "$keep" ]; then trap 'rm -rf "$work"' EXIT; else echo "bench: work directory $work" >&2; fi
export DOTNET_CLI_USE_MSBUILD_SERVER=0 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDTERMINALLOGGER=off
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 MSBUILDDISABLENODEREUSE=1
# Go's build cache of the benchmark's own (cold cases empty it); GoPack builds with CGO off, so go does here too.
export GOCACHE="$work/gocache" GOFLAGS="" GOTOOLCHAIN=local
go_env=(env CGO_ENABLED=0)

variants=(A); declare -A variant_nupkg=([A]="$nupkg")
letters=(B C D E F G); for i in "${!others[@]}"; do variants+=("${letters[$i]}"); variant_nupkg[${letters[$i]}]="${others[$i]}"; done

# A local feed per variant (NuGet caches a package by id and version: each variant gets its own packages folder).
setup_feed() { # dir, nupkg...
  local dir="$1"; shift
  mkdir -p "$dir/feed" "$dir/nuget-packages"
  local p; for p in "$@"; do cp "$p" "$dir/feed/GoPack.Sdk.$(pkg_version "$p").nupkg"; done
  cat > "$dir/nuget.config" <<XML
<configuration>
  <packageSources><clear /><add key="feed" value="$dir/feed" /></packageSources>
  <config><add key="globalPackagesFolder" value="$dir/nuget-packages" /></config>
</configuration>
XML
  echo "<Project />" > "$dir/Directory.Build.props"; echo "<Project />" > "$dir/Directory.Build.targets"
}

# Set-up commands are quiet unless they fail: then their output says why (the EXIT trap deletes the work directory).
quiet() { "$@" >"$work/setup.log" 2>&1 || { echo "bench: set-up failed in $PWD: $*" >&2; tail -n 40 "$work/setup.log" >&2; return 1; }; }

# ---------------------------------------------------------------------------------------------------------------
# Generated sources
# ---------------------------------------------------------------------------------------------------------------
copy_hello() { mkdir -p "$1"; cp samples/hello/go.mod samples/hello/*.go "$1/"; }
gocsproj() { echo "<Project Sdk=\"GoPack.Sdk/$2\" />" > "$1"; }

# A Go file with some work for the compiler: a type, a few functions with loops, maps and closures.
go_file() { # path, package, index, imports(space-separated import paths of sibling packages)
  local path="$1" pkg="$2" i="$3" deps="$4" d use=""
  {
    echo "package $pkg"; echo; echo "import ("; echo '	"fmt"'; echo '	"sort"'; echo '	"strings"'
    for d in $deps; do echo "	\"$d\""; done
    echo ")"; echo
    echo "type T$i struct { Name string; Values map[string]int; Items []float64 }"
    for d in $deps; do use+=" + ${d##*/}.F0(n)"; done
    cat <<GO

func New$i(name string) *T$i { return &T$i{Name: name, Values: map[string]int{}} }

func (t *T$i) Add(key string, v int) { t.Values[key] += v; t.Items = append(t.Items, float64(v)*1.5) }

func (t *T$i) Keys() []string {
	keys := make([]string, 0, len(t.Values))
	for k := range t.Values {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func (t *T$i) String() string {
	var b strings.Builder
	for _, k := range t.Keys() {
		fmt.Fprintf(&b, "%s=%d;", k, t.Values[k])
	}
	return t.Name + ":" + b.String()
}

func F$i(n int) int {
	t := New$i("f$i")
	for j := 0; j < n; j++ {
		t.Add(fmt.Sprint(j%7), j)
	}
	sum := 0
	apply := func(f func(int) int) { for _, k := range t.Keys() { sum += f(t.Values[k]) } }
	apply(func(v int) int { return v * $i })
	switch {
	case sum > 1000:
		sum /= 3
	case sum < 0:
		sum = -sum
	}
	return sum + len(t.String())$use
}
GO
  } > "$path"
}

# ~200 files: 17 library packages of 11 files (each imports the previous one) and 3 commands of 4 files.
gen_big_module() { # dir, module path
  local dir="$1" mod="$2" p f prev=""
  mkdir -p "$dir"; printf 'module %s\n\ngo 1.19\n' "$mod" > "$dir/go.mod"
  for p in $(seq -w 0 16); do
    mkdir -p "$dir/pkg/p$p"
    for f in $(seq 0 10); do go_file "$dir/pkg/p$p/f$f.go" "p$p" "$f" "$([ "$f" = 0 ] && echo "$prev")"; done
    prev="$mod/pkg/p$p"
  done
  for c in a b c; do
    mkdir -p "$dir/cmd/$c"
    for f in 1 2 3; do go_file "$dir/cmd/$c/f$f.go" main "$f" "$mod/pkg/p1$f $mod/pkg/p0$f"; done
    printf 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println(F1(3) + F2(4) + F3(5)) }\n' > "$dir/cmd/$c/main.go"
  done
}

# A small module: one command and one library package.
gen_small_module() { # dir, module path
  local dir="$1" mod="$2" f
  mkdir -p "$dir/lib" "$dir/cmd/app"; printf 'module %s\n\ngo 1.19\n' "$mod" > "$dir/go.mod"
  for f in 0 1 2 3; do go_file "$dir/lib/f$f.go" lib "$f" ""; done
  go_file "$dir/cmd/app/f1.go" main 1 "$mod/lib"
  printf 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println(F1(3)) }\n' > "$dir/cmd/app/main.go"
}

# 5 packages with 10 tests each.
gen_test_module() { # dir
  local dir="$1" p t
  mkdir -p "$dir"; printf 'module example.com/tested\n\ngo 1.19\n' > "$dir/go.mod"
  for p in 1 2 3 4 5; do
    mkdir -p "$dir/p$p"; go_file "$dir/p$p/f.go" "p$p" 1 ""
    { echo "package p$p"; echo; echo 'import "testing"'
      for t in $(seq 1 10); do printf '\nfunc TestF%d(t *testing.T) {\n\tif F1(%d) < 0 {\n\t\tt.Fatal("negative")\n\t}\n}\n' "$t" "$t"; done
    } > "$dir/p$p/f_test.go"
  done
}

# 50k files beside the module's sources, the way a real repository has them: a vendored module (go.mod requires
# it, vendor/modules.txt lists it), a JavaScript front end's node_modules/, a .git/ with a commit and many objects,
# and testdata/.
gen_clutter() { # dir
  local dir="$1" i j
  printf 'module example.com/tree\n\ngo 1.19\n\nrequire example.com/big v1.0.0\n' > "$dir/go.mod"
  { echo "# example.com/big v1.0.0"; echo "## explicit"
    for i in $(seq -w 0 499); do echo "example.com/big/p$i"; done; } > "$dir/vendor/modules.txt.tmp"
  for i in $(seq -w 0 499); do
    mkdir -p "$dir/vendor/example.com/big/p$i"
    for j in $(seq 0 19); do printf 'package p%s\n\nfunc F%d() int { return %d }\n' "$i" "$j" "$j" > "$dir/vendor/example.com/big/p$i/f$j.go"; done
  done
  mv "$dir/vendor/modules.txt.tmp" "$dir/vendor/modules.txt"
  for i in $(seq 0 999); do
    mkdir -p "$dir/node_modules/pkg$i/lib"
    for j in $(seq 0 11); do echo "module.exports = $j;" > "$dir/node_modules/pkg$i/lib/m$j.js"; done
    echo '{"name":"pkg'"$i"'"}' > "$dir/node_modules/pkg$i/package.json"
    for j in 0 1 2 3 4 5 6 7 8 9 10; do : > "$dir/node_modules/pkg$i/r$j.md"; done
  done
  for i in $(seq 0 2999); do mkdir -p "$dir/testdata/case$((i / 100))"; echo "input $i" > "$dir/testdata/case$((i / 100))/in$i.txt"; done
  # No automatic gc or maintenance: run in the background, it removes the object folders being filled below.
  (cd "$dir" && git init -q && git add go.mod ./*.go && git -c gc.auto=0 -c maintenance.auto=false -c user.name=b -c user.email=b@b commit -qm init)
  for i in $(seq 0 255); do
    local hex; hex="$(printf '%02x' "$i")"; mkdir -p "$dir/.git/objects/$hex"
    for j in $(seq 0 46); do printf 'x' > "$dir/.git/objects/$hex/$(printf '%038d' "$j")"; done
  done
}

# The minimal package SDK: what any package SDK costs at least.
build_min_sdk() { # dir (gets MinGo.Sdk.1.0.0.nupkg)
  local dir="$1"
  mkdir -p "$dir/src/Sdk"
  echo "<Project />" > "$dir/src/Sdk/Sdk.props"
  cat > "$dir/src/Sdk/Sdk.targets" <<XML
<Project>
  <ItemGroup>
    <GoCompile Include="**/*.go" Exclude="bin/**;obj/**" />
    <GoInput Include="go.mod" />
  </ItemGroup>
  <Target Name="Restore" />
  <Target Name="Build" Inputs="@(GoCompile);@(GoInput)" Outputs="bin/\$(MSBuildProjectName)">
    <Exec Command="CGO_ENABLED=0 &quot;$go_exe&quot; build -o bin/\$(MSBuildProjectName) ." />
  </Target>
</Project>
XML
  cat > "$dir/src/MinGo.Sdk.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net$(dotnet --version | cut -d. -f1).0</TargetFramework>
    <PackageId>MinGo.Sdk</PackageId>
    <Version>1.0.0</Version>
    <PackageType>MSBuildSdk</PackageType>
    <IncludeBuildOutput>false</IncludeBuildOutput>
    <EnableDefaultItems>false</EnableDefaultItems>
    <NoWarn>\$(NoWarn);NU5128</NoWarn>
  </PropertyGroup>
  <ItemGroup>
    <None Include="Sdk/Sdk.props;Sdk/Sdk.targets" Pack="true" PackagePath="Sdk/" />
  </ItemGroup>
</Project>
XML
  (cd "$dir/src" && quiet dotnet pack -nodeReuse:false -o "$dir")
}

# ---------------------------------------------------------------------------------------------------------------
# Measuring
# ---------------------------------------------------------------------------------------------------------------
declare -A samples
order=()
# Wall time is the figure; CPU time (user + system of every process the command started) is shown beside it: on a
# loaded machine it moves much less than wall time, which helps to compare variants.
declare -A cpu_samples
cpu_ms() { local t; times > "$work/times"; t="$(tail -n 1 "$work/times")"; awk -v t="$t" 'BEGIN { split(t, a, " "); s = 0; for (i = 1; i <= 2; i++) { split(a[i], b, "m"); s += b[1] * 60 + b[2] } printf "%d", s * 1000 }'; }
measure() { # name, dir, command...
  local name="$1" dir="$2"; shift 2
  local start end log="$work/last.log" cpu0 cpu1
  cpu_ms > "$work/cpu0"; start=$EPOCHREALTIME
  if ! (cd "$dir" && "$@") >"$log" 2>&1; then echo "bench: $name: '$*' failed in $dir:" >&2; tail -n 40 "$log" >&2; exit 1; fi
  end=$EPOCHREALTIME
  # Worker nodes that outlived the command are this shell's children now (see the header): reaped, they count.
  # (10 s at most: a process that lives on must not stall the benchmark)
  for _ in $(seq 500); do pgrep -P $$ >/dev/null || break; sleep 0.02; done
  cpu_ms > "$work/cpu1"; cpu0="$(cat "$work/cpu0")"; cpu1="$(cat "$work/cpu1")"
  [ -n "${samples[$name]+x}" ] || order+=("$name")
  samples[$name]+="$(( (${end/./} - ${start/./}) / 1000 )) "
  cpu_samples[$name]+="$(( cpu1 - cpu0 )) "
}
median() { tr ' ' '\n' <<<"${2:-${samples[$1]:-}}" | grep -v '^$' | sort -n | awk '{ a[NR] = $1 } END { if (NR == 0) print "null"; else print (NR % 2 ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2)) }'; }
dotnet_build() { dotnet build -nodeReuse:false "$@"; }
# A no-op build writes nothing in bin/ or obj/ (a build that ran go, vet or any GoPack step touches a file there).
measure_noop() { # name, dir
  touch "$work/noop-marker"; sleep 0.01
  measure "$1" "$2" dotnet_build
  # (a project with no obj/ makes find fail: not a failure of the build)
  local written; written="$(find "$2/bin" "$2/obj" -newer "$work/noop-marker" 2>/dev/null | head -n 3)" || true
  [ -z "$written" ] || { echo "bench: $1 was no no-op: it wrote $written" >&2; exit 1; }
}

# ---------------------------------------------------------------------------------------------------------------
# Set-up (not measured): projects, one copy per variant, and a warm-up build of each
# ---------------------------------------------------------------------------------------------------------------
echo "bench: setting up in $work" >&2
base="$work/base"
setup_feed "$base"
build_min_sdk "$work/minsdk"; cp "$work/minsdk/MinGo.Sdk.1.0.0.nupkg" "$base/feed/"
for v in "${variants[@]}"; do setup_feed "$work/$v" "${variant_nupkg[$v]}"; done

if has_case noop || has_case edit || has_case test; then
  copy_hello "$base/minsdk"; echo '<Project Sdk="MinGo.Sdk/1.0.0" />' > "$base/minsdk/hello.proj"
  (cd "$base/minsdk" && quiet dotnet_build)
fi
if has_case noop; then
  # The floor with Microsoft.Common.props/targets imported and no Go logic: the least an SDK costs that keeps
  # Microsoft.Common's build protocol (ProjectReference, Clean, Rebuild, IncrementalClean, publish, pack, Visual
  # Studio: what the goal says must keep working), with GoPack's one shortcut (no Common.targets in the restore
  # pass). MinGo's Build and Restore, imported after the body, replace Common's.
  copy_hello "$base/mincommon"
  cat > "$base/mincommon/hello.proj" <<'XML'
<Project Sdk="MinGo.Sdk/1.0.0">
  <Import Project="$(MSBuildExtensionsPath)\$(MSBuildToolsVersion)\Microsoft.Common.props" />
  <PropertyGroup><OutputPath>bin\$(Configuration)\</OutputPath></PropertyGroup>
  <Import Project="$(MSBuildToolsPath)\Microsoft.Common.targets" Condition="'$(MSBuildIsRestoring)' != 'true'" />
</Project>
XML
  copy_hello "$base/plain"
  cat > "$base/plain/hello.proj" <<XML
<Project DefaultTargets="Build">
  <ItemGroup><GoCompile Include="**/*.go" Exclude="bin/**;obj/**" /><GoInput Include="go.mod" /></ItemGroup>
  <Target Name="Restore" />
  <Target Name="Build" Inputs="@(GoCompile);@(GoInput)" Outputs="bin/hello">
    <Exec Command="CGO_ENABLED=0 &quot;$go_exe&quot; build -o bin/hello ." />
  </Target>
</Project>
XML
  mkdir -p "$base/classlib"
  echo "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net$(dotnet --version | cut -d. -f1).0</TargetFramework></PropertyGroup></Project>" > "$base/classlib/classlib.csproj"
  echo "namespace ClassLib; public class Class1 { }" > "$base/classlib/Class1.cs"
  (cd "$base/mincommon" && quiet dotnet_build); (cd "$base/plain" && quiet dotnet_build); (cd "$base/classlib" && quiet dotnet_build)
fi
if has_case edit; then copy_hello "$base/go-edit"; (cd "$base/go-edit" && "${go_env[@]}" "$go_exe" build -o bin/hello .); fi
if has_case cold; then gen_big_module "$base/cold" example.com/cold; fi
if has_case mono; then
  for m in $(seq -w 1 20); do gen_small_module "$base/mono/m$m" "example.com/m$m"; done
fi
if has_case tree; then
  gen_small_module "$base/small" example.com/tree; mkdir -p "$base/big/vendor"
  gen_small_module "$base/big" example.com/tree; gen_clutter "$base/big"
  echo "bench: tree case: $(find "$base/big" -type f | wc -l) files" >&2
fi
if has_case test; then gen_test_module "$base/test"; (cd "$base/test" && quiet "${go_env[@]}" "$go_exe" test ./...); fi

for v in "${variants[@]}"; do
  ver="$(pkg_version "${variant_nupkg[$v]}")"; vd="$work/$v"
  if has_case noop; then copy_hello "$vd/hello"; gocsproj "$vd/hello/hello.gocsproj" "$ver"; (cd "$vd/hello" && quiet dotnet_build && quiet dotnet_build); fi
  if has_case edit; then copy_hello "$vd/edit"; gocsproj "$vd/edit/hello.gocsproj" "$ver"; (cd "$vd/edit" && quiet dotnet_build); fi
  if has_case cold; then cp -a "$base/cold" "$vd/cold"; gocsproj "$vd/cold/cold.gocsproj" "$ver"; (cd "$vd/cold" && quiet dotnet_build); fi
  if has_case mono; then
    cp -a "$base/mono" "$vd/mono"
    (cd "$vd/mono" && dotnet new sln -n mono --format sln >/dev/null 2>&1 && for m in m*/; do m="${m%/}"; gocsproj "$m/$m.gocsproj" "$ver"; done \
      && quiet dotnet sln mono.sln add m*/*.gocsproj && quiet dotnet_build -m mono.sln)
  fi
  if has_case tree; then
    for t in small big; do cp -a "$base/$t" "$vd/$t"; gocsproj "$vd/$t/tree.gocsproj" "$ver"; (cd "$vd/$t" && quiet dotnet_build && quiet dotnet_build); done
  fi
  if has_case test; then cp -a "$base/test" "$vd/test"; gocsproj "$vd/test/tested.gocsproj" "$ver"; (cd "$vd/test" && quiet dotnet test -nodeReuse:false && quiet dotnet_build); fi
done
mono_dirs=""; [ -d "$base/mono" ] && mono_dirs="$(cd "$base/mono" && ls -d m*/)"

# ---------------------------------------------------------------------------------------------------------------
# The runs
# ---------------------------------------------------------------------------------------------------------------
sfx() { [ "$1" = A ] && echo "" || echo "@$1"; }
# The go side of the monorepo: a shell script run in each module ($0 is go), two modules at a time.
in_each_mono_module() { printf '%s\n' $mono_dirs | GOCACHE="$work/gocache-cold" CGO_ENABLED=0 xargs -P 2 -I{} sh -c 'cd "{}" && '"$1" "$go_exe"; }
go_mono_cold() { in_each_mono_module '"$0" build -o bin/ ./...'; }
# The reference row's loop: the go work GoPack's Debug build does, its flags and go vet.
go_mono_cold_vet() { in_each_mono_module '"$0" build "-gcflags=./...=-N -l" -o bin/ ./... && "$0" vet "-gcflags=./...=-N -l" ./...'; }
fresh_gocache() { rm -rf "$work/gocache-cold"; mkdir -p "$work/gocache-cold"; }

for run in $(seq "$runs"); do
  echo "bench: run $run of $runs" >&2
  if has_case noop; then
    measure noop.minsdk "$base/minsdk" dotnet_build
    measure_noop noop.mincommon "$base/mincommon"
    measure noop.plain "$base/plain" dotnet_build
    measure noop.classlib "$base/classlib" dotnet_build
    for v in "${variants[@]}"; do measure_noop "noop.gopack$(sfx "$v")" "$work/$v/hello"; done
    # The same no-op build right after a `dotnet run` (which builds first, with another environment): the edit-run loop.
    for v in "${variants[@]}"; do
      (cd "$work/$v/hello" && dotnet run -- -version >/dev/null 2>&1) || { echo "bench: dotnet run of hello failed" >&2; exit 1; }
      measure "noop-after-run.gopack$(sfx "$v")" "$work/$v/hello" dotnet_build
    done
  fi
  if has_case edit; then
    sed -i "s/built by GoPack.Sdk[^\"]*\"/built by GoPack.Sdk, edit #$run#\"/" "$base/go-edit/main.go"
    measure edit.go "$base/go-edit" "${go_env[@]}" "$go_exe" build -o bin/hello .
    for v in "${variants[@]}"; do
      sed -i "s/built by GoPack.Sdk[^\"]*\"/built by GoPack.Sdk, edit #$run#\"/" "$work/$v/edit/main.go"
      measure "edit.gopack$(sfx "$v")" "$work/$v/edit" dotnet_build
    done
    grep -aq "GoPack.Sdk, edit #$run#" "$work/A/edit/bin/Debug/hello" \
      || { echo "bench: the edited binary doesn't have the edit" >&2; exit 1; }
  fi
  if has_case cold; then
    fresh_gocache; rm -rf "$base/cold/bin"
    # The flags GoPack's Debug build passes (Optimize=false: -N -l for the module's own packages), as the goal says
    # "same flags". An --ab package older than 1.0.183 passed -gcflags=all=-N -l, which compiles the standard library
    # again (Go 1.19 otherwise takes the one precompiled in GOROOT): its ratio measures that too.
    cold_go="'$go_exe' build '-gcflags=./...=-N -l' ./... && '$go_exe' build '-gcflags=./...=-N -l' -o bin/ ./cmd/a ./cmd/b ./cmd/c"
    measure cold.go "$base/cold" env GOCACHE="$work/gocache-cold" CGO_ENABLED=0 sh -c "$cold_go"
    # The reference row: the same and go vet, i.e. the go work a GoPack build does (GoVet is on by default).
    fresh_gocache; rm -rf "$base/cold/bin"
    measure cold.go-vet "$base/cold" env GOCACHE="$work/gocache-cold" CGO_ENABLED=0 sh -c "$cold_go && '$go_exe' vet '-gcflags=./...=-N -l' ./..."
    for v in "${variants[@]}"; do
      fresh_gocache; rm -rf "$work/$v/cold/bin" "$work/$v/cold/obj"
      measure "cold.gopack$(sfx "$v")" "$work/$v/cold" env GOCACHE="$work/gocache-cold" dotnet build -nodeReuse:false
    done
  fi
  if has_case mono; then
    fresh_gocache; rm -rf "$base"/mono/m*/bin
    measure mono-cold.go "$base/mono" go_mono_cold
    fresh_gocache; rm -rf "$base"/mono/m*/bin
    measure mono-cold.go-vet "$base/mono" go_mono_cold_vet
    for v in "${variants[@]}"; do
      fresh_gocache; rm -rf "$work/$v"/mono/m*/bin "$work/$v"/mono/m*/obj
      measure "mono-cold.gopack$(sfx "$v")" "$work/$v/mono" env GOCACHE="$work/gocache-cold" dotnet build -nodeReuse:false -m mono.sln
      measure "mono-noop.gopack$(sfx "$v")" "$work/$v/mono" env GOCACHE="$work/gocache-cold" dotnet build -nodeReuse:false -m mono.sln
    done
  fi
  if has_case tree; then
    for v in "${variants[@]}"; do
      measure_noop "tree-small.gopack$(sfx "$v")" "$work/$v/small"
      measure_noop "tree-big.gopack$(sfx "$v")" "$work/$v/big"
    done
  fi
  if has_case test; then
    measure test.go "$base/test" "${go_env[@]}" "$go_exe" test ./...
    has_case noop || measure noop.minsdk "$base/minsdk" dotnet_build
    for v in "${variants[@]}"; do
      measure "test.gopack$(sfx "$v")" "$work/$v/test" dotnet test -nodeReuse:false
      # The same project's no-op build: what dotnet test adds to it is GoTest, go test and its reporting.
      measure_noop "test-build.gopack$(sfx "$v")" "$work/$v/test"
    done
  fi
done

# ---------------------------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------------------------
m() { median "$1"; }
mc() { median "$1" "${cpu_samples[$1]:-}"; }
calc() { awk "BEGIN { printf \"%.2f\", $1 }"; }
results=()   # case|variant|value|value from CPU times|goal text|met
# The goal is met or not on wall time (what a user waits for); the same ratio from CPU times is printed beside it,
# for a loaded machine, where it is the steadier comparison.
goal() { # case, variant, expression over medians with M(name) placeholders, "<=", limit, unit
  local expr="$3" met wall cpu
  wall="$(calc "$(eval "echo \"${expr//M(/\$(m }\"")")"; cpu="$(calc "$(eval "echo \"${expr//M(/\$(mc }\"")")"
  [ "$6" = " ms" ] && { wall="${wall%.00}"; cpu="${cpu%.00}"; }
  met="$(awk -v v="$wall" -v l="$5" 'BEGIN { print (v <= l) ? "true" : "false" }')"
  results+=("$1|$2|$wall|$cpu|$4 $5$6|$met")
}
# A ratio shown beside the goals, with none of its own: what GoPack adds to the same go work (met: null).
reference() { # case, variant, expression as for goal
  local expr="$3"
  results+=("$1|$2|$(calc "$(eval "echo \"${expr//M(/\$(m }\"")")|$(calc "$(eval "echo \"${expr//M(/\$(mc }\"")")|reference, no goal|null")
}
for v in "${variants[@]}"; do
  s="$(sfx "$v")"
  if has_case noop; then
    goal "noop: GoPack / minimal package SDK" "$v" "M(noop.gopack$s) / M(noop.minsdk)" "<=" 1.25 x
    goal "noop: GoPack / empty C# class library" "$v" "M(noop.gopack$s) / M(noop.classlib)" "<=" 0.5 x
    goal "noop after dotnet run: GoPack / minimal package SDK" "$v" "M(noop-after-run.gopack$s) / M(noop.minsdk)" "<=" 1.25 x
    [ "$v" = A ] && reference "noop: minimal package SDK + Microsoft.Common, no Go logic / minimal package SDK" "" "M(noop.mincommon) / M(noop.minsdk)"
    reference "noop: GoPack / (minimal package SDK + Microsoft.Common)" "$v" "M(noop.gopack$s) / M(noop.mincommon)"
  fi
  if has_case edit; then
    goal "edit: GoPack / (go build + floor)" "$v" "M(edit.gopack$s) / (M(edit.go) + M(noop.minsdk))" "<=" 1.15 x
  fi
  if has_case cold; then
    goal "cold: GoPack / go" "$v" "M(cold.gopack$s) / M(cold.go)" "<=" 1.05 x
    reference "cold: GoPack / (go build + go vet)" "$v" "M(cold.gopack$s) / M(cold.go-vet)"
  fi
  if has_case mono; then
    goal "monorepo cold: dotnet build -m / go loop" "$v" "M(mono-cold.gopack$s) / M(mono-cold.go)" "<=" 1.15 x
    reference "monorepo cold: dotnet build -m / (go build + go vet) loop" "$v" "M(mono-cold.gopack$s) / M(mono-cold.go-vet)"
    goal "monorepo no-op: dotnet build -m" "$v" "M(mono-noop.gopack$s) / 1000" "<=" 2 " s"
  fi
  has_case tree && goal "tree: 50k-file tree - small tree (no-op)" "$v" "M(tree-big.gopack$s) - M(tree-small.gopack$s)" "<=" 100 " ms"
  if has_case test; then
    goal "test: (dotnet test - floor) / go test" "$v" "(M(test.gopack$s) - M(noop.minsdk)) / M(test.go)" "<=" 1.3 x
    reference "test: (dotnet test - its no-op dotnet build) / go test" "$v" "(M(test.gopack$s) - M(test-build.gopack$s)) / M(test.go)"
  fi
done

cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
load="$(cut -d' ' -f1-3 /proc/loadavg)"
header="GoPack.Sdk $(pkg_version "$nupkg")$(for v in "${variants[@]:1}"; do echo -n " ($v: $(pkg_version "${variant_nupkg[$v]}"))"; done), $("$go_exe" version | cut -d' ' -f3), .NET SDK $(dotnet --version), $(nproc) cores ($cpu), load $load, $runs runs"
echo
echo "$header"
echo
echo "| measurement | median ms | samples ms | CPU median ms |"
echo "|---|---:|---|---:|"
for name in "${order[@]}"; do printf '| %s | %s | %s | %s |\n' "$name" "$(m "$name")" "${samples[$name]% }" "$(median "$name" "${cpu_samples[$name]}")"; done
echo
echo "| case | variant | value | value from CPU times | goal | met |"
echo "|---|---|---:|---:|---|---|"
for r in "${results[@]}"; do IFS='|' read -r c v val cval g met <<<"$r"; printf '| %s | %s | %s | %s | %s | %s |\n' "$c" "$v" "$val" "$cval" "$g" "${met/null/—}"; done

json="$({
  printf '{\n  "gopack": "%s",\n' "$(pkg_version "$nupkg")"
  for v in "${variants[@]:1}"; do printf '  "gopack%s": "%s",\n' "$v" "$(pkg_version "${variant_nupkg[$v]}")"; done
  printf '  "go": "%s",\n  "dotnet": "%s",\n  "machine": {"cores": %s, "cpu": "%s", "load": "%s"},\n  "runs": %s,\n' \
    "$("$go_exe" version | cut -d' ' -f3)" "$(dotnet --version)" "$(nproc)" "$cpu" "$load" "$runs"
  printf '  "measurements": {'
  sep=""; for name in "${order[@]}"; do
    printf '%s\n    "%s": {"median_ms": %s, "samples_ms": [%s], "cpu_median_ms": %s, "cpu_samples_ms": [%s]}' "$sep" "$name" "$(m "$name")" \
      "$(echo "${samples[$name]% }" | tr ' ' ',')" "$(median "$name" "${cpu_samples[$name]}")" "$(echo "${cpu_samples[$name]% }" | tr ' ' ',')"; sep=","
  done
  printf '\n  },\n  "cases": ['
  sep=""; for r in "${results[@]}"; do
    IFS='|' read -r c v val cval g met <<<"$r"
    printf '%s\n    {"case": "%s", "variant": "%s", "value": %s, "cpu_value": %s, "goal": "%s", "met": %s}' "$sep" "$c" "$v" "$val" "$cval" "$g" "$met"; sep=","
  done
  printf '\n  ]\n}\n'
})"
echo; echo "$json"
[ -n "$json_file" ] && echo "$json" > "$json_file"
exit 0
