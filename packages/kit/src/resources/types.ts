import type { AwsContext } from '../aws/index.js';

/** Every AWS resource type gm ever creates. The kinds live in kit so destroy/resume/cleanup work for any tier. */
export type ResourceKindName =
  | 'vpc'
  | 'internet-gateway'
  | 'subnet'
  | 'route-table'
  | 'security-group'
  | 'iam-role'
  | 'instance-profile'
  | 'ssm-secrets'
  | 'efs-file-system'
  | 'efs-mount-target'
  | 'elastic-ip'
  | 'instance'
  | 'budget';

/** Values a step's input may hold. `{ $ref: 'step.output' }` is resolved from an earlier step's outputs at run time. */
export type InputValue = string | number | boolean | null | InputRef | InputValue[] | { [key: string]: InputValue };
export interface InputRef {
  $ref: string;
}

/** Outputs a step publishes for its dependents, e.g. `{ vpcId: 'vpc-1' }`, `{ subnetId, availabilityZone }`. */
export type StepOutputs = Record<string, string | string[] | number | boolean>;

/** Who this deployment is, for tags (DESIGN §5) and deterministic names. */
export interface DeploymentIdentity {
  name: string;
  deploymentId: string;
  tier: 'tier1' | 'tier2' | 'tier3';
  /** The user's --tag k=v. */
  userTags: Record<string, string>;
}

/** How to find an AWS resource again: enough to describe and delete it. */
export interface ResourceRef {
  kind: ResourceKindName;
  id: string;
  /** Kind-specific extras needed to delete it (association ids, spot request id, allocation id …). */
  extra?: Record<string, string>;
}

export interface WaitPolicy {
  /** Poll interval bounds: gm polls every 1–2 s, never the SDK's default 15 s (DESIGN §7). */
  minDelaySeconds: number;
  maxDelaySeconds: number;
  maxWaitSeconds: number;
}

export interface ResourceContext {
  aws: AwsContext;
  identity: DeploymentIdentity;
  wait: WaitPolicy;
  /** Progress lines for the reporter ("waiting for EFS to become available"). */
  progress(detail: string): void;
  /** Non-fatal facts the user should know (e.g. "spot capacity short in us-east-1a, trying us-east-1b"). */
  warn(message: string): void;
  signal?: AbortSignal;
}

export interface StepMeta {
  stepId: string;
  /** Idempotency token recorded in the journal's intent entry (ClientToken / CreationToken …). */
  token: string;
}

export interface Created {
  ref: ResourceRef;
  outputs: StepOutputs;
  /**
   * What this process itself saw of a resource it has just brought into existence, so that configure and waitReady
   * can skip a call that could only confirm it (a poll for the state the create response already reported, a re-read
   * of what create just wrote). `create` sets it from the response of the call that made the resource — never when
   * create adopted an existing one — and configure may record what it has itself checked since (the instance's
   * `running`), for waitReady. The engine hands configure and waitReady the very object create returned and never
   * journals this field: a step resumed from the journal or adopted by findByTag starts without it, and configure and
   * waitReady do their full checks.
   */
  observed?: Observed;
}

/** See `Created.observed`. */
export interface Observed {
  /** The lifecycle state AWS reported: `available` (moto, at times AWS), `pending`/`creating` (AWS, usually), `running` … */
  state?: string;
  /** Kind-specific facts from the same response (a mount target's IP address, the roles a new profile holds …). */
  facts?: Readonly<Record<string, string | readonly string[]>>;
}

/**
 * One AWS resource type. `create` makes exactly the call that brings the resource into existence and returns as soon
 * as AWS answers with an id (the engine journals it before any waiting); `configure` does the idempotent follow-ups
 * (attach, authorize, associate, put policy); `waitReady` polls until usable. `findByTag` finds what a crash left
 * (by `gm:deployment-id` + `gm:step`); `delete` is idempotent (already gone = done) and `exists` verifies it.
 */
export interface ResourceKind<Input = Record<string, unknown>> {
  readonly kind: ResourceKindName;
  /** IAM actions this kind calls, for preflight permission checks. */
  readonly iamActions: readonly string[];
  create(ctx: ResourceContext, input: Input, meta: StepMeta): Promise<Created>;
  configure?(ctx: ResourceContext, input: Input, created: Created): Promise<StepOutputs>;
  waitReady?(ctx: ResourceContext, created: Created): Promise<StepOutputs>;
  findByTag(ctx: ResourceContext, meta: StepMeta, input: Input): Promise<Created | undefined>;
  /** Describe an existing (possibly reused) resource by id, returning the outputs dependents need. */
  describe(ctx: ResourceContext, id: string): Promise<Created | undefined>;
  exists(ctx: ResourceContext, ref: ResourceRef): Promise<boolean>;
  delete(ctx: ResourceContext, ref: ResourceRef): Promise<void>;
}
