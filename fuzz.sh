#!/usr/bin/env bash
# ./fuzz.sh [seconds] [harness options]   the long fuzz run: every parser of the task library, coverage-guided, for
#                                         [seconds] of CPU time each (60 by default, GOPACK_FUZZ_SECONDS too), one child process
#                                         per core at a time at a lower priority (15 parsers, 2 cores: ~8 minutes).
# Options go to the harness (tests/GoPack.Sdk.Fuzz/Program.cs): --grow keeps new inputs up to 4 KB in
# tests/GoPack.Sdk.Fuzz/Corpus/<parser>/ (commit them: test.sh replays the corpus), --targets gomod,gowork picks
# parsers, --jobs N, --seed N, --out DIR (where findings go). Exit code 1 when a parser threw anything but its own
# error or its process died; each finding's input is saved, minimized, and `replay <parser> <file>` reruns it.
# test.sh runs no minutes of this: it replays the corpus and runs the harness for a few hundred seeded mutations.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${GOPACK_FUZZ_SECONDS:-60}"
if [ $# -gt 0 ] && [[ "$1" =~ ^[0-9]+$ ]]; then seconds="$1"; shift; fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_CLI_USE_MSBUILD_SERVER=0
dotnet build tests/GoPack.Sdk.Fuzz -nodeReuse:false -v:q -nologo
exec dotnet tests/GoPack.Sdk.Fuzz/bin/Debug/net10.0/GoPack.Sdk.Fuzz.dll run --seconds "$seconds" "$@"
