# The orderer's block cutting (BatchTimeout, BatchSize.MaxMessageCount) changed on the running channel by a
# config update signed by the orderer organisation's admin, whose Admins policy owns these values.
# shellcheck shell=bash

# as_orderer_admin CMD... : a peer CLI command as the orderer admin (it only talks to the orderers).
as_orderer_admin() {
  env FABRIC_CFG_PATH="$(node_config_dir)" FABRIC_LOGGING_SPEC=WARN CORE_PEER_LOCALMSPID="${ORG_MSP[orderer]}" \
    CORE_PEER_MSPCONFIGPATH="$(user_dir orderer admin)/msp" CORE_PEER_TLS_ENABLED=true "$@"
}

# fetch_channel_config DIR : the channel's current config as DIR/config.json.
fetch_channel_config() {
  local dir="$1"
  # shellcheck disable=SC2046 # orderer_args is a list of flags
  as_orderer_admin peer channel fetch config "$dir/config_block.pb" -c "$SCF_CHANNEL" $(orderer_args) \
    >>"$(log_file cli-orderer)" 2>&1 || process_failed cli-orderer "could not fetch the config of '$SCF_CHANNEL'"
  configtxlator proto_decode --type common.Block --input "$dir/config_block.pb" |
    jq '.data.data[0].payload.data.config' >"$dir/config.json"
}

print_block_cutting() { # print_block_cutting CONFIG_JSON
  jq -r '.channel_group.groups.Orderer.values | "BatchTimeout=\(.BatchTimeout.value.timeout) MaxMessageCount=\(.BatchSize.value.max_message_count) PreferredMaxBytes=\(.BatchSize.value.preferred_max_bytes)"' "$1"
}

# submit_config_update DIR : turns DIR/config.json -> DIR/modified.json into a signed update and sends it.
submit_config_update() {
  local dir="$1"
  configtxlator proto_encode --type common.Config --input "$dir/config.json" --output "$dir/config.pb"
  configtxlator proto_encode --type common.Config --input "$dir/modified.json" --output "$dir/modified.pb"
  configtxlator compute_update --channel_id "$SCF_CHANNEL" --original "$dir/config.pb" --updated "$dir/modified.pb" \
    --output "$dir/update.pb"
  configtxlator proto_decode --type common.ConfigUpdate --input "$dir/update.pb" |
    jq --arg ch "$SCF_CHANNEL" '{payload: {header: {channel_header: {channel_id: $ch, type: 2}}, data: {config_update: .}}}' \
      >"$dir/envelope.json"
  configtxlator proto_encode --type common.Envelope --input "$dir/envelope.json" --output "$dir/envelope.pb"
  # shellcheck disable=SC2046
  as_orderer_admin peer channel update -f "$dir/envelope.pb" -c "$SCF_CHANNEL" $(orderer_args) \
    >>"$(log_file cli-orderer)" 2>&1 || process_failed cli-orderer "the config update of '$SCF_CHANNEL' was refused"
}

# block_cutting_is DIR TIMEOUT MAX_MESSAGES : true once the channel's config carries these values.
block_cutting_is() {
  fetch_channel_config "$1"
  [[ "$(print_block_cutting "$1/config.json")" == "BatchTimeout=$2 MaxMessageCount=$3 "* ]]
}

# block_cutting [TIMEOUT MAX_MESSAGES] : prints the settings, or changes them (e.g. 2s 500) and prints the result.
block_cutting() {
  command -v jq >/dev/null || die "jq is needed to edit the channel config"
  # The working files stay with the channel's other generated files, replaced by the next update.
  local dir="$SCF_CHANNEL_DIR/config-update"
  rm -rf "$dir" && mkdir -p "$dir"
  fetch_channel_config "$dir"
  if [[ $# -eq 2 ]]; then
    [[ "$1" =~ ^[0-9]+(ms|s)$ ]] || die "BatchTimeout '$1' must look like 250ms or 2s"
    [[ "$2" =~ ^[1-9][0-9]*$ ]] || die "MaxMessageCount '$2' must be a positive integer"
    jq --arg t "$1" --argjson n "$2" '.channel_group.groups.Orderer.values.BatchTimeout.value.timeout = $t
      | .channel_group.groups.Orderer.values.BatchSize.value.max_message_count = $n' "$dir/config.json" >"$dir/modified.json"
    if cmp -s <(jq -S . "$dir/config.json") <(jq -S . "$dir/modified.json"); then
      log "block cutting already $(print_block_cutting "$dir/config.json")"
    else
      log "updating block cutting of '$SCF_CHANNEL' to BatchTimeout=$1 MaxMessageCount=$2"
      submit_config_update "$dir"
      local deadline=$((SECONDS + 30))
      until block_cutting_is "$dir" "$1" "$2"; do
        ((SECONDS < deadline)) || die "the channel config did not show the new block cutting within 30s"
        sleep 0.5
      done
    fi
  fi
  print_block_cutting "$dir/config.json"
}
