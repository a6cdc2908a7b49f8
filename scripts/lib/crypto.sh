# Every identity of the network comes from its own organisation's Fabric CA (no cryptogen).
# shellcheck shell=bash

export SCF_ORGS_DIR="$SCF_HOME/orgs"
export SCF_CA_DIR="$SCF_HOME/ca"

ca_name() { echo "ca-$1"; }
ca_home() { echo "$SCF_CA_DIR/$1"; }
ca_url() { echo "https://$SCF_BIND:${CA_PORT[$1]}"; }
ca_tls_root() { echo "$(ca_home "$1")/ca-cert.pem"; }
org_dir() { echo "$SCF_ORGS_DIR/$1"; }
org_msp_dir() { echo "$(org_dir "$1")/msp"; }
user_dir() { echo "$(org_dir "$1")/users/$2"; }
peer_dir() { echo "$(org_dir "$1")/peers/peer0"; }
orderer_dir() { echo "$(org_dir orderer)/orderers/$1"; }
org_tls_root() { echo "$(org_msp_dir "$1")/tlscacerts/ca.pem"; }
# The single private key file of an enrolled MSP or TLS directory.
key_file() { find "$1/keystore" -type f -name '*_sk' | head -n1; }

# The bootstrap registrar's secret is random per network and stays in the CA's own directory.
prepare_ca() {
  local home
  home="$(ca_home "$1")"
  mkdir -p "$home"
  [[ -f "$home/bootstrap-secret" ]] || (umask 077 && openssl rand -hex 16 >"$home/bootstrap-secret")
}

ca_env() { echo "FABRIC_CA_SERVER_HOME=$(ca_home "$1")"; }

ca_command() { # ca_command ORG : one argument a line
  local org="$1"
  printf '%s\n' fabric-ca-server start -b "admin:$(cat "$(ca_home "$org")/bootstrap-secret")" \
    --address "$SCF_BIND" --port "${CA_PORT[$org]}" \
    --ca.name "$(ca_name "$org")" --csr.cn "$(ca_name "$org")" --csr.hosts "localhost,$SCF_BIND" \
    --tls.enabled --operations.listenaddress "$SCF_BIND:${CA_OPS_PORT[$org]}"
}

start_ca() {
  prepare_ca "$1"
  start_node "ca-$1"
}

wait_ca() {
  wait_node "ca-$1" 60
  wait_until "ca-$1" 30 test -s "$(ca_tls_root "$1")"
}

# ca_client ORG ARGS... : runs fabric-ca-client as ORG's bootstrap registrar.
ca_client() {
  local org="$1"
  shift
  FABRIC_CA_CLIENT_HOME="$(org_dir "$org")/registrar" fabric-ca-client "$@" \
    --caname "$(ca_name "$org")" --tls.certfiles "$(ca_tls_root "$org")" >>"$(log_file "crypto-$org")" 2>&1 ||
    process_failed "crypto-$org" "fabric-ca-client $1 failed"
}

enroll_registrar() {
  local org="$1"
  mkdir -p "$(org_dir "$org")/registrar" "$SCF_LOG_DIR"
  ca_client "$org" enroll -u "https://admin:$(cat "$(ca_home "$org")/bootstrap-secret")@$SCF_BIND:${CA_PORT[$org]}"
}

write_node_ous() {
  cat >"$1/config.yaml" <<'EOF'
NodeOUs:
  Enable: true
  ClientOUIdentifier: { Certificate: cacerts/ca.pem, OrganizationalUnitIdentifier: client }
  PeerOUIdentifier: { Certificate: cacerts/ca.pem, OrganizationalUnitIdentifier: peer }
  AdminOUIdentifier: { Certificate: cacerts/ca.pem, OrganizationalUnitIdentifier: admin }
  OrdererOUIdentifier: { Certificate: cacerts/ca.pem, OrganizationalUnitIdentifier: orderer }
EOF
}

# The organisation's MSP as the channel sees it: root CA, TLS root CA, NodeOU classification.
write_org_msp() {
  local org="$1" msp
  msp="$(org_msp_dir "$org")"
  mkdir -p "$msp/cacerts" "$msp/tlscacerts"
  cp "$(ca_tls_root "$org")" "$msp/cacerts/ca.pem"
  cp "$(ca_tls_root "$org")" "$msp/tlscacerts/ca.pem"
  write_node_ous "$msp"
}

# enroll_identity ORG NAME TYPE DIR ATTRS [TLS_HOST] : registers NAME and enrolls its signing MSP into DIR/msp;
# with TLS_HOST also a TLS certificate into DIR/tls, valid for TLS_HOST, localhost and the bind address.
enroll_identity() {
  local org="$1" name="$2" type="$3" dir="$4" attrs="$5" tls_host="${6:-}" secret
  secret="$(openssl rand -hex 12)"
  local register=(register --id.name "$name" --id.secret "$secret" --id.type "$type")
  [[ -n "$attrs" ]] && register+=(--id.attrs "$attrs")
  ca_client "$org" "${register[@]}"
  local url="https://$name:$secret@$SCF_BIND:${CA_PORT[$org]}"
  ca_client "$org" enroll -u "$url" -M "$dir/msp"
  mv "$dir"/msp/cacerts/*.pem "$dir/msp/cacerts/ca.pem"
  write_node_ous "$dir/msp"
  [[ -n "$tls_host" ]] || return 0
  ca_client "$org" enroll -u "$url" -M "$dir/tls-enroll" --enrollment.profile tls --csr.hosts "$tls_host,localhost,$SCF_BIND"
  mkdir -p "$dir/tls"
  cp "$dir"/tls-enroll/tlscacerts/*.pem "$dir/tls/ca.crt"
  cp "$dir/tls-enroll/signcerts/cert.pem" "$dir/tls/server.crt"
  cp "$(key_file "$dir/tls-enroll")" "$dir/tls/server.key"
  rm -rf "$dir/tls-enroll"
}

generate_peer_org_identities() {
  local org="$1" party
  enroll_registrar "$org"
  write_org_msp "$org"
  enroll_identity "$org" "peer0" peer "$(peer_dir "$org")" "" "$(peer_host "$org")"
  enroll_identity "$org" "${org}-admin" admin "$(user_dir "$org" admin)" "scf.role=admin:ecert"
  for party in "${DEMO_PARTIES[@]}"; do
    [[ "$(party_field "$party" 1)" == "$org" ]] || continue
    enroll_identity "$org" "$party" client "$(user_dir "$org" "$party")" \
      "scf.party=$party:ecert,scf.role=$(party_field "$party" 2):ecert"
  done
}

generate_orderer_org_identities() {
  local name
  enroll_registrar orderer
  write_org_msp orderer
  for name in "${ORDERERS[@]}"; do
    enroll_identity orderer "$name" orderer "$(orderer_dir "$name")" "" "$(orderer_host "$name")"
  done
  # The orderer admin needs a TLS client certificate: the channel participation API requires mutual TLS.
  enroll_identity orderer "orderer-admin" admin "$(user_dir orderer admin)" "" "orderer-admin"
}

# Issues every certificate from the running CAs, once; later runs reuse what exists.
generate_identities() {
  local org
  [[ -f "$SCF_ORGS_DIR/.complete" ]] && return 0
  rm -rf "$SCF_ORGS_DIR"
  log "issuing certificates from the organisations' CAs"
  generate_orderer_org_identities
  for org in "${PEER_ORGS[@]}"; do generate_peer_org_identities "$org"; done
  # The shared chaincode service's TLS certificate, from the core organisation's CA.
  enroll_identity core ccaas-server client "$(user_dir core ccaas-server)" "" "ccaas.$SCF_DOMAIN"
  touch "$SCF_ORGS_DIR/.complete"
}
