export type { Plan, PlanStep, StepAction } from './types.js';
export { buildTier1Plan, type Tier1PlanInput, type PlannedPlacement, type ReusedNetwork } from './tier1.js';
export { subnetCidrs } from './subnet-cidrs.js';
