import type { ValidationIssue } from '../errors/index.js';
import { checkIpv4Cidr } from './cidr.js';
import { gpuInstanceTypes, instanceTypeInfo } from './instance-types.js';

/**
 * Checks beyond what the JSON Schema expresses. Each runs only on fields the schema accepted, so one mistake is
 * reported once.
 */

type SpecDocument = Readonly<Record<string, unknown>>;
type SemanticCheck = (doc: SpecDocument) => ValidationIssue[];

const CIDR_FIELDS = ['sshCidr', 'allowedCidr', 'cidr'] as const;

/** AWS accepts VPC CIDR blocks from /16 (65,536 addresses) to /28 (16). */
const VPC_PREFIX = { min: 16, max: 28 } as const;

function checkCidrs(doc: SpecDocument): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const field of CIDR_FIELDS) {
    const value = doc[field];
    if (typeof value !== 'string') continue;
    const check = checkIpv4Cidr(value);
    if (!check.ok) {
      issues.push({ pointer: `/${field}`, message: `${field} ${check.problem}`, fix: check.fix });
    } else if (field === 'cidr' && (check.cidr.prefix < VPC_PREFIX.min || check.cidr.prefix > VPC_PREFIX.max)) {
      issues.push({
        pointer: '/cidr',
        message: `cidr '${value}' has the prefix /${check.cidr.prefix}; a VPC needs /${VPC_PREFIX.min} to /${VPC_PREFIX.max}`,
        fix: `use a prefix between /${VPC_PREFIX.min} and /${VPC_PREFIX.max}, e.g. 10.42.0.0/16`,
      });
    }
  }
  return issues;
}

/** tier3 runs Ollama on a GPU: every listed type must have one. */
function checkTier3Gpu(doc: SpecDocument): ValidationIssue[] {
  if (doc.tier !== 'tier3' || !Array.isArray(doc.instanceTypes)) return [];
  const examples = gpuInstanceTypes().slice(0, 3).join(', ');
  return doc.instanceTypes.flatMap((type: unknown, index) => {
    const info = typeof type === 'string' ? instanceTypeInfo(type) : undefined;
    if (info === undefined || info.gpuCount > 0) return [];
    return [
      {
        pointer: `/instanceTypes/${index}`,
        message: `instanceTypes[${index}] '${String(type)}' has no GPU, but tier3 runs Ollama on a GPU`,
        fix: `use a GPU type such as ${examples}, or deploy tier2 for CPU-only`,
      },
    ];
  });
}

/** tier2 and tier3 put an ALB in two Availability Zones, so reused subnets must be at least two. */
function checkAlbSubnets(doc: SpecDocument): ValidationIssue[] {
  if ((doc.tier !== 'tier2' && doc.tier !== 'tier3') || !Array.isArray(doc.subnetIds) || doc.subnetIds.length !== 1) return [];
  return [
    {
      pointer: '/subnetIds',
      message: `subnetIds lists one subnet, but ${doc.tier} puts a load balancer in two Availability Zones`,
      fix: 'list two subnets in different Availability Zones (`gm discover subnets`), or remove subnetIds to let gm create them',
    },
  ];
}

const CHECKS: readonly SemanticCheck[] = [checkCidrs, checkTier3Gpu, checkAlbSubnets];

/** True when one pointer is the other or inside it. */
function overlaps(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);
}

/** Semantic issues for a document, leaving out values the schema already rejected (e.g. a CIDR that failed the pattern). */
export function semanticIssues(doc: SpecDocument, schemaIssues: readonly ValidationIssue[]): ValidationIssue[] {
  return CHECKS.flatMap((check) => check(doc)).filter((issue) => !schemaIssues.some((schemaIssue) => overlaps(issue.pointer, schemaIssue.pointer)));
}
