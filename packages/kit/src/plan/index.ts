export type { Plan, PlanStep, StepAction } from './types.js';
