#!/usr/bin/env node
// Development entry: the same gm, plus every workspace plugin the repository root depends on
// (`@geusemaker/plugin-*`, tier2 and tier3 included), loaded straight from the checkout. Build first (`pnpm build`).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cliRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = join(cliRoot, '..', '..');
process.env.NODE_ENV ??= 'development';

const [{ execute }, { flush }] = await Promise.all([import('@oclif/core/execute'), import('@oclif/core/flush')]);
await execute({
  development: true,
  dir: import.meta.url,
  loadOptions: { root: cliRoot, pluginAdditions: { core: ['@geusemaker/plugin-*'], path: repoRoot } },
});
await flush();
