#!/usr/bin/env bash
# Lays out the root file system of the dpsrig container image (FROM scratch): a Java runtime linked
# from the JDK running the build, the shared libraries it loads, the dpsrig user and the data
# directory. The jar and its lib/ are added beside it by the image build itself.
#
# Usage: rootfs.sh JAVA_HOME ROOTFS
# Linux only: the libraries are the build machine's own, found with ldd.
set -euo pipefail

java_home=$1
rootfs=$2
jre="$rootfs/opt/dpsrig/jre"

# What the jar needs (jdeps --print-module-deps --ignore-missing-deps over dpsrig.jar and lib/),
# checked by running `serve` from the image; jdk.crypto.ec carries TLS's elliptic curves before JDK 22.
modules=java.base,java.compiler,java.desktop,java.instrument,java.naming,java.net.http,java.prefs,java.sql
modules+=,jdk.httpserver,jdk.jfr,jdk.management,jdk.unsupported
if "$java_home/bin/java" --list-modules | grep -q '^jdk\.crypto\.ec@'; then
  modules+=,jdk.crypto.ec
fi

rm -rf "$rootfs"
mkdir -p "$rootfs/opt/dpsrig" "$rootfs/etc" "$rootfs/data" "$rootfs/tmp"
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  --output "$jre"
# The simulator is a headless server: java.desktop's windowing, sound and splash-screen libraries,
# which would bring X11 and ALSA along, are never loaded.
rm -f "$jre"/lib/libawt_xawt.so "$jre"/lib/libjawt.so "$jre"/lib/libjsound.so "$jre"/lib/libsplashscreen.so

# Every shared library the runtime's programs and libraries link against, at the path it has here
# (the dynamic loader's absolute path among them).
libraries=$(find "$jre" -type f \( -name '*.so' -o -perm -u+x \) -exec ldd {} + 2>/dev/null |
  awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// && $2 ~ /^\(0x/ { print $1 }' |
  grep -v "^$jre/" | sort -u)
for library in $libraries; do
  mkdir -p "$rootfs$(dirname "$library")"
  cp -L "$library" "$rootfs$library"
done

# With the file capability that lets it bind port 443, java runs in glibc's secure mode, which ignores
# its $ORIGIN run path; the launcher library must then sit in a directory the loader trusts: libc's own.
system_libraries=$(dirname "$(printf '%s\n' $libraries | grep -m1 '/libc\.so\.')")
cp "$jre/lib/libjli.so" "$rootfs$system_libraries/"

cat >"$rootfs/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/sbin/nologin
dpsrig:x:10001:10001:dpsrig:/data:/sbin/nologin
PASSWD
cat >"$rootfs/etc/group" <<'GROUP'
root:x:0:
dpsrig:x:10001:
GROUP
