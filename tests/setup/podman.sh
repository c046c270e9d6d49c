#!/usr/bin/env bash
# Prepares a Docker-compatible Engine API for the Docker containerizer tests: podman's API service on a unix socket
# plus a local busybox image (no image can be pulled here). Idempotent; run as root. Prints the socket path on its
# last line of stdout; exits non-zero (with the reason on stderr) when podman cannot be installed or started.
set -uo pipefail

state_dir="${REGATTA_PODMAN_DIR:-/run/regatta-test}"
socket="$state_dir/podman.sock"
image="regatta-busybox:latest"
conf="$state_dir/containers.conf"

fail() { echo "podman.sh: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || fail "must run as root (podman's rootful service and apt-get)"
mkdir -p "$state_dir" || fail "cannot create $state_dir"
exec 9>"$state_dir/setup.lock"
flock -w 300 9 || fail "another podman.sh holds $state_dir/setup.lock"

need=()
command -v podman >/dev/null 2>&1 || need+=(podman)
command -v runc >/dev/null 2>&1 || need+=(runc)
[ -x /bin/busybox ] || need+=(busybox-static)
if [ ${#need[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  timeout 300 apt-get update -qq >/dev/null 2>&1
  timeout 600 apt-get install -y -qq "${need[@]}" >/dev/null 2>&1 || fail "apt-get install ${need[*]} failed"
fi
command -v podman >/dev/null 2>&1 || fail "podman is not installed"

# crun fails on these hybrid-cgroup machines; podman also needs explicit ulimits here (see shared ENVIRONMENT.md).
cat >"$conf.tmp" <<'EOF'
[containers]
default_ulimits = ["nofile=1024:1024", "nproc=1024:1024"]

[engine]
runtime = "runc"
EOF
mv "$conf.tmp" "$conf"
export CONTAINERS_CONF="$conf"

ping_ok() {
  command -v curl >/dev/null 2>&1 || { [ -S "$socket" ] && return 0; }
  timeout 5 curl -fsS --unix-socket "$socket" http://d/v1.41/_ping >/dev/null 2>&1
}

if ! ping_ok; then
  rm -f "$socket"
  CONTAINERS_CONF="$conf" nohup setsid podman system service --time=0 "unix://$socket" 9>&- \
    >"$state_dir/service.log" 2>&1 </dev/null &
  echo $! >"$state_dir/service.pid"
  for _ in $(seq 1 100); do
    [ -S "$socket" ] && ping_ok && break
    sleep 0.2
  done
  [ -S "$socket" ] || fail "podman system service did not create $socket (see $state_dir/service.log)"
fi

if ! timeout 60 podman image exists "$image"; then
  rootfs="$(mktemp -d)"
  trap 'rm -rf "$rootfs" "$rootfs.tar"' EXIT
  mkdir -p "$rootfs"/{bin,sbin,usr/bin,usr/sbin,tmp,www,etc,proc,sys,dev,root,var/www}
  cp /bin/busybox "$rootfs/bin/busybox"
  for tool in sh ash httpd sleep echo cat ls wget env id ps kill true false mkdir rm cp mv printf test head tail \
    grep sed awk date hostname nc ifconfig ip touch chmod pwd dd seq yes uname whoami; do
    ln -sf busybox "$rootfs/bin/$tool"
  done
  echo 'root:x:0:0:root:/root:/bin/sh' >"$rootfs/etc/passwd"
  echo 'nobody:x:65534:65534:nobody:/:/bin/false' >>"$rootfs/etc/passwd"
  echo 'root:x:0:' >"$rootfs/etc/group"
  echo 'nogroup:x:65534:' >>"$rootfs/etc/group"
  tar -C "$rootfs" -cf "$rootfs.tar" . || fail "cannot pack the busybox root filesystem"
  timeout 120 podman import --change 'CMD ["/bin/sh"]' --change 'ENV PATH=/bin:/sbin:/usr/bin:/usr/sbin' \
    "$rootfs.tar" "$image" >/dev/null || fail "podman import of $image failed"
fi

echo "$socket"
