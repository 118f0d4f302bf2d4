#!/usr/bin/env bash
# Reproduces the figures of docs/benchmarks.md.
#   bench/run.sh            everything: build, micro benchmarks, stage timings, end-to-end runs with Node side by side
#   bench/run.sh quick      the CI guard only (a few seconds; exit 1 if events are lost, 2 on a crash; never on timing)
#   bench/run.sh pwsh [...] the headline: real pwsh processes (cold, then warm) through the pipelines people write,
#                           asterisk-manager and the engine's ceiling in the same run, latency, Import-Module cost;
#                           extra arguments: --events N (200,000), --repeat R (3), --only out-null,foreach,where-event,
#                           where-cause,eventtype,latency,startup, --startup-runs K
#   bench/run.sh r2r [...]  the same, with the root module and the simulator precompiled too (out/r2r/AmiPs; the
#                           shipped module already has ReadyToRun images of AmiPs.Core, build/ReadyToRun.targets)
#   bench/run.sh e2e [...]  only the end-to-end runs, 3 of each; extra arguments go to AmiPs.Throughput and win over
#                           the defaults here (--events N, --only dotnet,ps-null, --server bench, --repeat 1, --in-process)
# The flood server runs in its own process (AmiPs.Throughput --serve), so the client's figures are the client's alone.
set -euo pipefail
cd "$(dirname "$0")/.."

dotnet build AmiPs.sln -c Release -nologo -v q   # the module lands in out/AmiPs; a failed build stops the script
dotnet build bench/AmiPs.Throughput -c Release -nologo -v q
throughput=(dotnet bench/AmiPs.Throughput/bin/Release/net10.0/AmiPs.Throughput.dll)

# asterisk-manager 0.2.0, the most used Node AMI client, into a scratch folder (gitignored) for the side-by-side run.
install_node() {
  if command -v npm >/dev/null && [ ! -f bench/.node/node_modules/asterisk-manager/package.json ]; then
    mkdir -p bench/.node
    [ -f bench/.node/package.json ] || echo '{"name":"amips-bench-node","private":true}' > bench/.node/package.json
    (cd bench/.node && npm install --no-audit --no-fund --silent asterisk-manager@0.2.0)
  fi
}

mode="${1:-all}"
[ $# -gt 0 ] && shift
case "$mode" in
  quick)
    exec "${throughput[@]}" --quick "$@"
    ;;
  pwsh)
    dotnet tool restore >/dev/null   # pwsh 7.6.9 from the repository's manifest: `dotnet pwsh`
    install_node
    exec "${throughput[@]}" --pwsh "$@"
    ;;
  r2r)
    # The same runs with ReadyToRun copies of AmiPs.dll and AmiPs.Simulator.dll too (out/r2r/AmiPs, linux-x64 only):
    # how much the parts the shipped module keeps in IL (the root module, which PowerShell loads by path) still cost.
    dotnet publish bench/ReadyToRun -c Release -o bench/ReadyToRun/bin/publish -nologo -v q
    rm -rf out/r2r && mkdir -p out/r2r && cp -r out/AmiPs out/r2r/AmiPs
    cp bench/ReadyToRun/bin/publish/AmiPs.dll out/r2r/AmiPs/
    cp bench/ReadyToRun/bin/publish/AmiPs.Simulator.dll out/r2r/AmiPs/Dependencies/
    dotnet tool restore >/dev/null
    install_node
    AMIPS_MODULE_ROOT="$PWD/out/r2r" exec "${throughput[@]}" --pwsh "$@"
    ;;
  e2e|all)
    install_node
    if [ "$mode" = all ]; then
      dotnet build bench/AmiPs.Benchmarks -c Release -nologo -v q
      # In-process benchmarks (BenchmarkDotNet, MemoryDiagnoser): ns and bytes per event of each stage.
      dotnet bench/AmiPs.Benchmarks/bin/Release/net10.0/AmiPs.Benchmarks.dll --filter '*' --job short --iterationCount 15
      # The same stages timed by thread CPU time (stable on a shared machine).
      "${throughput[@]}" --micro all --rounds 15
    fi
    # Three runs of each: one run on a shared machine says little; the median and the range say more.
    "${throughput[@]}" --repeat 3 "$@"
    # The same .NET runs with a 16 MB gen0 budget: shows how much of the working-set growth is the GC's budget
    # (sized from the L3 cache) rather than memory the session holds.
    echo "--- with DOTNET_GCgen0size=0x1000000 (16 MB gen0 budget)"
    DOTNET_GCgen0size=0x1000000 "${throughput[@]}" --only dotnet,stalled
    ;;
  *)
    echo "usage: bench/run.sh [all|quick|e2e|pwsh|r2r] [AmiPs.Throughput options]" >&2
    exit 64
    ;;
esac
