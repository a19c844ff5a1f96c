import { GmError } from '../errors/index.js';
import type { PlanStep } from '../plan/types.js';

/** Checks that every dependency exists and there is no cycle; returns the steps in a dependency-respecting order. */
export function topologicalOrder(steps: readonly PlanStep[]): PlanStep[] {
  const byId = new Map(steps.map((step) => [step.id, step]));
  const order: PlanStep[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (step: PlanStep, path: string[]): void => {
    const seen = state.get(step.id);
    if (seen === 'done') return;
    if (seen === 'visiting') throw planError(`dependency cycle: ${[...path, step.id].join(' → ')}`);
    state.set(step.id, 'visiting');
    for (const dependency of step.dependsOn) {
      const target = byId.get(dependency);
      if (target === undefined) throw planError(`step ${step.id} depends on unknown step ${dependency}`);
      visit(target, [...path, step.id]);
    }
    state.set(step.id, 'done');
    order.push(step);
  };
  for (const step of steps) visit(step, []);
  return order;
}

/** Steps that depend on `stepId` directly. */
export function dependentsOf(steps: readonly PlanStep[], stepId: string): PlanStep[] {
  return steps.filter((step) => step.dependsOn.includes(stepId));
}

/**
 * Length of the longest dependency chain, each step weighted by `cost(step)` (e.g. API calls × latency): the best
 * wall time any executor can reach, which bench/deploy compares against.
 */
export function criticalPath(steps: readonly PlanStep[], cost: (step: PlanStep) => number): { length: number; chain: string[] } {
  const best = new Map<string, { length: number; chain: string[] }>();
  for (const step of topologicalOrder(steps)) {
    const longestDependency = step.dependsOn
      .map((id) => best.get(id) ?? { length: 0, chain: [] })
      .reduce((a, b) => (b.length > a.length ? b : a), { length: 0, chain: [] as string[] });
    best.set(step.id, { length: longestDependency.length + cost(step), chain: [...longestDependency.chain, step.id] });
  }
  return [...best.values()].reduce((a, b) => (b.length > a.length ? b : a), { length: 0, chain: [] });
}

function planError(message: string): GmError {
  return new GmError({ code: 'PLAN_INVALID', message: `Invalid plan: ${message}`, hint: 'This is a bug in gm; please report it.' });
}
