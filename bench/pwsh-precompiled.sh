#!/usr/bin/env bash
# A copy of the `dotnet pwsh` tool (PowerShell 7.6.9 from NuGet, whose engine assemblies are IL only) with PowerShell's
# own assemblies precompiled by crossgen2, as PowerShell's installer packages ship them: to tell how much of a fresh
# process's start-up is the tool's IL-only engine and how much is AmiPs's.
#   bench/pwsh-precompiled.sh           builds bench/.pwsh-precompiled (gitignored) and prints the path of its launcher
# Then, e.g.: dotnet pwsh -NoProfile -File bench/health-startup.ps1 -Repeat 9 -Pwsh "$(bench/pwsh-precompiled.sh)"
# Linux x64 only (the crossgen2 package restored by build/ReadyToRun.targets for the module's own images).
set -euo pipefail
cd "$(dirname "$0")/.."
version=7.6.9
packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
tool="$packages/powershell/$version/tools/net10.0/any/unix"
[ -d "$tool" ] || dotnet tool restore >/dev/null
crossgen=$(ls -d "$packages"/microsoft.netcore.app.crossgen2.linux-x64/*/tools/crossgen2 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$crossgen" ]; then
  dotnet build AmiPs.sln -c Release -nologo -v q >/dev/null   # restores crossgen2 for the module's images
  crossgen=$(ls -d "$packages"/microsoft.netcore.app.crossgen2.linux-x64/*/tools/crossgen2 | sort -V | tail -1)
fi
runtime=$(dotnet --list-runtimes | awk '$1 == "Microsoft.NETCore.App" && $2 ~ /^10\./ { sub(/^\[/, "", $3); sub(/\]$/, "", $3); dir = $3 "/" $2 } END { print dir }')
target=bench/.pwsh-precompiled
if [ ! -f "$target/.done" ]; then
  rm -rf "$target" && cp -r "$tool" "$target"
  for assembly in System.Management.Automation Microsoft.PowerShell.ConsoleHost Microsoft.PowerShell.Commands.Utility \
      Microsoft.PowerShell.Commands.Management Microsoft.PowerShell.Security Microsoft.PowerShell.MarkdownRender pwsh \
      Microsoft.ApplicationInsights Newtonsoft.Json; do
    "$crossgen" "$tool/$assembly.dll" -o "$target/$assembly.dll" -r "$runtime/*.dll" -r "$tool/*.dll" --targetos linux --targetarch x64 -O >/dev/null
  done
  printf '#!/bin/sh\nexec dotnet "%s/pwsh.dll" "$@"\n' "$PWD/$target" > "$target/pwsh"
  chmod +x "$target/pwsh"
  touch "$target/.done"
fi
echo "$PWD/$target/pwsh"
