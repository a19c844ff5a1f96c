/**
 * The static bash of the UserData, one constant per section. Written as TypeScript template literals, so the
 * bash `${…}`, backslashes and backticks are escaped (`\${`, `\\`, `\`` ); nothing here is interpolated. What varies
 * per deployment lives in userdata.ts. Tests run bash -n and shellcheck over every assembled variant.
 */

/** Functions every variant shares: logging, phases, retries, IMDSv2, EFS, SSM → env file, compose, the marker. */
export const COMMON_FUNCTIONS = `log() { printf '%s [gm] %s\\n' "$(date -u +%FT%TZ)" "$*"; }
now() { date -u +%FT%TZ; }

on_error() {
  local rc=$?
  printf '{"deployment":"%s","phase":"%s","line":%s,"exitCode":%s,"failedAt":"%s"}\\n' \\
    "$GM_NAME" "$GM_PHASE" "$1" "$rc" "$(now)" >"$GM_STATE/failed.json"
  log "FAILED in phase $GM_PHASE (line $1, exit $rc)"
}

# phase NAME COMMAND...: run one step, then record when it finished in its own progress file.
phase() {
  GM_PHASE=$1
  shift
  log "phase $GM_PHASE: start"
  "$@"
  now >"$GM_STATE/phases/$GM_PHASE"
  log "phase $GM_PHASE: done"
}

# retry TRIES DELAY COMMAND...: for calls that fail while the instance is still settling (IAM, network).
retry() {
  local tries=$1 delay=$2 n
  shift 2
  for ((n = 1; ; n++)); do
    "$@" && return 0
    ((n < tries)) || return 1
    log "try $n/$tries of $1 failed; again in \${delay}s" >&2
    sleep "$delay"
  done
}

# imds PATH: one instance-metadata value over IMDSv2 (hop limit 1 is enough on the host itself).
imds() {
  local token
  token=$(curl -fsS --retry 5 --retry-connrefused -X PUT -H 'X-aws-ec2-metadata-token-ttl-seconds: 60' \\
    http://169.254.169.254/latest/api/token)
  curl -fsS --retry 3 -H "X-aws-ec2-metadata-token: $token" "http://169.254.169.254/latest/meta-data/$1"
}

find_region() {
  GM_REGION=$(imds placement/region)
  [[ $GM_REGION == "$GM_REGION_EXPECTED" ]] || log "warning: instance runs in $GM_REGION, the spec says $GM_REGION_EXPECTED"
}

# One directory per service, owned by the uid its image runs as; never world-writable.
make_service_dirs() {
  local entry dir uid
  for entry in "\${GM_DIRS[@]}"; do
    dir=$GM_MOUNT/\${entry%%:*}
    uid=\${entry##*:}
    mkdir -p "$dir"
    chown "$uid:$uid" "$dir"
    chmod 0700 "$dir"
  done
}

# Mount target DNS can lag the file system by minutes: retry with back-off, bounded at 30 tries.
mount_efs() {
  local source type options try wait
  read -r source type options < <(efs_entry)
  mkdir -p "$GM_MOUNT"
  for ((try = 1; ; try++)); do
    mountpoint -q "$GM_MOUNT" && break
    mount -t "$type" -o "$options" "$source" "$GM_MOUNT" && break
    if ((try >= 30)); then
      log "EFS $GM_EFS_ID did not answer after $try tries"
      return 1
    fi
    wait=$((try < 6 ? try * 5 : 30))
    log "EFS mount try $try failed (mount target not ready yet?); again in \${wait}s"
    sleep "$wait"
  done
  grep -qs " $GM_MOUNT " /etc/fstab ||
    printf '%s %s %s _netdev,nofail,%s 0 0\\n' "$source" "$GM_MOUNT" "$type" "$options" >>/etc/fstab
  # Containers must never start on the bare mount point (they would write to the root volume): Docker waits for EFS.
  mkdir -p /etc/systemd/system/docker.service.d
  printf '[Unit]\\nRequiresMountsFor=%s\\n' "$GM_MOUNT" >/etc/systemd/system/docker.service.d/geusemaker.conf
  systemctl daemon-reload
  make_service_dirs
}

wanted_var() {
  local want
  for want in "\${GM_SECRET_VARS[@]}"; do [[ $1 == "$want" ]] && return 0; done
  return 1
}

# The one SSM SecureString of KEY=value lines → stack.env (0600). Values only ever pass through bash builtins:
# never argv, never the log.
write_env() {
  { set +x; } 2>/dev/null
  local lines tmp value key ip host
  lines=$(retry 10 10 aws ssm get-parameter --region "$GM_REGION" --name "$GM_SECRETS" --with-decryption \\
    --query Parameter.Value --output text)
  install -d -m 0700 "$GM_ETC"
  tmp=$(mktemp "$GM_ETC/.stack.env.XXXXXX")
  while IFS='=' read -r key value; do
    wanted_var "$key" || continue
    if [[ $value == *"'"* ]]; then
      log "$key in $GM_SECRETS contains a quote; refusing it"
      rm -f "$tmp"
      return 1
    fi
    printf "%s='%s'\\n" "$key" "$value" >>"$tmp"
  done <<<"$lines"
  for key in "\${GM_SECRET_VARS[@]}"; do
    grep -q "^$key=" "$tmp" && continue
    log "$key is missing from $GM_SECRETS"
    rm -f "$tmp"
    return 1
  done
  ip=$(imds public-ipv4 || imds local-ipv4)
  host=$(imds public-hostname || true)
  printf "GM_PUBLIC_IP='%s'\\nGM_PUBLIC_HOST='%s'\\nGM_PUBLIC_URL='%s'\\n" \\
    "$ip" "\${host:-localhost}" "\${GM_PUBLIC_URL:-https://\${host:-$ip}/}" >>"$tmp"
  mv -f "$tmp" "$GM_ENV_FILE"
  log "wrote $GM_ENV_FILE: \${#GM_SECRET_VARS[@]} secrets (values not logged), public address $ip"
}

compose() {
  docker compose --project-name geusemaker --env-file "$GM_ENV_FILE" -f "$GM_ETC/docker-compose.yml" "$@"
}

start_model_pulls() {
  if ((\${#GM_MODELS[@]} == 0)); then
    log "no Ollama models configured"
    return 0
  fi
  nohup "$GM_SELF" pull-models >>"$GM_LOGS/models.log" 2>&1 </dev/null &
  log "pulling \${#GM_MODELS[@]} Ollama model(s) in the background (pid $!); see $GM_LOGS/models.log"
}

pull_models() {
  local model failed=()
  retry 60 5 compose exec -T ollama ollama list >/dev/null
  for model in "\${GM_MODELS[@]}"; do
    log "pulling $model"
    compose exec -T ollama ollama pull "$model" || failed+=("$model")
  done
  printf '{"finishedAt":"%s","failed":%s}\\n' "$(now)" "\${#failed[@]}" >"$GM_STATE/models.json"
  ((\${#failed[@]} == 0)) || log "model pulls failed: \${failed[*]}"
}

write_marker() {
  local phase sep=''
  {
    printf '{"deployment":"%s","os":"%s","region":"%s","startedAt":"%s","completedAt":"%s","phases":{' \\
      "$GM_NAME" "$GM_OS" "$GM_REGION" "$GM_STARTED" "$(now)"
    for phase in "\${GM_PHASES[@]}"; do
      printf '%s"%s":"%s"' "$sep" "$phase" "$(<"$GM_STATE/phases/$phase")"
      sep=,
    done
    printf '}}\\n'
  } >"$GM_STATE/complete.json.tmp"
  mv -f "$GM_STATE/complete.json.tmp" "$GM_STATE/complete.json"
}

setup() {
  mkdir -p "$GM_STATE/phases"
  install -d -m 0750 "$GM_LOGS"
  exec > >(tee -a "$GM_LOGS/userdata.log") 2>&1
  trap 'on_error $LINENO' ERR
}

run_all() {
  GM_STARTED=$(now)
  rm -f "$GM_STATE/complete.json" "$GM_STATE/failed.json"
  find_region
  phase packages install_packages
  phase docker start_docker
  phase efs-mount mount_efs
  phase secrets write_env
  phase compose-written write_artifacts
  phase images-pulled retry 3 15 compose pull --quiet
  phase services-up compose up -d --remove-orphans
  phase models-pulling start_model_pulls
  write_marker
  log "stack is up; marker: $GM_STATE/complete.json"
}

# Every later boot (systemd): EFS in place (retrying), fresh secrets and public address, then Docker — which
# waits for EFS, so a boot where the mount was late still ends with the stack up.
run_boot() {
  GM_PHASE=boot
  find_region
  mount_efs
  write_env
  systemctl start docker
  compose up -d --remove-orphans
}`;

/** Amazon Linux 2023 and the (AL2023-based) Deep Learning AMI: packages from the distribution's own repos. */
export const DNF_FUNCTIONS = `install_packages() {
  local missing=()
  command -v docker >/dev/null || missing+=(docker)
  rpm -q amazon-efs-utils >/dev/null 2>&1 || missing+=(amazon-efs-utils)
  if ((\${#missing[@]} == 0)); then
    log "docker and amazon-efs-utils already installed"
    return 0
  fi
  dnf install -y "\${missing[@]}"
}

# Amazon Linux packages no compose plugin: fetch the pinned release and check it against its published checksum.
ensure_compose() {
  local dir=/usr/local/lib/docker/cli-plugins url
  docker compose version >/dev/null 2>&1 && return 0
  url=https://github.com/docker/compose/releases/download/v$GM_COMPOSE_VERSION/docker-compose-linux-$(uname -m)
  mkdir -p "$dir"
  retry 5 10 curl -fsSL -o "$dir/docker-compose.download" "$url"
  retry 5 10 curl -fsSL -o "$dir/docker-compose.sha256" "$url.sha256"
  printf '%s  %s\\n' "$(cut -d ' ' -f 1 "$dir/docker-compose.sha256")" "$dir/docker-compose.download" | sha256sum -c -
  chmod 0755 "$dir/docker-compose.download"
  mv -f "$dir/docker-compose.download" "$dir/docker-compose"
}

efs_entry() { printf '%s:/ efs tls,iam\\n' "$GM_EFS_ID"; }`;

/** Ubuntu 24.04: Docker and compose from the archive, the AWS CLI from its snap, EFS over the best available client. */
export const UBUNTU_FUNCTIONS = `install_packages() {
  export DEBIAN_FRONTEND=noninteractive
  if ! command -v docker >/dev/null || ! docker compose version >/dev/null 2>&1 || ! command -v mount.nfs4 >/dev/null; then
    apt-get update -q
    apt-get install -y -q docker.io docker-compose-v2 nfs-common
  fi
  command -v aws >/dev/null || snap install aws-cli --classic
}

ensure_compose() { docker compose version >/dev/null; }

# Ubuntu has no amazon-efs-utils package. With the helper (e.g. baked into a custom AMI) EFS is mounted with TLS
# and IAM; without it, over plain NFSv4.1 inside the VPC (the security group admits only this instance).
efs_entry() {
  if command -v mount.efs >/dev/null; then
    printf '%s:/ efs tls,iam\\n' "$GM_EFS_ID"
    return 0
  fi
  log "warning: amazon-efs-utils not installed; mounting EFS over NFSv4.1 without TLS" >&2
  printf '%s.efs.%s.amazonaws.com:/ nfs4 nfsvers=4.1,rsize=1048576,wsize=1048576,hard,timeo=600,retrans=2,noresvport\\n' \\
    "$GM_EFS_ID" "$GM_REGION"
}`;

/** GPU variant only: check the driver and register the NVIDIA container runtime with Docker. */
export const GPU_FUNCTIONS = `# The Deep Learning AMI ships the NVIDIA driver and container toolkit; make sure Docker has the runtime registered.
ensure_gpu() {
  nvidia-smi -L || {
    log "nvidia-smi sees no GPU: use a GPU instance type with the Deep Learning AMI"
    return 1
  }
  docker info --format '{{json .Runtimes}}' | grep -q nvidia && return 0
  command -v nvidia-ctk >/dev/null || dnf install -y nvidia-container-toolkit
  nvidia-ctk runtime configure --runtime=docker
  systemctl restart docker
}`;

/** Entry point: `all` on first boot (cloud-init), `boot` on every later boot (systemd), `pull-models` in the background. */
export const MAIN_DISPATCH = `case \${1:-all} in
  all)
    setup
    run_all
    ;;
  boot)
    setup
    run_boot
    ;;
  pull-models) pull_models ;;
  *)
    echo "usage: $0 [all|boot|pull-models]" >&2
    exit 2
    ;;
esac`;
