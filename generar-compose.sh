#!/usr/bin/env bash
# Writes a Docker Compose file with a server and N clients (client1..clientN).
# Usage: ./generar-compose.sh <output-file> <clients> [--mode echo|bet|agency]
# The work is done by generar-compose.ts; this wrapper only checks that enough
# arguments were given and finds the generator from any working directory.
set -euo pipefail

if (($# < 2)); then
  echo "Usage: $0 <output-file> <clients> [--mode echo|bet|agency]" >&2
  exit 1
fi

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
exec deno run --quiet --allow-read --allow-write --config "$here/deno.json" \
  "$here/generar-compose.ts" "$@"
