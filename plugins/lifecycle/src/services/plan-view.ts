import type { Plan } from '@geusemaker/kit/plan';
import type { CostEstimate } from '@geusemaker/kit/pricing';
import type { PlacementChoice } from './placements.js';

export interface PlanView {
  steps: { id: string; kind: string; action: 'create' | 'reuse'; title: string; dependsOn: string[] }[];
  placements: PlacementChoice['placements'];
  cost: {
    instanceType: string;
    market: 'spot' | 'on-demand';
    hourly: number;
    monthly: number;
    onDemandMonthly: number;
    savingsPercent?: number;
    components: { kind: string; hourly: number | null; monthly: number | null; assumption: string }[];
    source: { kind: string; date: string };
    /** Components whose price is unknown in the region: left out of hourly/monthly rather than guessed. */
    excludes?: string[];
  };
}

/** The plan as users and `--json` consumers see it (inputs stay in state; they are for the engine). Pure. */
export function planView(plan: Plan, choice: PlacementChoice, cost: CostEstimate): PlanView {
  return {
    steps: plan.steps.map((step) => ({ id: step.id, kind: step.kind, action: step.action, title: step.title, dependsOn: step.dependsOn })),
    placements: choice.placements,
    cost: {
      instanceType: cost.instanceType,
      market: cost.market,
      hourly: cost.total.hourly,
      monthly: cost.total.monthly,
      onDemandMonthly: cost.onDemandTotal.monthly,
      ...(cost.savingsPercent === undefined ? {} : { savingsPercent: cost.savingsPercent }),
      components: cost.components.map((component) => ({ kind: component.kind, hourly: component.hourly, monthly: component.monthly, assumption: component.assumption })),
      source: { kind: cost.source.kind, date: cost.source.date },
      ...(cost.total.excludes === undefined ? {} : { excludes: [...cost.total.excludes] }),
    },
  };
}

/** Human lines for the plan: each step (create or reuse) and the cost. Pure. */
export function planLines(view: PlanView): string[] {
  const created = view.steps.filter((step) => step.action === 'create').length;
  const lines = [`Plan: create ${created}, reuse ${view.steps.length - created}`];
  for (const step of view.steps) lines.push(`  ${step.action === 'create' ? '+' : '='} ${step.title}`);
  const first = view.placements[0];
  if (first !== undefined) lines.push(`Launch order: ${view.placements.map((p) => `${p.instanceType}/${p.market}@${p.availabilityZone}`).join(' → ')}`);
  const saving = view.cost.savingsPercent === undefined ? '' : ` (on-demand $${view.cost.onDemandMonthly.toFixed(2)}/month; spot saves ${view.cost.savingsPercent}%)`;
  lines.push(`Cost: $${view.cost.hourly.toFixed(4)}/hour, $${view.cost.monthly.toFixed(2)}/month on ${view.cost.instanceType} ${view.cost.market}${saving}`);
  lines.push(`Prices: ${view.cost.source.kind}, ${view.cost.source.date}`);
  if (view.cost.excludes !== undefined) lines.push(`Not included (no price known in this region): ${view.cost.excludes.join(', ')}`);
  return lines;
}
