#!/usr/bin/env bash
# ossgate benchmark: direct-to-origin vs through ossgate vs through a tuned nginx reverse proxy,
# measured in ONE interleaved run so that machine noise hits all three targets alike.
#
#   bash src/bench/run-bench.sh            # from the repository root; ~10 minutes on 2 cores
#
# What it does
#   1. Installs nginx, wrk and curl with apt-get when missing (if it can; without nginx the
#      nginx comparison is skipped and the ossgate emulator serves as the origin).
#   2. Builds target/ossgate.jar when missing (mvn package -DskipTests).
#   3. Starts, all on 127.0.0.1 with free ports:
#        origin  nginx serving static files (1 KiB, 64 KiB, 100 MiB, 1 GiB of random bytes) for
#                any Host, sendfile on; or, without nginx, `ossgate emulator` with generated objects
#        ossgate `ossgate run` with one site (bench.local -> bucket bench-bucket, endpoint internet,
#                upstream.scheme http, upstream.resolve pinned to the origin)
#        nginx   a second nginx instance as a tuned reverse proxy to the same origin (upstream
#                keepalive 64, HTTP/1.1, no buffering, Host rewritten to the bucket domain)
#   4. Warms every target up (JIT), then for ROUNDS rounds measures each figure on the three
#      targets back to back, rotating which target goes first each round:
#        - 1 KiB GET   req/s, p50, p99   (wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency)
#        - 64 KiB GET  req/s, p50, p99   (same)
#        - one 1 GiB stream, MB/s        (curl; ossgate's and nginx's RSS are polled meanwhile)
#        - $PAR_STREAMS parallel 100 MiB streams, aggregate MB/s
#      and reports the median of the rounds, with the spread of ossgate/nginx over the rounds.
#      MB = 10^6 bytes.
#   5. Prints a Markdown table (plus RSS, machine info and every round's raw values) and writes
#      it to bench-results/latest.md (the folder is gitignored).
#   Everything started is stopped by an EXIT trap; every wait loop is bounded.
#
# Knobs (environment variables)
#   DURATION=10            seconds per wrk run
#   ROUNDS=5               measured rounds (the median is reported; 5, not 3: on a shared machine
#                          one round in three could swing a p99 median by 20-40%)
#   WARMUP=15              seconds of wrk per target and size before round 1 (0 = none); the JIT
#                          of ossgate is not done after 5 s (round 1 then measured 56 µs per
#                          1 KiB request against 30-36 in rounds 2 and 3)
#   WARMUP_SLICES=3        the warm-up alternates sizes (1k, 64k, 1k, ...) in this many slices of
#                          WARMUP/WARMUP_SLICES seconds each, as the measured rounds do
#   WARMUP_MIXED=20        then this many seconds of every workload at once per target (1 KiB and
#                          64 KiB wrk side by side while the streams run), as production traffic
#                          mixes them; 0 = none. Without it ossgate's JIT still recompiled the
#                          request path at each change of size (docs/benchmark.md, ninth round)
#   THREADS=2 CONNECTIONS=64   wrk threads and connections
#   SKIP_NGINX=0           1 = do not start the nginx proxy (the origin is still nginx if installed)
#   ORIGIN=auto            auto | nginx | emulator
#   FIGURES="1k 64k big par"   which figures to measure (subset for quick experiments)
#   BIG_MIB=1024 PAR_MIB=100 PAR_STREAMS=8   stream sizes and parallelism
#   OSSGATE_EVENT_LOOPS=$(nproc)   ossgate --event-loops
#   OSSGATE_TRANSPORT=auto         ossgate --transport (auto | io_uring | epoll | nio)
#   OSSGATE_JAVA_OPTS="-Xms32m -Xmx96m -XX:+UseSerialGC -Dio.netty.allocator.type=pooled
#     -XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=10000" (the last two when the JDK has it)
#                          JVM flags for ossgate (the recommended production flags, see
#                          docs/benchmark.md; set to " " to measure the JVM defaults)
#   OSSGATE_JAR=target/ossgate.jar
#   NGINX_PROXY_WORKERS=auto   worker_processes of the nginx proxy
#   OUT=bench-results/latest.md   where the report goes
#   KEEP_TMP=0             1 = keep the temporary directory (configs, logs) for inspection
#   REFERENCE=0            1 = also measure a bare Netty proxy with ossgate's JVM flags, the floor
#                          under ossgate's figures on this machine
#                          (src/bench/java/io/ossgate/bench/BareNettyProxy.java)
set -euo pipefail

DURATION=${DURATION:-10}
ROUNDS=${ROUNDS:-5}
WARMUP=${WARMUP:-15}
WARMUP_SLICES=${WARMUP_SLICES:-3}
WARMUP_MIXED=${WARMUP_MIXED:-20}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-64}
SKIP_NGINX=${SKIP_NGINX:-0}
ORIGIN=${ORIGIN:-auto}
FIGURES=${FIGURES:-"1k 64k big par"}
BIG_MIB=${BIG_MIB:-1024}
PAR_MIB=${PAR_MIB:-100}
PAR_STREAMS=${PAR_STREAMS:-8}
OSSGATE_EVENT_LOOPS=${OSSGATE_EVENT_LOOPS:-$(nproc)}
OSSGATE_TRANSPORT=${OSSGATE_TRANSPORT:-auto}
# The heap holds only per-request objects (bodies stream through direct memory), so 96 MiB is
# ample. (-Xmn24m halved the young GCs but added 10-15 MiB to the peak RSS: docs/benchmark.md,
# fifth round.) C2's compiler arenas are malloc'd and stay in RSS until glibc trims them: JDKs that
# have TrimNativeHeapInterval (17.0.9+, 21+) return them to the OS every 10 s. Not more often:
# a trim stalls the process for milliseconds, and every 2 s took the 64 KiB p99 from ~11 to ~30 ms.
if [[ -z ${OSSGATE_JAVA_OPTS:-} ]]; then
  OSSGATE_JAVA_OPTS="-Xms32m -Xmx96m -XX:+UseSerialGC -Dio.netty.allocator.type=pooled"
  if java -XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=10000 -version >/dev/null 2>&1; then
    OSSGATE_JAVA_OPTS+=" -XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=10000"
  fi
fi
OSSGATE_JAR=${OSSGATE_JAR:-target/ossgate.jar}
NGINX_PROXY_WORKERS=${NGINX_PROXY_WORKERS:-auto}
OUT=${OUT:-bench-results/latest.md}
KEEP_TMP=${KEEP_TMP:-0}
REFERENCE=${REFERENCE:-0}

SITE_HOST=bench.local
BUCKET=bench-bucket
REGION=cn-hangzhou
BUCKET_HOST="$BUCKET.oss-$REGION.aliyuncs.com"
TARGETS=(direct ossgate nginx)

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

[[ -f pom.xml && -d src/main ]] || die "run from the repository root: bash src/bench/run-bench.sh"

# ---------------------------------------------------------------- cleanup
PIDS=()
TMP=$(mktemp -d "${TMPDIR:-/tmp}/ossgate-bench.XXXXXX")
cleanup() {
  local pid i
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for ((i = 0; i < 50; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  if [[ $KEEP_TMP == 1 ]]; then log "kept $TMP"; else rm -rf "$TMP"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- tools
have() { command -v "$1" >/dev/null 2>&1; }
install_missing() {
  local missing=()
  have wrk || missing+=(wrk)
  have curl || missing+=(curl)
  have nginx || missing+=(nginx)
  ((${#missing[@]} == 0)) && return 0
  if have apt-get && [[ $(id -u) == 0 ]]; then
    log "installing ${missing[*]} with apt-get"
    timeout 300 apt-get update -qq >/dev/null 2>&1 || log "apt-get update failed"
    timeout 600 env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 \
      || log "apt-get install ${missing[*]} failed"
  else
    log "cannot install ${missing[*]} (need root and apt-get)"
  fi
}
install_missing
have wrk || die "wrk is required"
have curl || die "curl is required"
have java || die "java is required"
HAVE_NGINX=0
have nginx && HAVE_NGINX=1
if [[ $HAVE_NGINX == 0 ]]; then
  log "NOTE: nginx is not installed: skipping the nginx comparison; the origin is the ossgate emulator"
  SKIP_NGINX=1
fi
if [[ $ORIGIN == auto ]]; then
  ORIGIN=$([[ $HAVE_NGINX == 1 ]] && echo nginx || echo emulator)
fi
[[ $ORIGIN == nginx && $HAVE_NGINX == 0 ]] && die "ORIGIN=nginx but nginx is not installed"
if [[ $SKIP_NGINX == 1 ]]; then TARGETS=(direct ossgate); fi
# The reference: a bare Netty proxy (src/bench/java/io/ossgate/bench/BareNettyProxy.java) with
# ossgate's JVM flags, transport and loops: what a JVM proxy reaches on this machine, features aside.
if [[ $REFERENCE == 1 ]]; then TARGETS+=(bare); fi

if [[ ! -f $OSSGATE_JAR ]]; then
  log "building $OSSGATE_JAR"
  mvn -q -B package -DskipTests || die "build failed"
fi

# ---------------------------------------------------------------- helpers
free_port() {
  if have python3; then
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
    return
  fi
  local p i
  for ((i = 0; i < 100; i++)); do
    p=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
  done
  die "no free port found"
}

# wait_http URL HOST [PID]: until URL answers with any HTTP status (bounded: 150 x 0.2 s);
# gives up at once when PID (the server being waited for) has exited.
wait_http() {
  local url=$1 host=$2 pid=${3:-} i code
  for ((i = 0; i < 150; i++)); do
    if [[ -n $pid ]] && ! kill -0 "$pid" 2>/dev/null; then return 1; fi
    code=$(curl -s -o /dev/null -m 2 -H "Host: $host" -w '%{http_code}' "$url" 2>/dev/null || true)
    [[ $code != 000 && -n $code ]] && return 0
    sleep 0.2
  done
  return 1
}

# rss_kib PID...: summed VmRSS of the processes, in KiB.
rss_kib() {
  local total=0 pid v
  for pid in "$@"; do
    v=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
    total=$((total + ${v:-0}))
  done
  echo "$total"
}
hwm_kib() { awk '/^VmHWM:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
nginx_pids() { echo "$1"; pgrep -P "$1" 2>/dev/null || true; }

median() { sort -g | awk '{a[NR] = $1} END {if (NR == 0) {print "nan"} else if (NR % 2) {print a[(NR + 1) / 2]} else {print (a[NR / 2] + a[NR / 2 + 1]) / 2}}'; }

# to_ms VALUE_WITH_UNIT (wrk prints 512.00us, 1.23ms, 1.02s, 1.5m)
to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
    if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000
    printf "%.3f", n }'
}

# ---------------------------------------------------------------- targets
url_of() {
  case $1 in
    direct) echo "http://127.0.0.1:$ORIGIN_PORT" ;;
    ossgate) echo "http://127.0.0.1:$GATE_PORT" ;;
    nginx) echo "http://127.0.0.1:$PROXY_PORT" ;;
    bare) echo "http://127.0.0.1:$BARE_PORT" ;;
  esac
}
host_of() {
  case $1 in
    direct) echo "$BUCKET_HOST" ;;
    *) echo "$SITE_HOST" ;;
  esac
}

ORIGIN_PORT=$(free_port)
GATE_PORT=$(free_port)
ADMIN_PORT=$(free_port)
PROXY_PORT=$(free_port)
while [[ $GATE_PORT == "$ORIGIN_PORT" || $ADMIN_PORT == "$GATE_PORT" || $ADMIN_PORT == "$ORIGIN_PORT" \
  || $PROXY_PORT == "$ORIGIN_PORT" || $PROXY_PORT == "$GATE_PORT" || $PROXY_PORT == "$ADMIN_PORT" ]]; do
  PROXY_PORT=$(free_port); ADMIN_PORT=$(free_port); GATE_PORT=$(free_port)
done
BARE_PORT=$(free_port)
while [[ " $ORIGIN_PORT $GATE_PORT $ADMIN_PORT $PROXY_PORT " == *" $BARE_PORT "* ]]; do BARE_PORT=$(free_port); done

nginx_common() { # $1 = instance dir
  cat <<EOF
daemon off;
user root;
pid $1/nginx.pid;
error_log $1/error.log warn;
EOF
}
nginx_http_common() {
  cat <<EOF
  access_log off;
  client_body_temp_path $1/body;
  proxy_temp_path $1/proxy;
  fastcgi_temp_path $1/fastcgi;
  uwsgi_temp_path $1/uwsgi;
  scgi_temp_path $1/scgi;
  default_type application/octet-stream;
  tcp_nodelay on;
  keepalive_timeout 120s;
  keepalive_requests 1000000;
EOF
}

start_origin() {
  local data=$TMP/data/bench
  mkdir -p "$data"
  head -c 1024 /dev/urandom >"$data/1k.bin"
  head -c $((64 * 1024)) /dev/urandom >"$data/64k.bin"
  # 1 MiB of random bytes repeated: incompressible for any purpose here and fast to write.
  head -c $((1024 * 1024)) /dev/urandom >"$TMP/seed.bin"
  local i
  for ((i = 0; i < PAR_MIB; i++)); do cat "$TMP/seed.bin"; done >"$data/par.bin"
  for ((i = 0; i < BIG_MIB; i++)); do cat "$TMP/seed.bin"; done >"$data/big.bin"
  if [[ $ORIGIN == nginx ]]; then
    local dir=$TMP/origin
    mkdir -p "$dir"
    {
      nginx_common "$dir"
      echo "worker_processes auto;"
      echo "events { worker_connections 4096; }"
      echo "http {"
      nginx_http_common "$dir"
      cat <<EOF
  sendfile on;
  tcp_nopush on;
  server {
    listen 127.0.0.1:$ORIGIN_PORT default_server;
    server_name _;
    root $TMP/data;
    location / { }
  }
}
EOF
    } >"$dir/nginx.conf"
    nginx -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" >"$dir/stdout.log" 2>&1 &
    PIDS+=($!)
  else
    cat >"$TMP/emulator.yaml" <<EOF
bind: 127.0.0.1
control: false
buckets:
  - {name: $BUCKET, region: $REGION}
endpoints:
  - {type: internet, port: $ORIGIN_PORT}
objects:
  - {bucket: $BUCKET, key: bench/1k.bin, size: 1KiB, seed: 1}
  - {bucket: $BUCKET, key: bench/64k.bin, size: 64KiB, seed: 2}
  - {bucket: $BUCKET, key: bench/par.bin, size: ${PAR_MIB}MiB, seed: 3}
  - {bucket: $BUCKET, key: bench/big.bin, size: ${BIG_MIB}MiB, seed: 4}
EOF
    java -jar "$OSSGATE_JAR" emulator --config "$TMP/emulator.yaml" >"$TMP/emulator.log" 2>&1 &
    PIDS+=($!)
  fi
  wait_http "http://127.0.0.1:$ORIGIN_PORT/bench/1k.bin" "$BUCKET_HOST" "${PIDS[-1]}" || die "origin ($ORIGIN) did not start"
}

start_ossgate() {
  cat >"$TMP/ossgate.yaml" <<EOF
server:
  http: 127.0.0.1:$GATE_PORT
admin:
  listen: 127.0.0.1:$ADMIN_PORT
upstream:
  scheme: http
  resolve:
    $BUCKET_HOST: 127.0.0.1:$ORIGIN_PORT
sites:
  - name: bench
    domains: [$SITE_HOST]
    bucket: $BUCKET
    region: $REGION
    endpoints: [internet]
EOF
  # shellcheck disable=SC2086
  java $OSSGATE_JAVA_OPTS -jar "$OSSGATE_JAR" run --config "$TMP/ossgate.yaml" \
    --event-loops "$OSSGATE_EVENT_LOOPS" --transport "$OSSGATE_TRANSPORT" >"$TMP/ossgate.log" 2>&1 &
  GATE_PID=$!
  PIDS+=("$GATE_PID")
  if ! wait_http "http://127.0.0.1:$ADMIN_PORT/health" localhost "$GATE_PID"; then
    tail -20 "$TMP/ossgate.log" >&2
    die "ossgate did not start"
  fi
  wait_http "http://127.0.0.1:$GATE_PORT/bench/1k.bin" "$SITE_HOST" || die "ossgate does not answer"
  # Which transport do the event loops use? The startup line says: "... event loops, transport X)".
  TRANSPORT=$(grep -o 'transport [a-z_]*' "$TMP/ossgate.log" | head -1 | cut -d' ' -f2)
  TRANSPORT=${TRANSPORT:-unknown}
  log "ossgate pid $GATE_PID on :$GATE_PORT, $OSSGATE_EVENT_LOOPS event loops, transport: $TRANSPORT"
}

start_bare_proxy() {
  # shellcheck disable=SC2086
  java $OSSGATE_JAVA_OPTS -cp "$OSSGATE_JAR" src/bench/java/io/ossgate/bench/BareNettyProxy.java "$BARE_PORT" "$ORIGIN_PORT" \
    "$BUCKET_HOST" "$OSSGATE_EVENT_LOOPS" "$OSSGATE_TRANSPORT" >"$TMP/bare.log" 2>&1 &
  BARE_PID=$!
  PIDS+=("$BARE_PID")
  if ! wait_http "http://127.0.0.1:$BARE_PORT/bench/1k.bin" "$SITE_HOST" "$BARE_PID"; then
    tail -20 "$TMP/bare.log" >&2
    die "the bare Netty proxy did not start"
  fi
  log "$(grep -m1 "bare netty proxy" "$TMP/bare.log"), pid $BARE_PID"
}

start_nginx_proxy() {
  local dir=$TMP/proxy
  mkdir -p "$dir"
  {
    nginx_common "$dir"
    echo "worker_processes $NGINX_PROXY_WORKERS;"
    echo "events { worker_connections 4096; }"
    echo "http {"
    nginx_http_common "$dir"
    cat <<EOF
  upstream oss {
    server 127.0.0.1:$ORIGIN_PORT;
    keepalive 64;
    keepalive_requests 1000000;
  }
  server {
    listen 127.0.0.1:$PROXY_PORT default_server;
    server_name $SITE_HOST;
    location / {
      proxy_pass http://oss;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $BUCKET_HOST;
      proxy_buffering off;
      proxy_buffer_size 64k;
      proxy_buffers 8 64k;           # needed for busy_buffers >= buffer_size; unused unbuffered
      proxy_busy_buffers_size 128k;
      proxy_request_buffering off;
    }
  }
}
EOF
  } >"$dir/nginx.conf"
  nginx -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" >"$dir/stdout.log" 2>&1 &
  PROXY_PID=$!
  PIDS+=("$PROXY_PID")
  if ! wait_http "http://127.0.0.1:$PROXY_PORT/bench/1k.bin" "$SITE_HOST" "$PROXY_PID"; then
    tail -5 "$dir/error.log" >&2
    die "nginx proxy did not start"
  fi
}

# ---------------------------------------------------------------- measurements
RAW=$TMP/raw.tsv # round target figure value
WARNINGS=()
record() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >>"$RAW"; }

# CPU time of a proxy, which on a shared machine says more than its req/s: user + system clock
# ticks of the process (nginx: master and workers), from /proc. Direct has no proxy: empty.
HZ=$(getconf CLK_TCK)
proxy_pids() {
  case $1 in
    ossgate) echo "$GATE_PID" ;;
    nginx) nginx_pids "$PROXY_PID" ;;
    bare) echo "$BARE_PID" ;;
  esac
}
cpu_ticks() { # PID...
  local p total=0 f
  for p in "$@"; do
    f=$(sed 's/.*) //' "/proc/$p/stat" 2>/dev/null) || continue
    total=$((total + $(awk '{print $12 + $13}' <<<"$f")))
  done
  echo "$total"
}

# run_wrk ROUND TARGET SIZE SECONDS: records req/s, p50, p99 (round "warmup" records nothing).
run_wrk() {
  local round=$1 target=$2 size=$3 secs=$4 out pids=() ticks0
  mapfile -t pids < <(proxy_pids "$target")
  ticks0=$(cpu_ticks "${pids[@]}")
  out=$(timeout $((secs + 60)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${secs}s" --latency \
    -H "Host: $(host_of "$target")" "$(url_of "$target")/bench/$size.bin" 2>&1) || {
    WARNINGS+=("wrk failed: $target $size round $round")
    return 0
  }
  if grep -q 'Non-2xx\|Socket errors' <<<"$out"; then
    WARNINGS+=("$target $size round $round: $(grep 'Non-2xx\|Socket errors' <<<"$out" | tr -s ' ' | tr '\n' ' ')")
  fi
  [[ $round == warmup ]] && return 0
  local rps p50 p99
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  p50=$(to_ms "$(awk '$1 == "50%" {print $2}' <<<"$out")")
  p99=$(to_ms "$(awk '$1 == "99%" {print $2}' <<<"$out")")
  record "$round" "$target" "${size}_rps" "$rps"
  record "$round" "$target" "${size}_p50" "$p50"
  record "$round" "$target" "${size}_p99" "$p99"
  if ((${#pids[@]})); then
    local requests
    requests=$(awk '/requests in/ {print $1}' <<<"$out")
    record "$round" "$target" "${size}_cpu_us" "$(awk -v t=$(($(cpu_ticks "${pids[@]}") - ticks0)) -v hz="$HZ" -v r="$requests" \
      'BEGIN {if (r > 0) printf "%.1f", t / hz * 1e6 / r; else print "nan"}')"
  fi
  log "round $round $target $size: $rps req/s, p50 ${p50} ms, p99 ${p99} ms"
}

# run_big ROUND TARGET: one BIG_MIB stream; polls the proxy's RSS meanwhile.
run_big() {
  local round=$1 target=$2 res pid peak=0 rss i
  local expect=$((BIG_MIB * 1024 * 1024))
  curl -s -o /dev/null --max-time 600 -H "Host: $(host_of "$target")" \
    -w '%{speed_download} %{size_download} %{http_code}\n' "$(url_of "$target")/bench/big.bin" >"$TMP/big.out" &
  pid=$!
  local pids=()
  case $target in
    ossgate) pids=("$GATE_PID") ;;
    nginx) mapfile -t pids < <(nginx_pids "$PROXY_PID") ;;
    bare) pids=("$BARE_PID") ;;
  esac
  for ((i = 0; i < 12000; i++)); do # at most 600 s
    kill -0 "$pid" 2>/dev/null || break
    if ((${#pids[@]})); then
      rss=$(rss_kib "${pids[@]}")
      if ((rss > peak)); then peak=$rss; fi
    fi
    sleep 0.05
  done
  wait "$pid" || WARNINGS+=("curl failed: $target big round $round")
  res=$(cat "$TMP/big.out")
  read -r speed size code <<<"$res"
  if [[ $code != 200 || $size != "$expect" ]]; then
    WARNINGS+=("$target big round $round: status $code, $size bytes (expected $expect)")
  fi
  [[ $round == warmup ]] && return 0
  local mbs
  mbs=$(awk -v s="$speed" 'BEGIN {printf "%.1f", s / 1e6}')
  record "$round" "$target" big_mbs "$mbs"
  ((${#pids[@]})) && record "$round" "$target" big_rss_mib "$(awk -v k="$peak" 'BEGIN {printf "%.1f", k / 1024}')"
  log "round $round $target 1 stream of $BIG_MIB MiB: $mbs MB/s$( ((${#pids[@]})) && echo ", peak RSS $((peak / 1024)) MiB")"
}

# run_par ROUND TARGET: PAR_STREAMS parallel PAR_MIB streams, aggregate MB/s over the wall time.
run_par() {
  local round=$1 target=$2 i t0 t1 pids=() total=0 failed=0 proxy=() ticks0
  local expect=$((PAR_MIB * 1024 * 1024))
  mapfile -t proxy < <(proxy_pids "$target")
  ticks0=$(cpu_ticks "${proxy[@]}")
  t0=$(date +%s.%N)
  for ((i = 0; i < PAR_STREAMS; i++)); do
    curl -s -o /dev/null --max-time 600 -H "Host: $(host_of "$target")" \
      -w '%{size_download} %{http_code}\n' "$(url_of "$target")/bench/par.bin" >"$TMP/par.$i" &
    pids+=($!)
  done
  for i in "${pids[@]}"; do wait "$i" || failed=1; done
  t1=$(date +%s.%N)
  for ((i = 0; i < PAR_STREAMS; i++)); do
    read -r size code <"$TMP/par.$i"
    [[ $code == 200 && $size == "$expect" ]] || failed=1
    total=$((total + size))
  done
  ((failed)) && WARNINGS+=("$target par round $round: a stream failed or was short")
  [[ $round == warmup ]] && return 0
  local mbs
  mbs=$(awk -v b="$total" -v a="$t0" -v z="$t1" 'BEGIN {printf "%.1f", b / (z - a) / 1e6}')
  record "$round" "$target" par_mbs "$mbs"
  if ((${#proxy[@]})); then
    record "$round" "$target" par_cpu_s_per_gb "$(awk -v t=$(($(cpu_ticks "${proxy[@]}") - ticks0)) -v hz="$HZ" -v b="$total" \
      'BEGIN {if (b > 0) printf "%.2f", t / hz / (b / 1e9); else print "nan"}')"
  fi
  log "round $round $target $PAR_STREAMS x $PAR_MIB MiB: $mbs MB/s aggregate"
}

wants() { [[ " $FIGURES " == *" $1 "* ]]; }

# mixed_warmup TARGET: 1 KiB and 64 KiB wrk side by side for WARMUP_MIXED seconds while one big and
# the parallel streams run, so that a JIT profiles every path together, as mixed traffic would. The
# rounds then change size every 10 s; a profile that saw one size at a time made C2 recompile the
# request path at each change (uncommon traps), which the first seconds of each run paid for.
mixed_warmup() {
  local t=$1 pids=() p size half=$((CONNECTIONS / 2))
  for size in 1k 64k; do
    wants "$size" || continue
    timeout $((WARMUP_MIXED + 60)) wrk -t1 -c"$half" -d"${WARMUP_MIXED}s" -H "Host: $(host_of "$t")" \
      "$(url_of "$t")/bench/$size.bin" >/dev/null 2>&1 &
    pids+=($!)
  done
  if wants big; then
    curl -s -o /dev/null --max-time 600 -H "Host: $(host_of "$t")" "$(url_of "$t")/bench/big.bin" &
    pids+=($!)
  fi
  if wants par; then run_par warmup "$t"; fi
  for p in "${pids[@]}"; do wait "$p" || WARNINGS+=("mixed warm-up: a load generator failed on $t"); done
}

# ---------------------------------------------------------------- run
log "temp dir $TMP; generating files and starting the origin ($ORIGIN)"
start_origin
start_ossgate
[[ $SKIP_NGINX == 1 ]] || start_nginx_proxy
[[ $REFERENCE == 1 ]] && start_bare_proxy
log "origin :$ORIGIN_PORT  ossgate :$GATE_PORT  nginx proxy :${PROXY_PORT}$([[ $SKIP_NGINX == 1 ]] && echo ' (skipped)')"
: >"$RAW"

if ((WARMUP > 0)); then
  # In alternating slices, as the rounds alternate sizes: a JIT warmed on 1 KiB and then on 64 KiB
  # alone recompiled much of the request path when round 1 went back to 1 KiB (47 µs per request
  # in round 1 against 30-33 in rounds 2 and 3 of the same process).
  slice=$(((WARMUP + WARMUP_SLICES - 1) / WARMUP_SLICES))
  log "warm-up: ${WARMUP}s per target and size, in $WARMUP_SLICES alternating slices of ${slice}s"
  for t in "${TARGETS[@]}"; do
    for ((s = 0; s < WARMUP_SLICES; s++)); do
      if wants 1k; then run_wrk warmup "$t" 1k "$slice"; fi
      if wants 64k; then run_wrk warmup "$t" 64k "$slice"; fi
    done
    if wants par; then run_par warmup "$t"; fi
  done
  if ((WARMUP_MIXED > 0)); then
    log "warm-up: ${WARMUP_MIXED}s per target of every workload at once"
    for t in "${TARGETS[@]}"; do mixed_warmup "$t"; done
  fi
fi

for ((r = 1; r <= ROUNDS; r++)); do
  # Rotate the order each round so no target always runs first (or right after another).
  order=()
  n=${#TARGETS[@]}
  for ((k = 0; k < n; k++)); do order+=("${TARGETS[$(((r - 1 + k) % n))]}"); done
  log "round $r of $ROUNDS, order: ${order[*]}"
  for t in "${order[@]}"; do if wants 1k; then run_wrk "$r" "$t" 1k "$DURATION"; fi; done
  for t in "${order[@]}"; do if wants 64k; then run_wrk "$r" "$t" 64k "$DURATION"; fi; done
  for t in "${order[@]}"; do if wants big; then run_big "$r" "$t"; fi; done
  for t in "${order[@]}"; do if wants par; then run_par "$r" "$t"; fi; done
done
GATE_HWM=$(hwm_kib "$GATE_PID")

# ---------------------------------------------------------------- report
med() { awk -F'\t' -v t="$1" -v f="$2" '$2 == t && $3 == f {print $4}' "$RAW" | median; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (a == "nan" || b == "nan" || b == 0 || a == "") print "–"; else printf "%.2f×", a / b}'; }
fmt() { [[ $1 == nan || -z $1 ]] && echo "–" || echo "$1"; }

# spread FIGURE: the lowest and highest per-round ossgate/nginx ratio ("0.91–1.12×"): how far one
# round's noise reaches, next to the median's ratio.
spread() {
  [[ $SKIP_NGINX == 1 ]] && { echo "–"; return; }
  awk -F'\t' -v f="$1" '$3 == f && ($2 == "ossgate" || $2 == "nginx") {v[$1, $2] = $4; r[$1] = 1}
    END {
      for (k in r) if ((k, "ossgate") in v && (k, "nginx") in v && v[k, "nginx"] > 0) {
        x = v[k, "ossgate"] / v[k, "nginx"]
        if (n++ == 0 || x < lo) lo = x
        if (n == 1 || x > hi) hi = x
      }
      if (n) printf "%.2f–%.2f×", lo, hi; else print "–"
    }' "$RAW"
}

# Which figures meet the issue's bar (ossgate at least as good as nginx): HIGHER or LOWER is better.
BAR_MET=(); BAR_MISSED=()
bar() { # label figure better
  [[ $SKIP_NGINX == 1 ]] && return 0
  local o n
  o=$(med ossgate "$2"); n=$(med nginx "$2")
  [[ $o == nan || $n == nan || -z $o || -z $n ]] && return 0
  if awk -v o="$o" -v n="$n" -v b="$3" 'BEGIN {exit !((b == "higher" && o >= n) || (b == "lower" && o <= n))}'; then
    BAR_MET+=("$1 $(ratio "$o" "$n")")
  else
    BAR_MISSED+=("$1 $(ratio "$o" "$n")")
  fi
}

row() { # label figure [better]
  local d o n b extra=""
  d=$(med direct "$2"); o=$(med ossgate "$2"); n=$(med nginx "$2")
  [[ $SKIP_NGINX == 1 ]] && n=nan
  if [[ $REFERENCE == 1 ]]; then b=$(med bare "$2"); extra=" $(fmt "$b") | $(ratio "$b" "$n") |"; fi
  [[ -n ${3:-} ]] && bar "$1" "$2" "$3"
  echo "| $1 | $(fmt "$d") | $(fmt "$o") | $(fmt "$n") | $(ratio "$o" "$d") | $(ratio "$o" "$n") | $(spread "$2") |$extra"
}

mkdir -p "$(dirname "$OUT")"
{
  echo "## ossgate benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "Median of $ROUNDS interleaved rounds. wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s; MB = 10^6 bytes;"
  echo "latencies in ms and CPU (user + system time of the proxy process): for those rows a ratio"
  echo "below 1 is better. Origin: $ORIGIN."
  echo
  if [[ $REFERENCE == 1 ]]; then
    echo "| figure | direct | ossgate | nginx | ossgate/direct | ossgate/nginx | ossgate/nginx per round | bare Netty | bare/nginx |"
    echo "|---|---|---|---|---|---|---|---|---|"
  else
    echo "| figure | direct | ossgate | nginx | ossgate/direct | ossgate/nginx | ossgate/nginx per round |"
    echo "|---|---|---|---|---|---|---|"
  fi
  if wants 1k; then
    row "1 KiB GET req/s" 1k_rps higher; row "1 KiB p50 ms" 1k_p50 lower; row "1 KiB p99 ms" 1k_p99 lower
    row "1 KiB proxy CPU µs per request" 1k_cpu_us
  fi
  if wants 64k; then
    row "64 KiB GET req/s" 64k_rps higher; row "64 KiB p50 ms" 64k_p50 lower; row "64 KiB p99 ms" 64k_p99 lower
    row "64 KiB proxy CPU µs per request" 64k_cpu_us
  fi
  if wants big; then row "1 stream of $BIG_MIB MiB, MB/s" big_mbs higher; fi
  if wants par; then
    row "$PAR_STREAMS × $PAR_MIB MiB streams, aggregate MB/s" par_mbs higher
    row "$PAR_STREAMS × $PAR_MIB MiB, proxy CPU s per GB" par_cpu_s_per_gb
  fi
  echo
  if wants big; then
    maxrss() { awk -F'\t' -v t="$1" '$2 == t && $3 == "big_rss_mib" {if ($4 > m) m = $4} END {print m + 0}' "$RAW"; }
    echo "Peak RSS while streaming $BIG_MIB MiB (polled every 50 ms, max over rounds): ossgate $(maxrss ossgate) MiB$(
      [[ $SKIP_NGINX == 1 ]] || echo ", nginx proxy $(maxrss nginx) MiB (master + workers summed)"
    )$([[ $REFERENCE == 1 ]] && echo ", bare Netty proxy $(maxrss bare) MiB"). ossgate VmHWM over the whole run: $((GATE_HWM / 1024)) MiB."
    echo
    if awk -v m="$(maxrss ossgate)" 'BEGIN {exit !(m <= 160)}'; then BAR_MET+=("peak RSS $(maxrss ossgate) MiB"); else BAR_MISSED+=("peak RSS $(maxrss ossgate) MiB"); fi
  fi
  if ((${#BAR_MET[@]} + ${#BAR_MISSED[@]})); then
    echo "Against the bar (ossgate at least as good as nginx on every figure above that has a direction, peak RSS ≤ 160 MiB):"
    echo "met: $(IFS=';'; echo "${BAR_MET[*]:-none}" | sed 's/;/, /g'); missed: $(IFS=';'; echo "${BAR_MISSED[*]:-none}" | sed 's/;/, /g')."
    echo
  fi
  echo "Machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(awk '/MemTotal/ {printf "%d MiB", $2/1024}' /proc/meminfo) RAM,"
  echo "kernel $(uname -r); $(java -version 2>&1 | head -1); $(nginx -v 2>&1 || echo 'nginx absent'); $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)."
  echo "Load generator, origin and proxies share these CPUs."
  echo "ossgate: --event-loops $OSSGATE_EVENT_LOOPS, transport $TRANSPORT, JVM flags: ${OSSGATE_JAVA_OPTS:-(none)}."
  [[ $SKIP_NGINX == 1 ]] || echo "nginx proxy: worker_processes $NGINX_PROXY_WORKERS."
  echo
  if ((${#WARNINGS[@]})); then
    echo "Warnings:"
    for w in "${WARNINGS[@]}"; do echo "- $w"; done
    echo
  fi
  echo "<details><summary>Every round</summary>"
  echo
  echo '```'
  sort -k3,3 -k2,2 -k1,1n "$RAW" | awk -F'\t' '{printf "%-12s %-8s round %s  %s\n", $3, $2, $1, $4}'
  echo '```'
  echo "</details>"
} >"$OUT"
echo
cat "$OUT"
log "written to $OUT"
