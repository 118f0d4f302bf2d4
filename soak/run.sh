#!/usr/bin/env bash
# Soak run against the in-process simulator: traffic, a fault every --fault-every seconds, a fast and a slow consumer.
#   soak/run.sh                      10 minutes (default)
#   soak/run.sh --minutes 3 --rate 20 --fault-every 15 --warmup-minutes 0.5
# Prints a line every 10 s and PASS/FAIL per check at the end; exit code 0 when all pass.
set -euo pipefail
cd "$(dirname "$0")"
dotnet run -c Release --project AmiPs.Soak -- "$@"
