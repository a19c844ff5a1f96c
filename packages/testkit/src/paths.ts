import { fileURLToPath } from 'node:url';

/** The repository root, from src/ and dist/ alike (packages/testkit/<src|dist>/ -> ../../../). */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Where `pnpm emulator:setup` puts moto (override with GM_MOTO_VENV). */
export function motoVenvDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.GM_MOTO_VENV ?? `${REPO_ROOT}.venv/moto`;
}
