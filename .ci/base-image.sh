#!/usr/bin/env bash
# Builds the local JRE base image (default local/jre17:1) that `jar: true` services of a containers environment run
# on, for machines with no container registry: a jlink'ed JRE from the host JDK, the shared libraries it links,
# the C library in full (so that native programs built for glibc run too, such as the PostgreSQL binaries of the
# reference system's database), busybox-static for a shell, and a minimal /etc, imported with `docker import`.
# Idempotent: skips when the image exists with this script's content version (label dev.gauntlet.base-image), rebuilds
# an image an older version of this script made. Needs a Docker engine (.ci/docker-setup.sh). Installs busybox-static
# and the JDK's jmods from apt if missing.
# Usage: .ci/base-image.sh [IMAGE]
set -euo pipefail

image="${1:-local/jre17:1}"
# Raise when what goes into the image changes: 2 = glibc in full (libpthread, libdl, librt... for native programs).
content=2

if docker image inspect "$image" >/dev/null 2>&1; then
  have="$(docker image inspect "$image" --format '{{index .Config.Labels "dev.gauntlet.base-image"}}' 2>/dev/null || true)"
  if [ "$have" = "$content" ]; then
    echo "[base-image] $image exists: nothing to do"
    exit 0
  fi
  echo "[base-image] $image was made by an older version of this script (content ${have:-1}, now $content): rebuilding"
fi
old_id="$(docker image inspect "$image" --format '{{.Id}}' 2>/dev/null || true)"
started=$(date +%s)

# apt's output goes to a file, shown only when the install fails.
apt_install() {
  local out
  out="$(mktemp)"
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"; } >"$out" 2>&1; then
    cat "$out" >&2
    rm -f "$out"
    return 1
  fi
  rm -f "$out"
}

missing=()
[ -x /bin/busybox ] || missing+=(busybox-static)
if ! command -v jlink >/dev/null 2>&1; then
  missing+=(openjdk-17-jdk-headless)
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "[base-image] installing ${missing[*]}"
  apt_install "${missing[@]}"
fi
java_home="$(dirname "$(dirname "$(readlink -f "$(command -v jlink)")")")"
if [ ! -f "$java_home/jmods/java.base.jmod" ]; then
  echo "[base-image] installing openjdk-17-jdk-headless (jlink needs $java_home/jmods)"
  apt_install openjdk-17-jdk-headless
fi

root="$(mktemp -d /tmp/gauntlet-jre-root.XXXXXX)"
trap 'rm -rf "$root"' EXIT

echo "[base-image] jlink from $java_home"
jlink --module-path "$java_home/jmods" \
  --add-modules java.se,jdk.httpserver,jdk.unsupported,jdk.crypto.ec,jdk.zipfs,jdk.management,jdk.jfr,jdk.charsets,jdk.localedata \
  --strip-debug --no-man-pages --no-header-files --output "$root/opt/java"

# Every shared library the JRE's programs and libraries link, outside the JRE itself, at its own path and in the
# places the dynamic loader looks (the loader itself must be at /lib64).
mkdir -p "$root/lib/x86_64-linux-gnu" "$root/lib64"
# Then the rest of the C library (libpthread, libdl, librt, libutil, libresolv, the NSS modules...), as any glibc
# image has it: programs built for an older glibc link these by name.
libs="$(find "$root/opt/java/bin" "$root/opt/java/lib" -type f \( -path '*/bin/*' -o -name '*.so' \) -print0 \
  | xargs -0 ldd 2>/dev/null | grep -o '/[^ ]*\.so[^ ]*' | grep -v "^$root" | sort -u)"
libc_dir="$(dirname "$(ldd "$(command -v jlink)" | grep -o '/[^ ]*/libc\.so\.6' | head -1)")"
for name in libpthread.so.0 libdl.so.2 librt.so.1 libutil.so.1 libresolv.so.2 libanl.so.1 libm.so.6 libmvec.so.1 \
    libnss_files.so.2 libnss_dns.so.2 libnss_compat.so.2 libthread_db.so.1 libBrokenLocale.so.1 libnsl.so.1; do
  if [ -e "$libc_dir/$name" ]; then
    libs="$libs"$'\n'"$libc_dir/$name"
  fi
done
libs="$(printf '%s\n' "$libs" | sort -u)"
for lib in $libs; do
  cp -L "$lib" "$root/lib/x86_64-linux-gnu/"
  ln -f "$root/lib/x86_64-linux-gnu/$(basename "$lib")" "$root/lib64/"   # a hard link: stored once
done

# A shell and the usual tools: busybox-static with one link per applet.
mkdir -p "$root/bin" "$root/etc" "$root/tmp" "$root/app" "$root/root"
chmod 1777 "$root/tmp"
cp /bin/busybox "$root/bin/busybox"
for applet in $("$root/bin/busybox" --list); do
  [ -e "$root/bin/$applet" ] || ln -s busybox "$root/bin/$applet"
done
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$root/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
printf 'passwd: files\ngroup: files\nhosts: files dns\n' >"$root/etc/nsswitch.conf"

# pipefail: a failed tar must fail the script, not import an empty image.
tar -C "$root" -cf - . | docker import \
  -c 'ENV PATH=/opt/java/bin:/bin' -c 'ENV JAVA_HOME=/opt/java' -c 'WORKDIR /app' \
  -c "LABEL dev.gauntlet.base-image=$content" \
  -m "gauntlet JRE 17 base image (jlink + glibc + busybox-static)" - "$image" >/dev/null
if [ -n "$old_id" ]; then   # the replaced image, unless a container or an image built on it still uses it
  docker image rm "$old_id" >/dev/null 2>&1 || true
fi
version="$(docker run --rm --network host "$image" java -version 2>&1)"
echo "[base-image] ${version%%$'\n'*}"
echo "[base-image] built $image in $(( $(date +%s) - started )) s, $(docker image inspect "$image" --format '{{.Size}}' | awk '{printf "%d MB", $1/1e6}')"
