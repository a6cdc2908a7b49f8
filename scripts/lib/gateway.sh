# The REST gateway: one local process serving all five organisations, each request through the
# caller's own organisation's peer. Its state (JWT secret, tokens, idempotency store, event logs) is
# under $SCF_HOME/gateway.
# shellcheck shell=bash

gateway_url() { echo "http://$SCF_BIND:$GATEWAY_PORT"; }
gateway_tokens() { echo "$SCF_HOME/gateway/tokens.json"; }

build_gateway() {
  log "compiling the gateway (TypeScript)"
  (cd "$SCF_ROOT" && npm run --silent build -w gateway) >>"$(log_file gateway-build)" 2>&1 ||
    process_failed gateway-build "tsc failed"
}

# One bearer token per demo company and org admin, bound to that identity alone.
issue_gateway_tokens() {
  [[ -s "$(gateway_tokens)" ]] && return 0
  log "issuing API tokens"
  node "$SCF_ROOT/gateway/dist/cli/issue-tokens.js" >>"$(log_file gateway-tokens)" 2>&1 ||
    process_failed gateway-tokens "could not write $(gateway_tokens)"
}

gateway_ready() { curl -fsS "$(gateway_url)/readyz" >/dev/null; }

start_gateway() {
  start_process gateway env SCF_HOME="$SCF_HOME" SCF_CONNECTION="$SCF_CONNECTION" SCF_GATEWAY_PORT="$GATEWAY_PORT" \
    node "$SCF_ROOT/gateway/dist/main.js"
  wait_until gateway 60 gateway_ready
}
