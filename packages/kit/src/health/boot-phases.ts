import { USERDATA_PHASES, type UserDataPhase } from '../stack/index.js';

/** What each UserData phase means to a user watching a deploy. */
export const PHASE_LABELS: Readonly<Record<UserDataPhase, string>> = {
  packages: 'packages installed',
  docker: 'docker installed',
  'efs-mount': 'EFS mounted',
  secrets: 'secrets read',
  'compose-written': 'compose file written',
  'images-pulled': 'images pulled',
  'services-up': 'services up',
  'models-pulling': 'models pulling',
};

/**
 * The progress lines for phases finished since the last look, in boot order (`done` may be unordered, as `ls` prints
 * it; `at` adds the marker's timestamps when known). Pure; the caller keeps `seen` between polls.
 */
export function newPhaseLines(seen: Set<string>, done: readonly string[], at: Readonly<Record<string, string>> = {}): string[] {
  const finished = new Set(done);
  const lines: string[] = [];
  for (const phase of USERDATA_PHASES) {
    if (!finished.has(phase) || seen.has(phase)) continue;
    seen.add(phase);
    lines.push(`✓ ${PHASE_LABELS[phase]}${at[phase] === undefined ? '' : ` (${at[phase]})`}`);
  }
  return lines;
}
