import type { ServiceName, Tier } from '../spec/types.js';

/** The instance OS: Amazon Linux 2023 (default), Ubuntu 24.04, or the GPU Deep Learning AMI (Amazon Linux 2023 based). */
export const STACK_OSES = ['al2023', 'ubuntu2404', 'dlami'] as const;
export type StackOs = (typeof STACK_OSES)[number];

/**
 * Where TLS ends. `internal`: Caddy serves HTTPS itself with its internal CA on the instance's public IP/DNS (tier1).
 * `behind-alb`: the ALB terminates TLS and Caddy listens on plain HTTP :80 for the ALB only (tier2/3).
 */
export const TLS_MODES = ['internal', 'behind-alb'] as const;
export type TlsMode = (typeof TLS_MODES)[number];

/** Everything the on-instance artifacts depend on. Build one with `createStackInput`; all renderers are pure over it. */
export interface StackInput {
  /** Deployment name (DeploymentSpec.name). */
  name: string;
  tier: Tier;
  region: string;
  /** Where EFS is mounted on the instance; always `/mnt/efs` unless a test says otherwise. */
  efsMountPoint: string;
  efsFileSystemId: string;
  /** SSM Parameter Store path holding this deployment's secrets: `/geusemaker/<name>/`. */
  ssmParameterPrefix: string;
  /** Ollama models pulled in the background after the stack is up. */
  models: readonly string[];
  /** Per-service image overrides (DeploymentSpec.images); the versions table fills the rest. */
  images: Partial<Record<ServiceName, string>>;
  os: StackOs;
  /** Give Ollama the GPU (requires `os: 'dlami'`). */
  gpu: boolean;
  tlsMode: TlsMode;
  /** Public base URL (e.g. the ALB's or CloudFront's); when absent the instance derives it from its public address. */
  publicUrl?: string;
}

/** The encoded UserData. EC2 allows 16384 bytes before base64; `bytes` is that size. */
export interface UserDataResult {
  /** The plain bash script (what runs on the instance), whatever the encoding. */
  script: string;
  /** Size of the payload EC2 receives, before base64. */
  bytes: number;
  /** `plain`: the script itself. `gzip-mime`: gzip of a one-part MIME multipart document (cloud-init unpacks both). */
  encoding: 'plain' | 'gzip-mime';
  /** The payload, base64-encoded, ready for RunInstances/LaunchTemplate `UserData`. */
  userDataBase64: string;
}

/** EC2's limit on UserData, in bytes, before base64 encoding. */
export const USERDATA_LIMIT_BYTES = 16_384;

/** Fixed paths on the instance. */
export const INSTANCE_PATHS = {
  efsMountPoint: '/mnt/efs',
  configDir: '/etc/geusemaker',
  envFile: '/etc/geusemaker/stack.env',
  composeFile: '/etc/geusemaker/docker-compose.yml',
  caddyfile: '/etc/geusemaker/Caddyfile',
  stateDir: '/var/lib/geusemaker',
  completionMarker: '/var/lib/geusemaker/complete.json',
  failureMarker: '/var/lib/geusemaker/failed.json',
  logDir: '/var/log/geusemaker',
  userDataLog: '/var/log/geusemaker/userdata.log',
  modelsLog: '/var/log/geusemaker/models.log',
  bootScript: '/usr/local/sbin/geusemaker-boot',
} as const;

/** The UserData phases, in order; each gets a timestamp in the completion marker. */
export const USERDATA_PHASES = [
  'packages',
  'docker',
  'efs-mount',
  'secrets',
  'compose-written',
  'images-pulled',
  'services-up',
  'models-pulling',
] as const;
export type UserDataPhase = (typeof USERDATA_PHASES)[number];

/** The compose project name: `docker compose -p geusemaker …` on the instance. */
export const COMPOSE_PROJECT = 'geusemaker';

/** `docker compose` for the stack on the instance (project, env file, compose file), for scripts run over SSM. */
export const COMPOSE_COMMAND = `docker compose --project-name ${COMPOSE_PROJECT} --env-file ${INSTANCE_PATHS.envFile} -f ${INSTANCE_PATHS.composeFile}`;
