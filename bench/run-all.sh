#!/usr/bin/env bash
# Runs the engine's standard benchmark set (issues 2, 3 and 4) and prints one line per run.
# Run it on an otherwise idle machine: ./bench/run-all.sh | tee /tmp/flinq-bench.txt
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build bench/Flinq.Benchmarks -c Release 2>&1 | grep -E " error |Build succeeded" >&2
bench() { dotnet bench/Flinq.Benchmarks/bin/Release/net10.0/Flinq.Benchmarks.dll "$@" | grep -v warm-up; }

bench stateless --records 50000000 --parallelism 1 --runs 3
bench stateless --records 50000000 --parallelism 2 --runs 3
bench keyed-count --records 50000000 --keys 1000 --parallelism 1 --runs 3
bench keyed-count --records 50000000 --keys 1000 --parallelism 2 --runs 3
bench tumbling-count --records 50000000 --keys 1000 --runs 2
bench tumbling-count-disorder --records 50000000 --keys 1000 --runs 2
bench sliding-count --records 20000000 --keys 1000 --runs 1
bench session-count --records 10000000 --keys 1000 --runs 1
bench tumbling-count --records 50000000 --keys 1000 --runs 2 --checkpoint-interval-ms 1000
bench checkpoint-size --keys 8000000 --value-bytes 100
