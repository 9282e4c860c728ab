#!/usr/bin/env sh
# Runs the rebind benchmark (bench/README.md). Any -D option is passed to Maven, e.g.
#   bench/run-rebind.sh -Dbench.sizes=1000 -Dbench.timeline=true   (add -o to stay offline)
# Not quiet on purpose: exec:exec prints the benchmark's output through Maven's log, which -q silences.
set -eu
cd "$(dirname "$0")/.."
exec mvn -Pbench compile exec:exec "$@"
