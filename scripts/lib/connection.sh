# Writes the connection description that the gateway and the tests read: endpoints, TLS roots,
# and the certificate/key paths of every demo identity. Format: gateway/README.md.
# shellcheck shell=bash

export SCF_CONNECTION="${SCF_CONNECTION:-$SCF_HOME/connection.json}"

connection_identity() { # connection_identity NAME ORG PARTY ROLE DIR
  local name="$1" org="$2" party="$3" role="$4" dir="$5"
  printf '    "%s": { "org": "%s", "mspId": "%s", "party": %s, "role": "%s", "certPath": "%s", "keyPath": "%s" }' \
    "$name" "$org" "${ORG_MSP[$org]}" "$party" "$role" "$dir/msp/signcerts/cert.pem" "$(key_file "$dir/msp")"
}

write_connection_description() {
  local org o party sep="" entries=()
  {
    printf '{\n  "channel": "%s",\n  "chaincode": "%s",\n' "$SCF_CHANNEL" "$SCF_CHAINCODE"
    # Where this network's REST gateway listens: its port follows the topology (SCF_PORT_OFFSET).
    printf '  "gateway": { "url": "http://%s:%s" },\n  "orgs": {\n' "$SCF_BIND" "$GATEWAY_PORT"
    for org in "${PEER_ORGS[@]}"; do
      printf '%s    "%s": { "mspId": "%s", "peer": { "name": "peer-%s", "endpoint": "%s:%s", "operations": "%s:%s", "hostAlias": "%s", "tlsRootCertPath": "%s" },' \
        "$sep" "$org" "${ORG_MSP[$org]}" "$org" "$SCF_BIND" "${PEER_PORT[$org]}" "$SCF_BIND" "${PEER_OPS_PORT[$org]}" \
        "$(peer_host "$org")" "$(org_tls_root "$org")"
      # The local network's CA registrar is listed so tests can enrol extra (e.g. hostile) identities.
      printf '\n      "ca": { "url": "%s", "name": "%s", "tlsRootCertPath": "%s", "registrarHome": "%s" } }' \
        "$(ca_url "$org")" "$(ca_name "$org")" "$(ca_tls_root "$org")" "$(org_dir "$org")/registrar"
      sep=$',\n'
    done
    printf '\n  },\n  "orderers": {\n'
    sep=""
    for o in "${ORDERERS[@]}"; do
      printf '%s    "%s": { "endpoint": "%s:%s", "operations": "%s:%s", "hostAlias": "%s", "tlsRootCertPath": "%s" }' \
        "$sep" "$o" "$SCF_BIND" "${ORDERER_PORT[$o]}" "$SCF_BIND" "${ORDERER_OPS_PORT[$o]}" "$(orderer_host "$o")" \
        "$(org_tls_root orderer)"
      sep=$',\n'
    done
    printf '\n  },\n  "identities": {\n'
    for party in "${DEMO_PARTIES[@]}"; do
      org="$(party_field "$party" 1)"
      entries+=("$(connection_identity "$party" "$org" "\"$party\"" "$(party_field "$party" 2)" "$(user_dir "$org" "$party")")")
    done
    for org in "${PEER_ORGS[@]}"; do
      entries+=("$(connection_identity "$org-admin" "$org" null admin "$(user_dir "$org" admin)")")
    done
    local IFS=$'\n'
    sed '$!s/$/,/' <<<"${entries[*]}"
    printf '  }\n}\n'
  } >"$SCF_CONNECTION.tmp"
  mv "$SCF_CONNECTION.tmp" "$SCF_CONNECTION"
  log "connection description: $SCF_CONNECTION"
}
