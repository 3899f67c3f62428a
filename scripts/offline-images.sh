#!/usr/bin/env bash
# Builds the base images the Dockerfiles and the echo check name
# (debian:bookworm-slim, busybox:1.36) from local Debian packages, because no
# image registry can be reached. Each image is skipped when already present.
#
# Needs: docker, debootstrap, busybox-static; root for debootstrap.
set -euo pipefail

readonly DEBIAN_IMAGE="debian:bookworm-slim"
readonly BUSYBOX_IMAGE="busybox:1.36"

have_image() {
  docker image inspect "$1" >/dev/null 2>&1
}

# The machine's own bookworm mirror, so no package host is written down here.
debian_mirror() {
  local sources=/etc/apt/sources.list.d/debian.sources
  if [[ -f "$sources" ]]; then
    sed -n 's/^URIs: *//p' "$sources" | grep -v security | head -n1
  else
    sed -n 's/^deb \+\([^ ]*\) \+bookworm .*/\1/p' /etc/apt/sources.list | head -n1
  fi
}

# Runs in a subshell so its EXIT trap removes the scratch directory on every path.
build_debian() (
  local mirror rootfs
  mirror=$(debian_mirror)
  [[ -n "$mirror" ]] || { echo "offline-images: cannot find a Debian mirror in apt's sources" >&2; exit 1; }
  rootfs=$(mktemp -d)
  trap 'rm -rf "$rootfs"' EXIT

  debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >/dev/null
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*

  tar -C "$rootfs" -c . | docker import - "$DEBIAN_IMAGE" >/dev/null
)

build_busybox() (
  local context
  context=$(mktemp -d)
  trap 'rm -rf "$context"' EXIT

  cp "$(command -v busybox)" "$context/busybox"
  cat >"$context/Dockerfile" <<'DOCKERFILE'
FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
CMD ["sh"]
DOCKERFILE

  docker build -q -t "$BUSYBOX_IMAGE" "$context" >/dev/null
)

ensure_image() {
  local name=$1 builder=$2
  if have_image "$name"; then
    echo "offline-images: $name present"
    return
  fi

  local started=$SECONDS
  "$builder"
  echo "offline-images: $name built in $((SECONDS - started)) s"
}

ensure_image "$DEBIAN_IMAGE" build_debian
ensure_image "$BUSYBOX_IMAGE" build_busybox
