import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderCompose, renderProxyConfig, renderUserDataScript } from '@geusemaker/kit/stack';
import type { StackInput } from '@geusemaker/kit/stack';
import { HERE, sampleInput } from './helpers.js';

/**
 * Whole-artifact goldens: the exact text each renderer produces for three representative deployments. After an
 * intended change, regenerate with `GM_UPDATE_GOLDEN=1 … jest packages/kit/test/stack/golden` and review the diff.
 */

const UPDATE = process.env.GM_UPDATE_GOLDEN === '1';

const tier1 = sampleInput();
const tier2 = sampleInput({ tier: 'tier2', os: 'ubuntu2404', publicUrl: 'https://n8n.example.com/' });
const tier3 = sampleInput({ tier: 'tier3', models: ['llama3.1:8b'], images: { ollama: 'ollama/ollama:0.33.2' } });

const CASES: Array<[file: string, render: (input: StackInput) => string, input: StackInput]> = [
  ['compose.tier1-al2023.yml', renderCompose, tier1],
  ['compose.tier3-dlami-gpu.yml', renderCompose, tier3],
  ['Caddyfile.internal', renderProxyConfig, tier1],
  ['Caddyfile.behind-alb', renderProxyConfig, tier2],
  ['userdata.tier1-al2023.sh', renderUserDataScript, tier1],
  ['userdata.tier2-ubuntu2404.sh', renderUserDataScript, tier2],
  ['userdata.tier3-dlami-gpu.sh', renderUserDataScript, tier3],
];

describe.each(CASES)('golden %s', (file, render, input) => {
  it('matches the checked-in text exactly', () => {
    const path = join(HERE, 'golden', file);
    const actual = render(input);
    if (UPDATE) writeFileSync(path, actual);
    if (!existsSync(path)) throw new Error(`missing golden ${path}; run with GM_UPDATE_GOLDEN=1 to create it`);
    expect(actual).toBe(readFileSync(path, 'utf8'));
  });
});
