#!/usr/bin/env bash
# Fuzzes the AMI framing parser (and the event factory behind it) with AFL++ through SharpFuzz.
#   fuzz/run.sh [seconds]      default 300; findings go to fuzz/findings/ (not committed)
# Needs: dotnet SDK, AFL++ (apt-get install afl++), the sharpfuzz tool (installed below if missing).
# A crash: copy fuzz/findings/default/crashes/id* to fuzz/regressions/ (tests replay that folder),
# reproduce with: dotnet fuzz/AmiPs.Fuzz/bin/Release/net10.0/AmiPs.Fuzz.dll --replay fuzz/regressions
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-300}"

command -v afl-fuzz >/dev/null || { echo "Installing AFL++"; sudo apt-get install -y afl++ || apt-get install -y afl++; }
export PATH="$PATH:$HOME/.dotnet/tools"
command -v sharpfuzz >/dev/null || dotnet tool install --global SharpFuzz.CommandLine

dotnet build AmiPs.Fuzz -c Release -o out/bin 2>&1 | grep -E "error|rror\(s\)" || true
# Instrument only the code under test; the target and the runtime stay plain.
sharpfuzz out/bin/AmiPs.Core.dll

# Seeds: the recorded Asterisk transcripts, cut to 1 KiB, behind a first byte that picks the read size
# (and, with its high bit, whether the banner is expected).
rm -rf out/corpus && mkdir -p out/corpus
for f in ../../shared/fixtures/asterisk/*.ami; do
  name=$(basename "$f" .ami)
  { printf '\x07'; head -c 1024 "$f"; } > "out/corpus/$name"
  { printf '\x83'; tail -c +31 "$f" | head -c 1024; } > "out/corpus/$name-nobanner"
done
cp regressions/* out/corpus/ 2>/dev/null || true

export AFL_AUTORESUME=1 AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1
mkdir -p findings
afl-fuzz -i out/corpus -o findings -t 10000 -m none -V "$seconds" -- dotnet out/bin/AmiPs.Fuzz.dll
echo "Crashes: $(ls findings/default/crashes 2>/dev/null | grep -c '^id' || true); see findings/default/fuzzer_stats"
