# Shared by ./mvnw, ./dpsrig and .ci/run: make JAVA_HOME point at a JDK 21 or newer.
# POSIX sh, no globbing (mvnw runs with `set -f`).
#
# Keeps JAVA_HOME when it is already new enough; otherwise takes the newest JDK found
# under the usual install folders. Prints nothing on success; on failure it says what it
# looked for and returns 1.

DPSRIG_MIN_JAVA=21

# Major version of the JDK at $1, read from its `release` file (no JVM start), or empty.
dpsrig_jdk_major() {
  [ -x "$1/bin/javac" ] || return 0
  [ -f "$1/release" ] || return 0
  sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$1/release" | head -n 1
}

dpsrig_select_jdk() {
  if [ -n "${JAVA_HOME-}" ]; then
    _major=$(dpsrig_jdk_major "$JAVA_HOME")
    if [ -n "$_major" ] && [ "$_major" -ge "$DPSRIG_MIN_JAVA" ]; then
      return 0
    fi
  fi
  _best=""
  _best_major=0
  for _root in /usr/lib/jvm /usr/java /opt/java /opt/jdk /usr/local/lib/jvm \
               "${HOME-/nonexistent}/.sdkman/candidates/java" "${HOME-/nonexistent}/.jdks" \
               /Library/Java/JavaVirtualMachines; do
    [ -d "$_root" ] || continue
    for _dir in $(find "$_root" -mindepth 1 -maxdepth 1 2>/dev/null); do
      for _home in "$_dir" "$_dir/Contents/Home"; do
        _major=$(dpsrig_jdk_major "$_home")
        if [ -n "$_major" ] && [ "$_major" -gt "$_best_major" ]; then
          _best="$_home"
          _best_major=$_major
        fi
      done
    done
  done
  if [ "$_best_major" -ge "$DPSRIG_MIN_JAVA" ]; then
    JAVA_HOME="$_best"
    export JAVA_HOME
    return 0
  fi
  echo "dpsrig needs a JDK $DPSRIG_MIN_JAVA or newer: JAVA_HOME is '${JAVA_HOME-}' and none was found under /usr/lib/jvm and the other usual folders. Install one (for example: apt-get install openjdk-21-jdk-headless) or set JAVA_HOME." >&2
  return 1
}
