#!/bin/sh
# Checks that the server echoes an ECHO frame unchanged, without netcat on the
# host and without published ports: a throwaway busybox container joins the
# compose network and talks to the server by its service name.
#
# Prints exactly one line, "action: test_echo_server | result: success" or
# "... | result: fail", and exits 0 or 1 accordingly.
#
# Overridable for other setups: ECHO_CHECK_NETWORK (tp0_testing_net),
# ECHO_CHECK_SERVER (server), ECHO_CHECK_PORT (12345).

network=${ECHO_CHECK_NETWORK:-tp0_testing_net}
server=${ECHO_CHECK_SERVER:-server}
port=${ECHO_CHECK_PORT:-12345}
message='[VALIDATOR] echo check N°1'

# Runs inside the container. The frame is type 0x01, a big-endian u16 payload
# length, then the UTF-8 payload. busybox nc half-closes the connection at
# stdin EOF and keeps reading, so the server's reply arrives before nc exits;
# its -w only bounds the connect, hence the outer timeout for a mute peer.
check='
frame() {
  len=$(printf %s "$1" | wc -c)
  hi=$(printf %03o $((len / 256)))
  lo=$(printf %03o $((len % 256)))
  printf "\\001\\$hi\\$lo%s" "$1"
}
sent=$(frame "$3" | od -An -tx1)
received=$(frame "$3" | timeout 5 nc -w 3 "$1" "$2" | od -An -tx1)
[ -n "$received" ] && [ "$sent" = "$received" ]
'

# Backstop in case the docker client itself stalls (e.g. a slow daemon).
backstop=""
if command -v timeout >/dev/null 2>&1; then
  backstop="timeout 10"
fi

if $backstop docker run --rm --network "$network" busybox:1.36 \
  sh -c "$check" sh "$server" "$port" "$message" >/dev/null 2>&1; then
  echo "action: test_echo_server | result: success"
  exit 0
fi

echo "action: test_echo_server | result: fail"
exit 1
