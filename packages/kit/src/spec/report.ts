import type { LoadedSpec } from './load.js';
import { SPEC_FIELDS } from './types.js';

/** Human words for a loaded spec: one line per field with its value and where it came from. */

function formatValue(value: unknown): string {
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value);
    return entries.length === 0 ? '(none)' : entries.map(([key, item]) => `${key}=${String(item)}`).join(', ');
  }
  return String(value);
}

/** A table of `field  value  source`, fields in declaration order, unset fields left out. */
export function formatSpecSources(loaded: LoadedSpec): string {
  const spec = loaded.spec as unknown as Record<string, unknown>;
  const rows = SPEC_FIELDS.filter((field) => spec[field] !== undefined).map((field) => {
    const source = loaded.sources[field] ?? 'default';
    const variable = loaded.envVariables[field];
    return [field, formatValue(spec[field]), source === 'env' && variable !== undefined ? `env ${variable}` : source];
  });
  const width = (column: number): number => Math.max(...rows.map((row) => (row[column] ?? '').length));
  const [fieldWidth, valueWidth] = [width(0), Math.min(width(1), 48)];
  return rows.map(([field, value, source]) => `  ${(field ?? '').padEnd(fieldWidth)}  ${(value ?? '').padEnd(valueWidth)}  ${source ?? ''}`.trimEnd()).join('\n');
}
