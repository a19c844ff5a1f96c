export type {
  ResourceKindName,
  InputValue,
  InputRef,
  StepOutputs,
  DeploymentIdentity,
  ResourceRef,
  WaitPolicy,
  ResourceContext,
  StepMeta,
  Created,
  ResourceKind,
} from './types.js';
