# Channel configuration (configtx.yaml -> genesis block) and joining: osnadmin for orderers, peer channel join for peers.
# shellcheck shell=bash

export SCF_CHANNEL_DIR="$SCF_HOME/channel"
genesis_block() { echo "$SCF_CHANNEL_DIR/$SCF_CHANNEL.block"; }

configtx_org() { # configtx_org ORG : one Organizations entry; members read, clients and admins write.
  local org="$1" msp="${ORG_MSP[$1]}"
  cat <<EOF
  - &$msp
    Name: $msp
    ID: $msp
    MSPDir: $(org_msp_dir "$org")
    Policies:
      Readers: { Type: Signature, Rule: "OR('$msp.admin', '$msp.peer', '$msp.client', '$msp.orderer')" }
      Writers: { Type: Signature, Rule: "OR('$msp.admin', '$msp.client', '$msp.orderer')" }
      Admins: { Type: Signature, Rule: "OR('$msp.admin')" }
      Endorsement: { Type: Signature, Rule: "OR('$msp.peer')" }
EOF
  if [[ "$org" == orderer ]]; then
    echo "    OrdererEndpoints:"
    local o
    for o in "${ORDERERS[@]}"; do echo "      - $SCF_BIND:${ORDERER_PORT[$o]}"; done
  else
    # Anchor peers let each peer (and so the gateway's discovery) learn the other organisations' peers.
    echo "    AnchorPeers: [{ Host: $SCF_BIND, Port: ${PEER_PORT[$org]} }]"
  fi
}

write_configtx() {
  local out="$SCF_CHANNEL_DIR/configtx.yaml" org o
  {
    echo "Organizations:"
    for org in orderer "${PEER_ORGS[@]}"; do configtx_org "$org"; done
    cat <<'EOF'
Capabilities:
  Channel: &ChannelCapabilities { V2_0: true }
  Orderer: &OrdererCapabilities { V2_0: true }
  Application: &ApplicationCapabilities { V2_5: true }
Channel: &ChannelDefaults
  Policies: &ImplicitMetaPolicies
    Readers: { Type: ImplicitMeta, Rule: "ANY Readers" }
    Writers: { Type: ImplicitMeta, Rule: "ANY Writers" }
    Admins: { Type: ImplicitMeta, Rule: "MAJORITY Admins" }
  Capabilities: *ChannelCapabilities
Application: &ApplicationDefaults
  Organizations:
  Policies:
    <<: *ImplicitMetaPolicies
    LifecycleEndorsement: { Type: ImplicitMeta, Rule: "MAJORITY Endorsement" }
    Endorsement: { Type: ImplicitMeta, Rule: "MAJORITY Endorsement" }
  Capabilities: *ApplicationCapabilities
Orderer: &OrdererDefaults
  OrdererType: etcdraft
  # Cut a block after 100 ms or 100 transactions: measured with `npm run bench` (README, Performance), this
  # beat the former 500 ms at every load, since below ~100 in flight every write waited out the timeout.
  BatchTimeout: 100ms
  BatchSize: { MaxMessageCount: 100, AbsoluteMaxBytes: 10 MB, PreferredMaxBytes: 512 KB }
  EtcdRaft:
    Consenters:
EOF
    for o in "${ORDERERS[@]}"; do
      cat <<EOF
      - Host: $SCF_BIND
        Port: ${ORDERER_PORT[$o]}
        ClientTLSCert: $(orderer_dir "$o")/tls/server.crt
        ServerTLSCert: $(orderer_dir "$o")/tls/server.crt
EOF
    done
    cat <<'EOF'
  Organizations:
  Policies:
    <<: *ImplicitMetaPolicies
    BlockValidation: { Type: ImplicitMeta, Rule: "ANY Writers" }
  Capabilities: *OrdererCapabilities
Profiles:
  SCFChannel:
    <<: *ChannelDefaults
    Orderer:
      <<: *OrdererDefaults
      Organizations: [*OrdererMSP]
    Application:
      <<: *ApplicationDefaults
      Organizations: [*CoreMSP, *SupplierMSP, *Bank1MSP, *Bank2MSP, *AuditorMSP]
EOF
  } >"$out"
}

generate_genesis_block() {
  [[ -s "$(genesis_block)" ]] && return 0
  mkdir -p "$SCF_CHANNEL_DIR"
  write_configtx
  log "generating the genesis block of channel '$SCF_CHANNEL'"
  configtxgen -configPath "$SCF_CHANNEL_DIR" -profile SCFChannel -channelID "$SCF_CHANNEL" \
    -outputBlock "$(genesis_block)" >>"$(log_file configtxgen)" 2>&1 || process_failed configtxgen "could not build the genesis block"
}

osnadmin_as_admin() { # osnadmin_as_admin ORDERER ARGS...
  local o="$1" admin
  shift
  admin="$(user_dir orderer admin)/tls"
  osnadmin channel "$@" -o "$SCF_BIND:${ORDERER_ADMIN_PORT[$o]}" \
    --ca-file "$(org_tls_root orderer)" --client-cert "$admin/server.crt" --client-key "$admin/server.key"
}

join_orderers() {
  local o
  for o in "${ORDERERS[@]}"; do
    # osnadmin exits 0 on HTTP errors too, so read the status it prints.
    if osnadmin_as_admin "$o" list --channelID "$SCF_CHANNEL" 2>/dev/null | grep -q '^Status: 200'; then continue; fi
    log "joining $o to '$SCF_CHANNEL'"
    osnadmin_as_admin "$o" join --channelID "$SCF_CHANNEL" --config-block "$(genesis_block)" 2>&1 |
      tee -a "$(log_file osnadmin)" | grep -q '^Status: 201' || process_failed osnadmin "$o could not join '$SCF_CHANNEL'"
  done
}

# Prints the orderer that leads the channel's Raft cluster, by its own metrics; fails when none does.
raft_leader() {
  local o metrics
  for o in "${ORDERERS[@]}"; do
    # Read the whole page first: `curl | grep -q` fails under pipefail once the page outgrows the pipe buffer,
    # because grep exits at the match and curl then dies of SIGPIPE.
    metrics="$(curl -fsS "http://$SCF_BIND:${ORDERER_OPS_PORT[$o]}/metrics" 2>/dev/null)" || continue
    if grep -q "^consensus_etcdraft_is_leader{channel=\"$SCF_CHANNEL\"} 1" <<<"$metrics"; then
      echo "$o"
      return 0
    fi
  done
  return 1
}

raft_leader_elected() { raft_leader >/dev/null; }

# Transactions are refused with "no Raft leader" until the three orderers have elected one.
wait_raft_leader() { wait_until "${ORDERERS[0]}" 60 raft_leader_elected; }

join_peers() {
  local org
  for org in "${PEER_ORGS[@]}"; do
    if as_org_admin "$org" peer channel list 2>/dev/null | grep -qx "$SCF_CHANNEL"; then continue; fi
    log "joining $(peer_host "$org") to '$SCF_CHANNEL'"
    as_org_admin "$org" peer channel join -b "$(genesis_block)" >>"$(log_file "cli-$org")" 2>&1 ||
      process_failed "cli-$org" "could not join '$SCF_CHANNEL'"
  done
}
