import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import type { ValidationIssue } from '../errors/index.js';
import { issuesFromAjv } from './ajv-issues.js';
import { pointerSegments, topField } from './pointer.js';
import { deploymentSpecSchema } from './schema.js';
import { semanticIssues } from './semantic.js';
import { SPEC_DEFAULTS, SPEC_FIELDS } from './types.js';
import type { DeploymentSpec } from './types.js';

export type SpecValidation = { ok: true; spec: DeploymentSpec } | { ok: false; issues: ValidationIssue[] };

let compiled: ValidateFunction | undefined;

/** Compiled once, on first use: `gm --help` never pays for ajv. */
function schemaValidator(): ValidateFunction {
  // verbose: errors carry the offending value, which every issue message quotes.
  compiled ??= new Ajv2020({ allErrors: true, verbose: true, strict: true }).compile(deploymentSpecSchema());
  return compiled;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A copy with the defaults filled in and the editor-only `$schema` key removed. */
export function withDefaults(doc: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { $schema: _editorSchema, ...fields } = doc;
  return { ...structuredClone(SPEC_DEFAULTS), ...fields };
}

/** Issues in the order the fields are declared, so output is stable whatever order checks ran in. */
function sortIssues(issues: ValidationIssue[]): ValidationIssue[] {
  const rank = (issue: ValidationIssue): number => {
    const index = SPEC_FIELDS.indexOf(topField(issue.pointer) as (typeof SPEC_FIELDS)[number]);
    return index === -1 ? SPEC_FIELDS.length : index;
  };
  const itemIndex = (issue: ValidationIssue): number => Number(pointerSegments(issue.pointer)[1] ?? -1) || 0;
  return issues
    .map((issue, order) => ({ issue, order }))
    .sort((a, b) => rank(a.issue) - rank(b.issue) || itemIndex(a.issue) - itemIndex(b.issue) || a.order - b.order)
    .map(({ issue }) => issue);
}

/** The valid spec with its keys in declaration order: one canonical form for output and state. */
function inFieldOrder(candidate: Record<string, unknown>): DeploymentSpec {
  const entries = SPEC_FIELDS.filter((field) => candidate[field] !== undefined).map((field) => [field, candidate[field]]);
  return Object.fromEntries(entries) as DeploymentSpec;
}

/**
 * Validates a whole spec document (as parsed from JSON or YAML, after merging sources): the JSON Schema, then the
 * semantic checks. On success the spec has every default filled in.
 */
export function validateSpec(doc: unknown): SpecValidation {
  if (!isPlainObject(doc)) {
    const got = doc === null || doc === undefined ? 'nothing' : Array.isArray(doc) ? 'a list' : `a ${typeof doc}`;
    return {
      ok: false,
      issues: [{ pointer: '', message: `the config must be a mapping of fields, got ${got}`, fix: 'start from `gm config sample`: one field per line, e.g. name: my-ai-stack' }],
    };
  }
  const candidate = withDefaults(doc);
  const validator = schemaValidator();
  const schemaIssues = validator(candidate) ? [] : issuesFromAjv(validator.errors ?? []);
  const issues = sortIssues([...schemaIssues, ...semanticIssues(candidate, schemaIssues)]);
  return issues.length === 0 ? { ok: true, spec: inFieldOrder(candidate) } : { ok: false, issues };
}
