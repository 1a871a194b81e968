#!/usr/bin/env bash
# Runs the Bicep CLI from the NuGet package Azure.Bicep.CommandLine.linux-x64 (see tools/Bicep/Bicep.proj),
# restoring it first if it is missing. Usage: tools/bicep.sh build infra/main.bicep
set -euo pipefail

version=0.49.2
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# NuGet's global packages folder: NUGET_PACKAGES when set (as NuGet itself does), else ask dotnet.
root="${NUGET_PACKAGES:-$(dotnet nuget locals global-packages --list | sed -n 's/^global-packages: *//p')}"
root="${root%/}"
bicep="$root/azure.bicep.commandline.linux-x64/$version/tools/bicep"

if [[ ! -f "$bicep" ]]; then
  dotnet restore "$here/Bicep/Bicep.proj" --verbosity quiet >&2
fi
if [[ ! -f "$bicep" ]]; then
  echo "bicep.sh: restore did not produce $bicep" >&2
  exit 1
fi
# NuGet extraction does not always keep the executable bit.
[[ -x "$bicep" ]] || chmod +x "$bicep"

exec "$bicep" "$@"
