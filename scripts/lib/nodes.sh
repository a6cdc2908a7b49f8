# Native launchers for the Fabric nodes: each node gets its own config dir, data dir, ports and log.
# Settings come from the release's sampleconfig, overridden through the environment.
# shellcheck shell=bash

export SCF_DATA_DIR="$SCF_HOME/data"
export SCF_BUILDERS_DIR="$SCF_ROOT/network/builders"

node_config_dir() { # a FABRIC_CFG_PATH holding the release's default core.yaml and orderer.yaml
  local dir="$SCF_HOME/config"
  if [[ ! -f "$dir/core.yaml" ]]; then
    mkdir -p "$dir"
    cp "$FABRIC_SAMPLECONFIG/core.yaml" "$FABRIC_SAMPLECONFIG/orderer.yaml" "$dir/"
    # No Docker here: with a vm.endpoint set the peer's health check waits for a Docker daemon
    # forever, and an empty environment override does not clear it, so clear it in the file.
    sed -i 's#^\(\s*endpoint:\) unix:///var/run/docker.sock#\1 ""#' "$dir/core.yaml"
  fi
  echo "$dir"
}

peer_env() { # peer_env ORG : the environment of ORG's peer process
  local org="$1" dir
  dir="$(peer_dir "$org")"
  cat <<EOF
FABRIC_CFG_PATH=$(node_config_dir)
FABRIC_LOGGING_SPEC=INFO
CORE_PEER_ID=$(peer_host "$org")
CORE_PEER_LOCALMSPID=${ORG_MSP[$org]}
CORE_PEER_MSPCONFIGPATH=$dir/msp
CORE_PEER_ADDRESS=$SCF_BIND:${PEER_PORT[$org]}
CORE_PEER_LISTENADDRESS=$SCF_BIND:${PEER_PORT[$org]}
CORE_PEER_CHAINCODEADDRESS=$SCF_BIND:${PEER_CC_PORT[$org]}
CORE_PEER_CHAINCODELISTENADDRESS=$SCF_BIND:${PEER_CC_PORT[$org]}
CORE_PEER_GOSSIP_BOOTSTRAP=$SCF_BIND:${PEER_PORT[$org]}
CORE_PEER_GOSSIP_EXTERNALENDPOINT=$SCF_BIND:${PEER_PORT[$org]}
CORE_PEER_TLS_ENABLED=true
CORE_PEER_TLS_CERT_FILE=$dir/tls/server.crt
CORE_PEER_TLS_KEY_FILE=$dir/tls/server.key
CORE_PEER_TLS_ROOTCERT_FILE=$dir/tls/ca.crt
CORE_PEER_FILESYSTEMPATH=$SCF_DATA_DIR/peer-$org
CORE_LEDGER_SNAPSHOTS_ROOTDIR=$SCF_DATA_DIR/peer-$org/snapshots
CORE_OPERATIONS_LISTENADDRESS=$SCF_BIND:${PEER_OPS_PORT[$org]}
CORE_METRICS_PROVIDER=prometheus
CORE_CHAINCODE_EXTERNALBUILDERS=[{name: ccaas, path: $SCF_BUILDERS_DIR/ccaas}]
EOF
}

orderer_env() { # orderer_env NAME : the environment of one Raft orderer
  local o="$1" dir
  dir="$(orderer_dir "$o")"
  cat <<EOF
FABRIC_CFG_PATH=$(node_config_dir)
FABRIC_LOGGING_SPEC=INFO
ORDERER_GENERAL_LISTENADDRESS=$SCF_BIND
ORDERER_GENERAL_LISTENPORT=${ORDERER_PORT[$o]}
ORDERER_GENERAL_LOCALMSPID=${ORG_MSP[orderer]}
ORDERER_GENERAL_LOCALMSPDIR=$dir/msp
ORDERER_GENERAL_BOOTSTRAPMETHOD=none
ORDERER_GENERAL_TLS_ENABLED=true
ORDERER_GENERAL_TLS_PRIVATEKEY=$dir/tls/server.key
ORDERER_GENERAL_TLS_CERTIFICATE=$dir/tls/server.crt
ORDERER_GENERAL_TLS_ROOTCAS=[$dir/tls/ca.crt]
ORDERER_GENERAL_CLUSTER_CLIENTCERTIFICATE=$dir/tls/server.crt
ORDERER_GENERAL_CLUSTER_CLIENTPRIVATEKEY=$dir/tls/server.key
ORDERER_GENERAL_CLUSTER_ROOTCAS=[$dir/tls/ca.crt]
ORDERER_CHANNELPARTICIPATION_ENABLED=true
ORDERER_ADMIN_LISTENADDRESS=$SCF_BIND:${ORDERER_ADMIN_PORT[$o]}
ORDERER_ADMIN_TLS_ENABLED=true
ORDERER_ADMIN_TLS_PRIVATEKEY=$dir/tls/server.key
ORDERER_ADMIN_TLS_CERTIFICATE=$dir/tls/server.crt
ORDERER_ADMIN_TLS_ROOTCAS=[$dir/tls/ca.crt]
ORDERER_ADMIN_TLS_CLIENTAUTHREQUIRED=true
ORDERER_ADMIN_TLS_CLIENTROOTCAS=[$dir/tls/ca.crt]
ORDERER_FILELEDGER_LOCATION=$SCF_DATA_DIR/$o/ledger
ORDERER_CONSENSUS_WALDIR=$SCF_DATA_DIR/$o/etcdraft/wal
ORDERER_CONSENSUS_SNAPDIR=$SCF_DATA_DIR/$o/etcdraft/snapshot
ORDERER_OPERATIONS_LISTENADDRESS=$SCF_BIND:${ORDERER_OPS_PORT[$o]}
ORDERER_METRICS_PROVIDER=prometheus
EOF
}

start_orderer() {
  local -a settings
  mapfile -t settings < <(orderer_env "$1")
  start_process "$1" env "${settings[@]}" orderer
}

start_peer() {
  local -a settings
  mapfile -t settings < <(peer_env "$1")
  start_process "peer-$1" env "${settings[@]}" peer node start
}

wait_orderer() { wait_until "$1" 90 health_ok "$SCF_BIND:${ORDERER_OPS_PORT[$1]}"; }
wait_peer() { wait_until "peer-$1" 90 health_ok "$SCF_BIND:${PEER_OPS_PORT[$1]}"; }

# as_org_admin ORG CMD... : runs a peer CLI command as ORG's admin against ORG's peer.
as_org_admin() {
  local org="$1"
  shift
  local -a settings
  mapfile -t settings < <(peer_env "$org")
  env "${settings[@]}" "CORE_PEER_MSPCONFIGPATH=$(user_dir "$org" admin)/msp" "$@"
}
