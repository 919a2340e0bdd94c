#!/usr/bin/env bash
# The per-weight kernel's GFLOP/s against this machine's DGEMM ceiling, measured in the same run
# (docs/BENCHMARKS.md): OpenBLAS DGEMM through numpy on the same number of threads (square
# matrices, the best of a few products), then SineWpBenchmark, whose GFLOP/s count the peer's way
# (2 flops per multiply-add of the recurrent, input and output layers). Needs python3 with numpy.
#
#   bench/dgemm-ceiling.sh [HIDDEN] [THREADS] [ROUNDS]       (JAR: another build than target/)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
hidden="${1:-32}"
threads="${2:-2}"
rounds="${3:-3}"
jar="${JAR:-$here/target/chemotaxis-all.jar}"
[ -f "$jar" ] || (cd "$here" && ./mvnw -B -q -DskipTests package)
python3 -c 'import numpy' 2>/dev/null || { echo "dgemm-ceiling: needs python3 with numpy (OpenBLAS)" >&2; exit 2; }
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

dgemm() {
  OPENBLAS_NUM_THREADS="$threads" OMP_NUM_THREADS="$threads" python3 - <<'PY'
import time, numpy as np
n = 2048
a = np.random.default_rng(1).standard_normal((n, n))
b = np.random.default_rng(2).standard_normal((n, n))
a @ b
times = []
for _ in range(5):
    t0 = time.perf_counter()
    a @ b
    times.append(time.perf_counter() - t0)
print(f"{2 * n ** 3 / min(times) / 1e9:.1f}")
PY
}

for r in $(seq 1 "$rounds"); do
  ceiling=$(dgemm)
  out=$("$java" --add-modules jdk.incubator.vector -jar "$jar" bench --path gradient --hidden "$hidden" \
        --threads "$threads" --reps 5 2>/dev/null | grep seconds_per_gradient | tail -1)
  kernel=$(sed -E 's/.*"gflops": *([0-9.]+).*/\1/' <<<"$out")
  echo "round $r  load $(cut -d' ' -f1 /proc/loadavg)  DGEMM $ceiling GFLOP/s  kernel H=$hidden $kernel GFLOP/s" \
       " = $(awk -v k="$kernel" -v c="$ceiling" 'BEGIN{printf "%.0f%%", 100 * k / c}') of the ceiling"
done
