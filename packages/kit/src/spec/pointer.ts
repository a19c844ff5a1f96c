/** JSON pointers (RFC 6901) and the human words issue messages use for them and for values. */

export function escapePointerSegment(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'));
}

export function toPointer(segments: readonly (string | number)[]): string {
  return segments.map((segment) => `/${escapePointerSegment(String(segment))}`).join('');
}

/** The top-level field a pointer is inside (`/subnetIds/0` → `subnetIds`), or undefined for the whole document. */
export function topField(pointer: string): string | undefined {
  return pointerSegments(pointer)[0];
}

/** `/instanceTypes/0` → `instanceTypes[0]`, `/tags/cost center` → `tags['cost center']`; `` → `the config`. */
export function pointerLabel(pointer: string): string {
  const segments = pointerSegments(pointer);
  if (segments.length === 0) return 'the config';
  const [first, ...rest] = segments;
  return rest.reduce((label, segment) => {
    if (/^\d+$/.test(segment)) return `${label}[${segment}]`;
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(segment)) return `${label}.${segment}`;
    return `${label}['${segment}']`;
  }, first ?? '');
}

const MAX_SHOWN = 60;

/** A value as it appears in messages: strings in single quotes (shortened when long), the rest as JSON. */
export function showValue(value: unknown): string {
  if (typeof value === 'string') return `'${value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value}'`;
  const json = JSON.stringify(value) ?? String(value);
  return json.length > MAX_SHOWN ? `${json.slice(0, MAX_SHOWN)}…` : json;
}

/** The JSON type of a value and the value itself: `string 'abc'`, `number 5`, `an array`, `null`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${showValue(value)}`;
}

/** `a number`, `an array`, `a string`… for the JSON type names ajv reports. */
export function withArticle(typeName: string): string {
  return /^[aeiou]/.test(typeName) ? `an ${typeName}` : `a ${typeName}`;
}
