import { readFileSync } from 'node:fs';

/** gm's own version, read from kit's package.json (all published packages version together via changesets). */
export const GM_VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export const USER_AGENT_APP_ID = `geusemaker/${GM_VERSION}`;
