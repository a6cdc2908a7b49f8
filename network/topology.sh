# The one description of the local network's topology: organisations, nodes, ports, demo identities.
# Every launcher and generator reads this file; nothing else hard-codes a port or an MSP id.
# shellcheck shell=bash disable=SC2034

readonly SCF_CHANNEL="scf"
readonly SCF_CHAINCODE="receivables"
readonly SCF_DOMAIN="scf.local"
readonly SCF_BIND="127.0.0.1"
# Added to every port below, so that a second network (another SCF_HOME) can run beside the default one.
readonly SCF_PORT_OFFSET="${SCF_PORT_OFFSET:-0}"
[[ "$SCF_PORT_OFFSET" =~ ^[0-9]+$ ]] || { echo "SCF_PORT_OFFSET must be a non-negative integer" >&2; exit 2; }
port() { echo $(($1 + SCF_PORT_OFFSET)); }

# Peer organisations, in a fixed order (channel config, approvals and reports follow it).
readonly PEER_ORGS=(core supplier bank1 bank2 auditor)

declare -Ar ORG_MSP=([core]=CoreMSP [supplier]=SupplierMSP [bank1]=Bank1MSP [bank2]=Bank2MSP [auditor]=AuditorMSP [orderer]=OrdererMSP)
# Each organisation's own Fabric CA: listen port, and its operations port (default 9443 would collide).
declare -Ar CA_PORT=([orderer]=$(port 6054) [core]=$(port 7054) [supplier]=$(port 8054) [bank1]=$(port 9054) [bank2]=$(port 10054) [auditor]=$(port 11054))
declare -Ar CA_OPS_PORT=([orderer]=$(port 16054) [core]=$(port 17054) [supplier]=$(port 18054) [bank1]=$(port 19054) [bank2]=$(port 20054) [auditor]=$(port 21054))

# One peer per organisation: gRPC, chaincode listener (unused by CCaaS but bound), operations.
declare -Ar PEER_PORT=([core]=$(port 7051) [supplier]=$(port 8051) [bank1]=$(port 9051) [bank2]=$(port 10051) [auditor]=$(port 11051))
declare -Ar PEER_CC_PORT=([core]=$(port 7052) [supplier]=$(port 8052) [bank1]=$(port 9052) [bank2]=$(port 10052) [auditor]=$(port 11052))
declare -Ar PEER_OPS_PORT=([core]=$(port 9441) [supplier]=$(port 9442) [bank1]=$(port 9443) [bank2]=$(port 9444) [auditor]=$(port 9445))

# Three Raft orderers of the orderer organisation: client/cluster gRPC, channel participation admin, operations.
readonly ORDERERS=(orderer1 orderer2 orderer3)
declare -Ar ORDERER_PORT=([orderer1]=$(port 7050) [orderer2]=$(port 7150) [orderer3]=$(port 7250))
declare -Ar ORDERER_ADMIN_PORT=([orderer1]=$(port 7053) [orderer2]=$(port 7153) [orderer3]=$(port 7253))
declare -Ar ORDERER_OPS_PORT=([orderer1]=$(port 8443) [orderer2]=$(port 8444) [orderer3]=$(port 8445))

# The chaincode runs as one TLS service that every peer dials (CCaaS).
CHAINCODE_PORT="$(port 9999)"
readonly CHAINCODE_PORT
readonly GATEWAY_PORT="${SCF_GATEWAY_PORT:-$(port 8080)}"

# Demo companies: id -> "org:role:kind:legal name". Their certificates carry scf.party and scf.role.
readonly DEMO_PARTIES=(CORE-001 SUP-T1 SUP-T2 SUP-T3 BANK-A BANK-B AUDIT-01)
declare -Ar PARTY_INFO=(
  [CORE-001]="core:erp:CORE:Core Manufacturing Co."
  [SUP-T1]="supplier:treasury:SUPPLIER:Tier-1 Supplier Ltd."
  [SUP-T2]="supplier:treasury:SUPPLIER:Tier-2 Supplier Ltd."
  [SUP-T3]="supplier:treasury:SUPPLIER:Tier-3 Supplier Ltd."
  [BANK-A]="bank1:credit:BANK:Bank A"
  [BANK-B]="bank2:credit:BANK:Bank B"
  [AUDIT-01]="auditor:auditor:AUDITOR:Audit Firm 01"
)

peer_host() { echo "peer0.$1.$SCF_DOMAIN"; }
orderer_host() { echo "$1.$SCF_DOMAIN"; }
party_field() { # party_field PARTY N -> the N-th ':'-field of PARTY_INFO (1=org 2=role 3=kind 4=name)
  cut -d: -f"$2" <<<"${PARTY_INFO[$1]}"
}

# Every TCP port the network listens on, one per line (the test harness checks they are free).
all_ports() {
  local org o
  {
    for org in orderer "${PEER_ORGS[@]}"; do echo "${CA_PORT[$org]}" "${CA_OPS_PORT[$org]}"; done
    for org in "${PEER_ORGS[@]}"; do echo "${PEER_PORT[$org]}" "${PEER_CC_PORT[$org]}" "${PEER_OPS_PORT[$org]}"; done
    for o in "${ORDERERS[@]}"; do echo "${ORDERER_PORT[$o]}" "${ORDERER_ADMIN_PORT[$o]}" "${ORDERER_OPS_PORT[$o]}"; done
    echo "$CHAINCODE_PORT" "$GATEWAY_PORT"
  } | tr ' ' '\n'
}

# The long-running Fabric nodes by the name every launcher, log and status line uses.
node_names() {
  local org o
  for org in orderer "${PEER_ORGS[@]}"; do echo "ca-$org"; done
  for o in "${ORDERERS[@]}"; do echo "$o"; done
  for org in "${PEER_ORGS[@]}"; do echo "peer-$org"; done
}
