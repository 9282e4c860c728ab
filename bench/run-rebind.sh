#!/usr/bin/env sh
# Runs the rebind benchmark (bench/README.md). Any -D option is passed to Maven, e.g.
#   bench/run-rebind.sh -o -Dbench.sizes=1000 -Dbench.timeline=true   (-o: offline, from the local repository)
# Not quiet on purpose: exec:exec prints the benchmark's output through Maven's log, which -q silences.
set -eu
cd "$(dirname "$0")/.."
exec mvn -Pbench compile exec:exec "$@"
