import { STACK_SERVICES } from '../stack/index.js';
import { check, type Check } from './checks.js';
import { parseComposePs, type ContainerState } from './host-script.js';

/** Phase timings from the completion marker: each phase with the seconds it took since the previous one. */
export function phaseLines(phases: Record<string, string>): string[] {
  const entries = Object.entries(phases).sort((a, b) => a[1].localeCompare(b[1]));
  return entries.map(([phase, at], index) => {
    const previous = entries[index - 1]?.[1];
    const seconds = previous === undefined ? undefined : Math.round((Date.parse(at) - Date.parse(previous)) / 1000);
    return `${phase.padEnd(16)} ${at}${seconds === undefined || Number.isNaN(seconds) ? '' : `  (+${seconds}s)`}`;
  });
}

export function userDataCheck(name: string, lines: readonly string[] | undefined): Check {
  const title = 'UserData finished';
  const first = lines?.[0] ?? 'none';
  if (first.startsWith('failed')) {
    const failure = safeJson(first.slice('failed'.length).trim()) as { phase?: string; exitCode?: number };
    return check('userdata', title, 'fail', `UserData failed in phase ${failure.phase ?? '?'} (exit ${failure.exitCode ?? '?'})`, {
      remediation: `Read the boot log: gm logs ${name} --service userdata; then gm destroy ${name} and deploy again.`,
    });
  }
  if (first === 'none') {
    return check('userdata', title, 'fail', 'no completion marker: UserData has not finished', { remediation: `Wait, then gm logs ${name} --service userdata.` });
  }
  const marker = safeJson(first) as { phases?: Record<string, string>; completedAt?: string };
  return check('userdata', title, 'pass', `complete${marker.completedAt ? ` at ${marker.completedAt}` : ''}`, { lines: phaseLines(marker.phases ?? {}) });
}

export function efsCheck(name: string, lines: readonly string[] | undefined): Check {
  const mount = lines?.[0] ?? 'none';
  if (mount === 'none' || !/\b(nfs4?|efs)\b/.test(mount)) {
    return check('efs', 'EFS mounted', 'fail', `/mnt/efs is not an EFS mount (${mount})`, { remediation: `See the efs-mount phase: gm logs ${name} --service userdata.` });
  }
  return check('efs', 'EFS mounted', 'pass', `/mnt/efs from ${mount}`);
}

export function proxyCheck(name: string, lines: readonly string[] | undefined): Check {
  const code = lines?.[0] ?? '000';
  if (code === '200') return check('proxy', 'Proxy answering', 'pass', 'https://127.0.0.1/gm-health answered 200 on the host');
  return check('proxy', 'Proxy answering', 'fail', `https://127.0.0.1/gm-health answered ${code} on the host`, { remediation: `gm logs ${name} --service proxy` });
}

function containerVerdict(name: string, service: string, container: ContainerState | undefined, logTail: readonly string[]): Check {
  const id = `container:${service}`;
  const title = `Container ${service}`;
  const remediation = `gm logs ${name} --service ${service} (the last lines are shown here)`;
  if (container === undefined) return check(id, title, 'fail', 'no such container', { remediation: `gm logs ${name} --service userdata` });
  if (container.state !== 'running') {
    return check(id, title, 'fail', `${container.state}${container.exitCode === undefined ? '' : ` (exit ${container.exitCode})`}`, { remediation, lines: [...logTail] });
  }
  if (container.health === 'unhealthy') return check(id, title, 'fail', 'running but unhealthy (its healthcheck fails)', { remediation, lines: [...logTail] });
  if (container.health === 'starting') return check(id, title, 'warn', 'running, healthcheck still starting', { remediation: 'Validate again in a minute.' });
  return check(id, title, 'pass', container.health === '' ? 'running' : `running, ${container.health}`);
}

/** One check per service of the stack: exists, running, healthy; the log tail attached when it is not. */
export function containerChecks(name: string, sections: ReadonlyMap<string, string[]>): Check[] {
  const containers = parseComposePs(sections.get('containers') ?? []);
  const byService = new Map(containers.map((container) => [container.service, container]));
  return Object.keys(STACK_SERVICES).map((service) => containerVerdict(name, service, byService.get(service), sections.get(`logs ${service}`) ?? []));
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}
