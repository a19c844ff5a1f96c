import { COMPOSE_COMMAND, INSTANCE_PATHS } from '../stack/index.js';

/** `docker compose` on the deployment's project, as the host runs it (validation, status, health, logs). */

/** Lines of log shown for a container that is not healthy. */
export const LOG_TAIL_LINES = 20;

/**
 * One Run Command for everything validation reads on the host, in `@@section` blocks: the UserData marker, the EFS
 * mount, `docker compose ps` as JSON, the proxy's own health answer, and the log tail of every container that is
 * not running or not healthy. One round trip instead of five; the output stays far below SSM's 24,000 characters.
 * `gm deploy` runs the same lines inside its readiness probe, so a booted stack is validated without another command.
 */
export const HOST_CHECKS: readonly string[] = [
  'set -u',
  "echo '@@marker'",
  `if [ -f ${INSTANCE_PATHS.completionMarker} ]; then cat ${INSTANCE_PATHS.completionMarker}; echo; ` +
    `elif [ -f ${INSTANCE_PATHS.failureMarker} ]; then echo "failed $(cat ${INSTANCE_PATHS.failureMarker})"; else echo none; fi`,
  "echo '@@efs'",
  `findmnt -n -o SOURCE,FSTYPE ${INSTANCE_PATHS.efsMountPoint} 2>/dev/null || echo none`,
  "echo '@@containers'",
  `${COMPOSE_COMMAND} ps -a --format json 2>&1`,
  "echo '@@proxy'",
  "curl -sk -o /dev/null -w '%{http_code}\\n' https://127.0.0.1/gm-health || echo 000",
  `for s in $(${COMPOSE_COMMAND} ps -a --format '{{.Service}} {{.State}} {{.Health}}' | awk '$2 != "running" || $3 == "unhealthy" {print $1}'); do ` +
    `echo "@@logs $s"; ${COMPOSE_COMMAND} logs --no-color --no-log-prefix --tail ${LOG_TAIL_LINES} "$s" 2>&1; done`,
];

export const VALIDATE_SCRIPT = ['# geusemaker-validate', ...HOST_CHECKS].join('\n');

/** `@@name` blocks of the script's stdout → lines per section (`logs qdrant` keeps its argument). */
export function parseSections(stdout: string): Map<string, string[]> {
  const sections = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const raw of stdout.split('\n')) {
    const line = raw.trimEnd();
    if (line.startsWith('@@')) {
      current = [];
      sections.set(line.slice(2).trim(), current);
    } else if (current !== undefined && line !== '') current.push(line);
  }
  return sections;
}

export interface ContainerState {
  service: string;
  state: string;
  /** '' when the container has no healthcheck. */
  health: string;
  exitCode?: number;
}

interface PsEntry {
  Service?: string;
  State?: string;
  Health?: string;
  ExitCode?: number;
}

function toContainer(entry: PsEntry): ContainerState {
  return { service: entry.Service ?? '?', state: entry.State ?? '?', health: entry.Health ?? '', ...(entry.ExitCode === undefined ? {} : { exitCode: entry.ExitCode }) };
}

/** `docker compose ps --format json`: one object per line (compose ≥ 2.21) or one array (older). Non-JSON lines are skipped. */
export function parseComposePs(lines: readonly string[]): ContainerState[] {
  const containers: ContainerState[] = [];
  for (const line of lines) {
    try {
      const parsed = JSON.parse(line) as PsEntry | PsEntry[];
      containers.push(...(Array.isArray(parsed) ? parsed : [parsed]).map(toContainer));
    } catch {
      // compose warnings ("variable is not set") share the stream
    }
  }
  return containers;
}
