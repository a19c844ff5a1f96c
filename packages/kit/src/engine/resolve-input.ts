import { GmError } from '../errors/index.js';
import type { InputRef, InputValue, StepOutputs } from '../resources/types.js';

function isRef(value: InputValue): value is InputRef {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { $ref?: unknown }).$ref === 'string';
}

type Resolved = string | number | boolean | null | string[] | Resolved[] | { [key: string]: Resolved };

/** Replaces every `{ $ref: 'step.output' }` with that step's published output. Pure. */
export function resolveInput(input: Record<string, InputValue>, outputs: ReadonlyMap<string, StepOutputs>): Record<string, Resolved> {
  const resolveValue = (value: InputValue): Resolved => {
    if (isRef(value)) return lookup(value.$ref, outputs);
    if (Array.isArray(value)) return value.map(resolveValue);
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, resolveValue(inner)]));
    }
    return value;
  };
  return Object.fromEntries(Object.entries(input).map(([key, value]) => [key, resolveValue(value)]));
}

function lookup(reference: string, outputs: ReadonlyMap<string, StepOutputs>): Resolved {
  const dot = reference.indexOf('.');
  const stepId = reference.slice(0, dot);
  const name = reference.slice(dot + 1);
  const value = outputs.get(stepId)?.[name];
  if (value === undefined) {
    throw new GmError({ code: 'PLAN_REF_UNRESOLVED', message: `Step output ${reference} is not available yet.`, hint: 'This is a bug in gm; please report it.' });
  }
  return value;
}

/** The step ids an input refers to (they must be among its dependencies). */
export function referencedSteps(input: Record<string, InputValue>): Set<string> {
  const found = new Set<string>();
  const walk = (value: InputValue): void => {
    if (isRef(value)) found.add(value.$ref.split('.')[0] ?? '');
    else if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === 'object' && value !== null) Object.values(value).forEach(walk);
  };
  Object.values(input).forEach(walk);
  return found;
}
