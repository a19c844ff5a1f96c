import type { Tier } from '../spec/types.js';
import type { Architecture, InstanceShape } from './types.js';

/** What an instance must have to run a tier's stack on a given AMI. Every field is optional: absent = any. */
export interface InstanceRequirements {
  readonly minVcpus?: number;
  readonly minMemoryGiB?: number;
  /** true: at least one GPU. false: none (a GPU would be paid for and sit idle). Absent: either. */
  readonly gpu?: boolean;
  /** The AMI's architecture: an x86_64 AMI does not boot on Graviton and vice versa. */
  readonly architecture?: Architecture;
}

export type RequirementFailure = 'wrong-architecture' | 'no-gpu' | 'unwanted-gpu' | 'too-small';

/**
 * The smallest instance each tier's stack runs on (the caller adds the AMI's architecture):
 * - tier1: 2 vCPU / 8 GiB: the whole stack at once — n8n (~0.5 GiB), Postgres (~0.2), Qdrant (~0.3), Crawl4AI with its
 *   headless Chromium (~1.5–2), Ollama with a 1–3B model on the CPU (~2–3) and the OS — does not fit in 4 GiB without
 *   swapping (t3.large class, not the cheapest type).
 * - tier2: 2 vCPU / 8 GiB — a team runs workflows 24/7, so Postgres and n8n get headroom.
 * - tier3: 4 vCPU / 16 GiB with a GPU for Ollama (g4dn.xlarge class).
 */
export function requirementsForTier(tier: Tier, architecture?: Architecture): InstanceRequirements {
  const byTier: Readonly<Record<Tier, InstanceRequirements>> = {
    tier1: { minVcpus: 2, minMemoryGiB: 8, gpu: false },
    tier2: { minVcpus: 2, minMemoryGiB: 8, gpu: false },
    tier3: { minVcpus: 4, minMemoryGiB: 16, gpu: true },
  };
  return architecture === undefined ? byTier[tier] : { ...byTier[tier], architecture };
}

/** The first requirement the shape fails, with words for the user; undefined when it meets them all. */
export function unmetRequirement(
  shape: InstanceShape,
  requirements: InstanceRequirements,
): { reason: RequirementFailure; detail: string } | undefined {
  const { architecture, gpu, minVcpus = 0, minMemoryGiB = 0 } = requirements;
  if (architecture !== undefined && shape.architecture !== architecture) {
    return { reason: 'wrong-architecture', detail: `${shape.architecture}, the AMI is ${architecture}` };
  }
  if (gpu === true && shape.gpuCount === 0) return { reason: 'no-gpu', detail: 'has no GPU, the tier needs one' };
  if (gpu === false && shape.gpuCount > 0) {
    return { reason: 'unwanted-gpu', detail: `has ${shape.gpuCount} × ${shape.gpuName ?? 'GPU'} the tier would not use` };
  }
  if (shape.vCPUs < minVcpus || shape.memoryGiB < minMemoryGiB) {
    return {
      reason: 'too-small',
      detail: `${shape.vCPUs} vCPU / ${shape.memoryGiB} GiB, needs at least ${minVcpus} vCPU / ${minMemoryGiB} GiB`,
    };
  }
  return undefined;
}
