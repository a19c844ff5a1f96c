import { replayJournal, type JournalEntry as EngineEntry } from '@geusemaker/kit/engine';
import { GmError } from '@geusemaker/kit/errors';
import { STATE_SCHEMA_VERSION, validateStateText, migrateDocument, type StateDocument, type StateStore } from '@geusemaker/kit/state';

export interface DeploymentCheck {
  name: string;
  ok: boolean;
  /** The version stored; when older than this gm's, the document was also checked as migrated. */
  schemaVersion: number | undefined;
  journalEntries: number;
  backups: number;
  problems: string[];
  warnings: string[];
}

export interface VerifyResult {
  ok: boolean;
  location: string;
  deployments: DeploymentCheck[];
}

const PHASES_WITH_OUTPUTS = new Set(['created', 'ready', 'reused']);

/** The fields every gm deployment document must have, with the type each must be. */
const REQUIRED: Record<string, 'string' | 'object'> = { deploymentId: 'string', tier: 'string', region: 'string', status: 'string', createdAt: 'string', spec: 'object', plan: 'object', outputs: 'object' };

function shapeProblems(doc: StateDocument): string[] {
  const problems = Object.entries(REQUIRED).flatMap(([field, type]) => (typeof doc[field] === type && doc[field] !== null ? [] : [`\`${field}\` is missing or not a ${type}`]));
  const plan = doc.plan as { steps?: unknown; deploymentId?: unknown } | undefined;
  if (plan !== undefined && !Array.isArray(plan.steps)) problems.push('`plan.steps` is not a list');
  if (plan?.deploymentId !== undefined && plan.deploymentId !== doc.deploymentId) problems.push('`plan.deploymentId` differs from `deploymentId`');
  return problems;
}

/** Journal against document: every step with published outputs is one the journal shows as existing, and in the plan. */
function consistencyProblems(doc: StateDocument, entries: readonly EngineEntry[]): string[] {
  const records = replayJournal(entries);
  const steps = new Set(((doc.plan as { steps?: { id: string }[] }).steps ?? []).map((step) => step.id));
  const problems: string[] = [];
  for (const stepId of Object.keys((doc.outputs as Record<string, unknown> | undefined) ?? {})) {
    const phase = records.get(stepId)?.phase;
    if (!steps.has(stepId)) problems.push(`outputs name step "${stepId}", which is not in the plan`);
    if (doc.status !== 'destroyed' && (phase === undefined || !PHASES_WITH_OUTPUTS.has(phase))) problems.push(`outputs of step "${stepId}" but the journal shows it ${phase ?? 'never created'}`);
  }
  for (const stepId of records.keys()) if (!steps.has(stepId)) problems.push(`the journal names step "${stepId}", which is not in the plan`);
  return problems;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function backupProblems(store: StateStore, name: string): Promise<{ count: number; problems: string[] }> {
  // Every id, not `list`: list leaves out the backups it cannot read, which are exactly what verify must report.
  const ids = await store.backups.ids(name);
  const problems: string[] = [];
  for (const id of ids) await store.backups.read(name, id).catch((error: unknown) => problems.push(message(error)));
  return { count: ids.length, problems };
}

async function checkDeployment(store: StateStore, name: string): Promise<DeploymentCheck> {
  const check: DeploymentCheck = { name, ok: false, schemaVersion: undefined, journalEntries: 0, backups: 0, problems: [], warnings: [] };
  try {
    const text = await store.readText(name);
    const journal = await store.readJournal(name);
    check.journalEntries = journal.entries.length;
    check.warnings.push(...journal.warnings);
    if (text === undefined) check.problems.push('a journal but no state document: restore one with `gm state restore` or recover it with `gm state adopt`');
    else {
      const stored = validateStateText(text, `${store.location} ${name}`, name);
      check.schemaVersion = stored.schemaVersion;
      const doc = stored.schemaVersion < STATE_SCHEMA_VERSION ? migrateDocument(stored, STATE_SCHEMA_VERSION) : stored;
      if (stored.schemaVersion < STATE_SCHEMA_VERSION) check.warnings.push(`stored in schemaVersion ${stored.schemaVersion}; migrates to ${STATE_SCHEMA_VERSION} on its next change (the original is kept as a backup)`);
      const shape = shapeProblems(doc);
      check.problems.push(...shape);
      if (shape.length === 0) check.problems.push(...consistencyProblems(doc, journal.entries as unknown as EngineEntry[]));
    }
  } catch (error) {
    check.problems.push(message(error));
  }
  const backups = await backupProblems(store, name);
  check.backups = backups.count;
  check.problems.push(...backups.problems);
  check.ok = check.problems.length === 0;
  return check;
}

/** `gm state verify [NAME]`: schema, shape, journal-vs-document consistency and backup checksums of each deployment. */
export async function verifyState(store: StateStore, name: string | undefined): Promise<VerifyResult> {
  const names = name === undefined ? await store.list() : [name];
  if (name !== undefined && !(await store.list()).includes(name)) {
    throw new GmError({ code: 'DEPLOYMENT_NOT_FOUND', message: `No deployment named "${name}" in ${store.location}.`, hint: 'See `gm list`.', exitCode: 3 });
  }
  const deployments = await Promise.all(names.map((each) => checkDeployment(store, each)));
  return { ok: deployments.every((d) => d.ok), location: store.location, deployments };
}
