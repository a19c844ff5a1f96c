import { FIELD_DOCS } from './field-docs.js';
import { SPEC_DEFAULTS, SPEC_FIELDS } from './types.js';
import type { SpecField } from './types.js';

/**
 * `gm config sample`: a complete, commented YAML spec that validates as is. Every field appears; the ones that
 * refer to existing AWS resources (or open access) are commented out, because uncommenting them is a decision.
 * Descriptions and examples come from FIELD_DOCS, the same text the JSON Schema carries.
 */

/** Fields written commented out: reusing resources, SSH access and image overrides must be chosen on purpose. */
const COMMENTED_OUT: ReadonlySet<SpecField> = new Set(['vpcId', 'subnetIds', 'securityGroupId', 'efsId', 'keyName', 'sshCidr', 'images']);

const WIDTH = 100;

const HEADER = [
  '# GeuseMaker deployment spec. Use it with: gm deploy tier1 --config gm.yaml',
  '# Check it with: gm config validate gm.yaml',
  '# Precedence: command-line flags > GM_* environment variables > this file > defaults.',
  '# Editor support: `gm config schema > gm.schema.json`, then put this line first:',
  '#   # yaml-language-server: $schema=./gm.schema.json',
];

function wrapComment(text: string): string[] {
  const lines: string[] = [];
  let line = '#';
  for (const word of text.split(' ')) {
    if (line.length + word.length + 1 > WIDTH && line !== '#') {
      lines.push(line);
      line = '#';
    }
    line += ` ${word}`;
  }
  lines.push(line);
  return lines;
}

function defaultNote(field: SpecField): string {
  if (field === 'name') return 'Required.';
  const defaults: Record<string, unknown> = SPEC_DEFAULTS;
  if (!Object.hasOwn(defaults, field)) return 'Optional.';
  const value = defaults[field];
  return `Default: ${typeof value === 'string' ? value : JSON.stringify(value)}.`;
}

function fieldBlock(field: SpecField): string[] {
  const doc = FIELD_DOCS[field];
  const env = doc.env === undefined ? '' : ` Environment: ${doc.env}.`;
  const line = `${field}: ${doc.example}`;
  return [...wrapComment(`${doc.description} ${defaultNote(field)}${env}`), COMMENTED_OUT.has(field) ? `# ${line}` : line];
}

/** The sample spec, as YAML text with a comment above each field. */
export function sampleSpec(): string {
  const blocks = SPEC_FIELDS.map((field) => fieldBlock(field).join('\n'));
  return `${[HEADER.join('\n'), ...blocks].join('\n\n')}\n`;
}
