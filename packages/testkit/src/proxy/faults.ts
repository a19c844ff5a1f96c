import { defaultStatusFor, type AwsErrorReply } from './wire-errors.js';

/** A fault to inject, as posted to `POST /__testkit/faults`. */
export interface FaultSpec {
  /** SigV4 service name (ec2, ssm, pricing, elasticfilesystem …); any service when omitted. */
  service?: string;
  /** Only calls signed with this access key id, so a test's faults never hit a test running beside it. */
  accessKeyId?: string;
  /** Operation name (CreateVpc) or '*' for every operation. */
  operation: string;
  /** AWS error code to answer with (RequestLimitExceeded, InsufficientInstanceCapacity, DependencyViolation …). */
  errorCode?: string;
  /** HTTP status; default as AWS sends that code (503 throttles, 500 capacity/internal, else 400). */
  httpStatus?: number;
  message?: string;
  /** How many matching calls this fault fires on; unlimited when omitted (until reset or DELETE /__testkit/faults). */
  count?: number;
  /** Chance (0–1) that a matching call is faulted; 1 when omitted. */
  probability?: number;
  /** Seed for `probability`, for repeatable runs. */
  seed?: number;
  /** Delay added before the call is answered (faulted or not). */
  latencyMs?: number;
  /** Keep the request open until `POST /__testkit/release` (a hung call; a test can kill gm meanwhile). */
  hold?: boolean;
  /** Let moto perform the call first, then answer with the error or drop: the resource exists, the caller never knows. */
  afterForward?: boolean;
  /** Close the connection without an answer (a network failure / crash point) instead of an error reply. */
  drop?: boolean;
}

export interface FaultRule extends FaultSpec {
  readonly id: string;
  /** How many calls it has fired on so far. */
  fired: number;
}

/** What a fault is matched against. */
export interface FaultTarget {
  readonly service: string;
  readonly operation: string;
  readonly accessKeyId?: string;
}

/** What to do to one call: the sum of every rule that matched and fired. */
export interface FaultDecision {
  latencyMs: number;
  error: AwsErrorReply | undefined;
  hold: boolean;
  drop: boolean;
  afterForward: boolean;
  ruleIds: string[];
}

/** mulberry32: a tiny seeded PRNG so probabilistic faults can be repeated exactly. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function validateFaultSpec(spec: FaultSpec): void {
  if (typeof spec.operation !== 'string' || spec.operation === '') throw new Error('fault.operation is required (or "*")');
  if (spec.probability !== undefined && !(spec.probability >= 0 && spec.probability <= 1)) throw new Error('fault.probability must be within 0..1');
  if (spec.count !== undefined && !(Number.isInteger(spec.count) && spec.count > 0)) throw new Error('fault.count must be a positive integer');
  if (spec.latencyMs !== undefined && !(spec.latencyMs >= 0)) throw new Error('fault.latencyMs must be >= 0');
  if (spec.errorCode === undefined && spec.latencyMs === undefined && !spec.hold && !spec.drop) {
    throw new Error('a fault needs errorCode, latencyMs, hold or drop');
  }
}

/** The active faults, matched in the order they were added. */
export class FaultBook {
  private rules: FaultRule[] = [];
  private readonly randoms = new Map<string, () => number>();
  private nextId = 1;

  add(spec: FaultSpec): string {
    validateFaultSpec(spec);
    const id = `fault-${this.nextId++}`;
    this.rules.push({ ...spec, id, fired: 0 });
    this.randoms.set(id, spec.seed === undefined ? Math.random : seededRandom(spec.seed));
    return id;
  }

  list(): readonly FaultRule[] {
    return this.rules;
  }

  /** Removes every fault, or only those scoped to one access key id. */
  clear(accessKeyId?: string): void {
    const removed = this.rules.filter((rule) => accessKeyId === undefined || rule.accessKeyId === accessKeyId);
    this.rules = this.rules.filter((rule) => !removed.includes(rule));
    removed.forEach((rule) => this.randoms.delete(rule.id));
  }

  /** Decides the fate of one call and uses up one `count` of every rule that fired. */
  decide(call: FaultTarget): FaultDecision {
    const decision: FaultDecision = { latencyMs: 0, error: undefined, hold: false, drop: false, afterForward: false, ruleIds: [] };
    for (const rule of this.rules.filter((r) => this.matches(r, call))) {
      const random = this.randoms.get(rule.id) ?? Math.random;
      if (rule.probability !== undefined && random() >= rule.probability) continue;
      rule.fired += 1;
      decision.ruleIds.push(rule.id);
      decision.latencyMs += rule.latencyMs ?? 0;
      decision.hold ||= rule.hold === true;
      if (decision.error === undefined && !decision.drop) this.applyOutcome(rule, decision);
    }
    this.rules = this.rules.filter((rule) => rule.count === undefined || rule.fired < rule.count);
    return decision;
  }

  private matches(rule: FaultRule, call: FaultTarget): boolean {
    const serviceMatches = rule.service === undefined || rule.service === call.service;
    const keyMatches = rule.accessKeyId === undefined || rule.accessKeyId === call.accessKeyId;
    return serviceMatches && keyMatches && (rule.operation === '*' || rule.operation === call.operation);
  }

  private applyOutcome(rule: FaultRule, decision: FaultDecision): void {
    if (rule.drop === true) decision.drop = true;
    else if (rule.errorCode !== undefined) {
      const status = rule.httpStatus ?? defaultStatusFor(rule.errorCode);
      decision.error = { code: rule.errorCode, message: rule.message ?? `Injected by the GeuseMaker testkit: ${rule.errorCode}`, status };
    } else return;
    decision.afterForward = rule.afterForward === true;
  }
}
