import type { ErrorObject } from 'ajv/dist/2020.js';
import type { ValidationIssue } from '../errors/index.js';
import { FIELD_DOCS } from './field-docs.js';
import { fieldText } from './field-texts.js';
import type { IssueContext, IssueText } from './field-texts.js';
import { describeValue, escapePointerSegment, pointerLabel, showValue, topField, withArticle } from './pointer.js';
import { didYouMean, joinSentences } from './suggest.js';
import { SPEC_FIELDS } from './types.js';
import type { SpecField } from './types.js';

/**
 * Translates ajv's errors into ValidationIssues a person can act on: the field as a JSON pointer, what is wrong
 * (with the bad value) and how to fix it. Field-specific words come from `field-texts.ts`; everything else gets a
 * generic but complete sentence per keyword.
 */

/** Enums longer than this are not spelled out in a message; the fix suggests the closest value instead. */
const MAX_LISTED_VALUES = 8;

function isSpecField(name: string | undefined): name is SpecField {
  return name !== undefined && (SPEC_FIELDS as readonly string[]).includes(name);
}

/** `(e.g. budget: 50)` for a top-level field, nothing for nested values. */
function exampleFor(pointer: string): string | undefined {
  const field = topField(pointer);
  if (!isSpecField(field) || pointer !== `/${field}`) return undefined;
  return `(e.g. ${field}: ${FIELD_DOCS[field].example})`;
}

function enumText(context: IssueContext): IssueText {
  const allowed = (context.params.allowedValues as readonly unknown[]).map(String);
  const suggestion = didYouMean(String(context.value), allowed);
  if (allowed.length > MAX_LISTED_VALUES) {
    return { message: `${context.label} ${showValue(context.value)} is not an allowed value`, fix: joinSentences(suggestion, '`gm config schema` lists the allowed values.') };
  }
  return {
    message: `${context.label} must be one of ${allowed.join(', ')}, got ${showValue(context.value)}`,
    fix: joinSentences(suggestion, `Use one of: ${allowed.join(', ')}.`),
  };
}

function unknownFieldText(context: IssueContext, pointer: string): IssueText {
  const name = String(context.value);
  const allowed = [...SPEC_FIELDS];
  const where = pointer === `/${escapePointerSegment(name)}` ? '' : ` in ${pointerLabel(pointer.slice(0, pointer.lastIndexOf('/')))}`;
  return {
    message: `unknown field '${name}'${where}`,
    fix: joinSentences(didYouMean(name, allowed), `Remove it; the allowed fields are: ${allowed.join(', ')}.`),
  };
}

function typeText(context: IssueContext, pointer: string): IssueText {
  const expected = withArticle(String(context.params.type));
  const quotedNumber = context.params.type === 'number' && typeof context.value === 'string' && Number.isFinite(Number(context.value));
  return {
    message: `${context.label} must be ${expected}, got ${describeValue(context.value)}`,
    fix: quotedNumber ? `remove the quotes: write ${context.value} as a number` : joinSentences(`write ${expected}`, exampleFor(pointer)),
  };
}

/** ajv reports the two equal items in either order; the issue points at the later one. */
function uniqueItemsText(context: IssueContext, pointer: string): IssueText {
  const [first, later] = [Number(context.params.i), Number(context.params.j)].sort((a, b) => a - b) as [number, number];
  const value = (context.value as readonly unknown[])[later];
  return {
    pointer: `${pointer}/${later}`,
    message: `${context.label}[${later}] ${showValue(value)} repeats ${context.label}[${first}]`,
    fix: `remove the duplicate ${context.label}[${later}]`,
  };
}

type GenericText = (context: IssueContext, pointer: string) => IssueText;

const GENERIC_TEXTS: Readonly<Record<string, GenericText>> = {
  additionalProperties: unknownFieldText,
  type: typeText,
  enum: enumText,
  required: ({ value }, pointer) => ({
    message: `missing required field '${String(value)}'`,
    fix: joinSentences(`add it`, exampleFor(pointer), value === 'name' ? '(or pass --name, or set GM_NAME)' : undefined),
  }),
  exclusiveMinimum: ({ label, value, params }, pointer) => ({
    message: `${label} must be greater than ${String(params.limit)}, got ${showValue(value)}`,
    fix: joinSentences('use a positive number', exampleFor(pointer)),
  }),
  minLength: ({ label, params }) => ({ message: `${label} is shorter than ${String(params.limit)} characters`, fix: 'give it a value' }),
  maxLength: ({ label, value, params }) => ({
    message: `${label} ${showValue(value)} is longer than ${String(params.limit)} characters`,
    fix: `shorten it to at most ${String(params.limit)} characters`,
  }),
  minItems: ({ label, params }) => ({
    message: `${label} must list at least ${String(params.limit)} item(s), got none`,
    fix: 'add a value, or remove the field to use the default',
  }),
  maxItems: ({ label, params }) => ({
    message: `${label} lists more than ${String(params.limit)} items`,
    fix: `keep at most ${String(params.limit)}`,
  }),
  uniqueItems: uniqueItemsText,
  pattern: ({ label, value, params }) => ({
    message: `${label} ${showValue(value)} does not have the expected form`,
    fix: `it must match ${String(params.pattern)}`,
  }),
};

/** The pointer an error is about: the offending key for unknown/missing/invalid keys, else the value. */
function errorPointer(error: ErrorObject): { pointer: string; isKey: boolean; value: unknown } {
  const { params, instancePath, data } = error;
  if (error.keyword === 'additionalProperties' || error.keyword === 'required') {
    const key = String(error.keyword === 'required' ? params.missingProperty : params.additionalProperty);
    return { pointer: `${instancePath}/${escapePointerSegment(key)}`, isKey: true, value: key };
  }
  if (error.propertyName !== undefined) {
    return { pointer: `${instancePath}/${escapePointerSegment(error.propertyName)}`, isKey: true, value: error.propertyName };
  }
  return { pointer: instancePath, isKey: false, value: data };
}

function translate(error: ErrorObject): ValidationIssue | undefined {
  // `propertyNames` only wraps the real error about the key, which is reported on its own.
  if (error.keyword === 'propertyNames') return undefined;
  const { pointer, isKey, value } = errorPointer(error);
  const context: IssueContext = { field: topField(error.instancePath || pointer), keyword: error.keyword, label: pointerLabel(pointer), value, isKey, params: error.params };
  const text = fieldText(context) ?? GENERIC_TEXTS[error.keyword]?.(context, pointer);
  return { pointer: text?.pointer ?? pointer, message: text?.message ?? `${context.label} ${error.message ?? 'is invalid'}`, fix: text?.fix ?? 'see `gm config schema`' };
}

/** ValidationIssues for ajv's errors, without duplicates (allErrors may report one problem twice). */
export function issuesFromAjv(errors: readonly ErrorObject[]): ValidationIssue[] {
  const seen = new Set<string>();
  const issues: ValidationIssue[] = [];
  for (const error of errors) {
    const issue = translate(error);
    const key = issue === undefined ? '' : `${issue.pointer}\n${issue.message}`;
    if (issue === undefined || seen.has(key)) continue;
    seen.add(key);
    issues.push(issue);
  }
  return issues;
}
