#!/usr/bin/env bash
# Before and after, back to back: bench/compare.sh <checkout of the "before" commit> <section>...
# Sections: matching matching-full fanout-sqlite fanout-postgres tick-sqlite tick-postgres load-sqlite load-postgres
# steady-sqlite steady-postgres report-sqlite report-postgres dashboard-sqlite dashboard-postgres. steady-<db> runs the
# load benchmark as an open loop (`--rate`) at each of COMPARE_RATES actions a second (default "150 250"), 2,000
# requests, the work after the acks given 15 s, before and after alternately. tick-<db> alternates the 10,000-nudge pass alone
# (`--no-drain`) before and after, COMPARE_TICK_PAIRS times (default 3). "After" is this checkout. Each run's output goes to
# bench-logs/<section>-<before|after>.log with its commit, start and end time and the load average; the
# summary lines go to stdout. The "before" checkout needs `npm ci` (and the same database schema for load).
set -u
AFTER=$(cd "$(dirname "$0")/.." && pwd)
BEFORE=$(cd "${1:?usage: bench/compare.sh <before checkout> <section>...}" && pwd)
shift
LOGS=${COMPARE_LOGS:-$AFTER/bench-logs}
mkdir -p "$LOGS"
run() { # name dir command...
  local name=$1 dir=$2
  shift 2
  {
    echo "### $name at $(git -C "$dir" rev-parse --short HEAD) start $(date -u +%H:%M:%S) load: $(cut -d' ' -f1-3 /proc/loadavg)"
    (cd "$dir" && "$@") 2>&1
    echo "### end $(date -u +%H:%M:%S) load: $(cut -d' ' -f1-3 /proc/loadavg)"
  } >"$LOGS/$name.log"
  grep -h "^###" "$LOGS/$name.log"
}
for s in "$@"; do
  db=${s#*-}
  case $s in
    matching)
      run matching-before "$BEFORE" npx tsx bench/matching/run.ts --quick
      run matching-after "$AFTER" npx tsx bench/matching/run.ts --quick ;;
    matching-full)
      run matching-full-before "$BEFORE" npx tsx bench/matching/run.ts
      run matching-full-after "$AFTER" npx tsx bench/matching/run.ts ;;
    tick-*)
      for i in $(seq "${COMPARE_TICK_PAIRS:-3}"); do
        run "$s-before-$i" "$BEFORE" npx tsx bench/fanout/run.ts --pairs 10000 --db "$db" --no-drain
        run "$s-after-$i" "$AFTER" npx tsx bench/fanout/run.ts --pairs 10000 --db "$db" --no-drain
      done ;;
    fanout-*)
      run "$s-after" "$AFTER" npx tsx bench/fanout/run.ts --pairs 10000 --db "$db"
      run "$s-before" "$BEFORE" npx tsx bench/fanout/run.ts --pairs 10000 --db "$db" ;;
    load-*)
      run "$s-before" "$AFTER" env LOAD_APP_SRC="$BEFORE" npx tsx bench/load/run.ts --db "$db"
      run "$s-after" "$AFTER" npx tsx bench/load/run.ts --db "$db" ;;
    steady-*)
      for rate in ${COMPARE_RATES:-150 250}; do
        for side in before after; do
          app=$([ $side = before ] && echo "$BEFORE" || echo "$AFTER")
          run "$s-$rate-$side" "$AFTER" env LOAD_APP_SRC="$app" LOAD_SETTLE_MS=15000 \
            npx tsx bench/load/run.ts --db "$db" --rate "$rate" --requests 2000
        done
      done ;;
    report-* | dashboard-*)
      bench=${s%%-*}
      run "$s-before" "$BEFORE" npx tsx "bench/$bench/run.ts" --db "$db"
      run "$s-after" "$AFTER" npx tsx "bench/$bench/run.ts" --db "$db" ;;
    *) echo "unknown section $s" >&2; exit 2 ;;
  esac
done
