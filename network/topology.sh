# The one description of the local network's topology: organisations, nodes, ports, demo identities.
# Every launcher and generator reads this file; nothing else hard-codes a port or an MSP id.
# shellcheck shell=bash disable=SC2034

readonly SCF_CHANNEL="scf"
readonly SCF_CHAINCODE="receivables"
readonly SCF_DOMAIN="scf.local"
readonly SCF_BIND="127.0.0.1"

# Peer organisations, in a fixed order (channel config, approvals and reports follow it).
readonly PEER_ORGS=(core supplier bank1 bank2 auditor)

declare -Ar ORG_MSP=([core]=CoreMSP [supplier]=SupplierMSP [bank1]=Bank1MSP [bank2]=Bank2MSP [auditor]=AuditorMSP [orderer]=OrdererMSP)
# Each organisation's own Fabric CA: listen port, and its operations port (default 9443 would collide).
declare -Ar CA_PORT=([orderer]=6054 [core]=7054 [supplier]=8054 [bank1]=9054 [bank2]=10054 [auditor]=11054)
declare -Ar CA_OPS_PORT=([orderer]=16054 [core]=17054 [supplier]=18054 [bank1]=19054 [bank2]=20054 [auditor]=21054)

# One peer per organisation: gRPC, chaincode listener (unused by CCaaS but bound), operations.
declare -Ar PEER_PORT=([core]=7051 [supplier]=8051 [bank1]=9051 [bank2]=10051 [auditor]=11051)
declare -Ar PEER_CC_PORT=([core]=7052 [supplier]=8052 [bank1]=9052 [bank2]=10052 [auditor]=11052)
declare -Ar PEER_OPS_PORT=([core]=9441 [supplier]=9442 [bank1]=9443 [bank2]=9444 [auditor]=9445)

# Three Raft orderers of the orderer organisation: client/cluster gRPC, channel participation admin, operations.
readonly ORDERERS=(orderer1 orderer2 orderer3)
declare -Ar ORDERER_PORT=([orderer1]=7050 [orderer2]=7150 [orderer3]=7250)
declare -Ar ORDERER_ADMIN_PORT=([orderer1]=7053 [orderer2]=7153 [orderer3]=7253)
declare -Ar ORDERER_OPS_PORT=([orderer1]=8443 [orderer2]=8444 [orderer3]=8445)

# The chaincode runs as one TLS service that every peer dials (CCaaS).
readonly CHAINCODE_PORT=9999
readonly GATEWAY_PORT="${SCF_GATEWAY_PORT:-8080}"

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
