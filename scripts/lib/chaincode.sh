# Chaincode as a service: one TLS chaincode server process, deployed through the full Fabric lifecycle.
# shellcheck shell=bash

export SCF_CC_DIR="$SCF_HOME/chaincode"
readonly CC_VERSION="1.0"
readonly CC_SEQUENCE=1
readonly CC_LABEL="${SCF_CHAINCODE}_${CC_VERSION}"

# No single organisation can write alone: every write needs the peers of two different organisations.
endorsement_policy() {
  local org members=()
  for org in "${PEER_ORGS[@]}"; do members+=("'${ORG_MSP[$org]}.peer'"); done
  local IFS=,
  echo "OutOf(2,${members[*]})"
}

cc_tls_dir() { echo "$(user_dir core ccaas-server)/tls"; }

# The chaincode module the server runs; another build of the contract may be pointed at for development.
export SCF_CHAINCODE_MODULE="${SCF_CHAINCODE_MODULE:-$SCF_ROOT/chaincode}"

build_chaincode() {
  [[ "$SCF_CHAINCODE_MODULE" == "$SCF_ROOT/chaincode" ]] || return 0
  log "compiling the chaincode (TypeScript)"
  (cd "$SCF_ROOT" && npm run --silent build -w chaincode) >>"$(log_file chaincode-build)" 2>&1 ||
    process_failed chaincode-build "tsc failed"
}

# The package holds only connection.json: where the peers dial the service, and the CA to trust.
package_chaincode() {
  local pkg="$SCF_CC_DIR/$CC_LABEL.tgz" work="$SCF_CC_DIR/package"
  [[ -s "$SCF_CC_DIR/package-id" ]] && return 0
  log "packaging $CC_LABEL for chaincode-as-a-service"
  rm -rf "$work" && mkdir -p "$work/src"
  local root_cert
  root_cert="$(awk 'NF {printf "%s\\n", $0}' "$(cc_tls_dir)/ca.crt")"
  cat >"$work/src/connection.json" <<EOF
{
  "address": "$SCF_BIND:$CHAINCODE_PORT",
  "dial_timeout": "10s",
  "tls_required": true,
  "client_auth_required": false,
  "root_cert": "$root_cert"
}
EOF
  echo "{\"type\":\"ccaas\",\"label\":\"$CC_LABEL\"}" >"$work/metadata.json"
  tar -C "$work/src" -czf "$work/code.tar.gz" connection.json
  tar -C "$work" -czf "$pkg" metadata.json code.tar.gz
  FABRIC_CFG_PATH="$(node_config_dir)" peer lifecycle chaincode calculatepackageid "$pkg" >"$SCF_CC_DIR/package-id.tmp"
  mv "$SCF_CC_DIR/package-id.tmp" "$SCF_CC_DIR/package-id"
}

package_id() { cat "$SCF_CC_DIR/package-id"; }

start_chaincode_server() {
  local tls
  tls="$(cc_tls_dir)"
  start_process chaincode "$SCF_ROOT/node_modules/.bin/fabric-chaincode-node" server \
    --chaincode-address "$SCF_BIND:$CHAINCODE_PORT" --chaincode-id "$(package_id)" \
    --chaincode-tls-cert-file "$tls/server.crt" --chaincode-tls-key-file "$tls/server.key" \
    --module-path "$SCF_CHAINCODE_MODULE"
}

wait_chaincode_server() { wait_until chaincode 60 port_open "$SCF_BIND" "$CHAINCODE_PORT"; }

orderer_args() { echo "-o $SCF_BIND:${ORDERER_PORT[orderer1]} --tls --cafile $(org_tls_root orderer)"; }

# peer_targets ORG... : --peerAddresses/--tlsRootCertFiles for the given organisations' peers.
peer_targets() {
  local org
  for org in "$@"; do
    echo "--peerAddresses $SCF_BIND:${PEER_PORT[$org]} --tlsRootCertFiles $(org_tls_root "$org")"
  done
}

install_chaincode() {
  local org
  for org in "${PEER_ORGS[@]}"; do
    if as_org_admin "$org" peer lifecycle chaincode queryinstalled 2>/dev/null | grep -q "$(package_id)"; then continue; fi
    log "installing $CC_LABEL on $(peer_host "$org")"
    as_org_admin "$org" peer lifecycle chaincode install "$SCF_CC_DIR/$CC_LABEL.tgz" >>"$(log_file "cli-$org")" 2>&1 ||
      process_failed "cli-$org" "chaincode install failed"
  done
}

chaincode_committed() {
  as_org_admin core peer lifecycle chaincode querycommitted -C "$SCF_CHANNEL" -n "$SCF_CHAINCODE" 2>/dev/null |
    grep -q "Sequence: $CC_SEQUENCE"
}

# shellcheck disable=SC2046 # orderer_args and peer_targets are word lists by design
approve_chaincode() {
  local org
  for org in "${PEER_ORGS[@]}"; do
    log "approving $SCF_CHAINCODE for ${ORG_MSP[$org]}"
    as_org_admin "$org" peer lifecycle chaincode approveformyorg $(orderer_args) -C "$SCF_CHANNEL" \
      -n "$SCF_CHAINCODE" -v "$CC_VERSION" --sequence "$CC_SEQUENCE" --package-id "$(package_id)" \
      --signature-policy "$(endorsement_policy)" >>"$(log_file "cli-$org")" 2>&1 ||
      process_failed "cli-$org" "approveformyorg failed"
  done
}

# shellcheck disable=SC2046
commit_chaincode() {
  log "committing $SCF_CHAINCODE (policy $(endorsement_policy))"
  as_org_admin core peer lifecycle chaincode commit $(orderer_args) -C "$SCF_CHANNEL" -n "$SCF_CHAINCODE" \
    -v "$CC_VERSION" --sequence "$CC_SEQUENCE" --signature-policy "$(endorsement_policy)" \
    $(peer_targets "${PEER_ORGS[@]}") >>"$(log_file cli-core)" 2>&1 || process_failed cli-core "chaincode commit failed"
}

deploy_chaincode() {
  install_chaincode
  chaincode_committed && return 0
  approve_chaincode
  commit_chaincode
}

# shellcheck disable=SC2046
# invoke_as_admin ORG FUNCTION JSON_ARG : submits as ORG's admin, endorsed by ORG and the core org
# (or the supplier org when ORG is core), and waits for the commit.
invoke_as_admin() {
  local org="$1" fn="$2" arg="$3" other=core
  [[ "$org" == core ]] && other=supplier
  local payload
  payload="$(printf '{"function":"%s","Args":[%s]}' "$fn" "$(json_string "$arg")")"
  as_org_admin "$org" peer chaincode invoke $(orderer_args) -C "$SCF_CHANNEL" -n "$SCF_CHAINCODE" \
    $(peer_targets "$org" "$other") --waitForEvent -c "$payload" >>"$(log_file "cli-$org")" 2>&1
}

json_string() { node -e 'process.stdout.write(JSON.stringify(process.argv[1]))' "$1"; }

# Each organisation's admin registers its own demo companies on chain. The call is idempotent,
# and its commit is the proof that the network orders and commits transactions.
register_demo_parties() {
  local party org request
  for party in "${DEMO_PARTIES[@]}"; do
    org="$(party_field "$party" 1)"
    request="$(node -e 'process.stdout.write(JSON.stringify({id: process.argv[1], legalName: process.argv[2], kind: process.argv[3]}))' \
      "$party" "$(party_field "$party" 4)" "$(party_field "$party" 3)")"
    log "registering party $party (${ORG_MSP[$org]})"
    invoke_as_admin "$org" parties:RegisterParty "$request" || process_failed "cli-$org" "registering $party failed"
  done
}
