import { registerHooks } from 'node:module';
import type { Emulator } from '../emulator/start.js';

/** Shared with global-teardown.ts: Jest runs both in the same context. */
export interface TestkitGlobal {
  __gmTestEmulator?: Emulator;
}

/**
 * Jest loads this file with Node's own ESM loader (type stripping), not through ts-jest and its moduleNameMapper, so
 * the NodeNext `./x.js` specifiers of the testkit sources must be resolved to their `.ts` files here.
 */
function resolveJsSpecifiersToTypeScript(): void {
  registerHooks({
    resolve(specifier, context, nextResolve) {
      try {
        return nextResolve(specifier, context);
      } catch (error) {
        const isRelativeJs = specifier.startsWith('.') && specifier.endsWith('.js');
        if (!isRelativeJs || (error as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND') throw error;
        return nextResolve(`${specifier.slice(0, -3)}.ts`, context);
      }
    },
  });
}

/** Fake credentials and no real ~/.aws for every test worker: nothing in a test run may reach real AWS. */
function isolateAwsEnvironment(endpoint: string): void {
  for (const name of ['AWS_PROFILE', 'AWS_SESSION_TOKEN', 'AWS_DEFAULT_PROFILE']) delete process.env[name];
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_REGION: 'us-east-1',
    AWS_ENDPOINT_URL: endpoint,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: '/nonexistent/gm-test/aws-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/gm-test/aws-credentials',
  });
}

/**
 * Starts moto + the proxy once for the whole run and hands the endpoint to the workers through the environment
 * (workers start after global setup and inherit it). GM_TEST_NO_EMULATOR=1 skips it for pure unit-test runs.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.GM_TEST_NO_EMULATOR === '1') return;
  resolveJsSpecifiersToTypeScript();
  const { startEmulator } = await import('../emulator/start.js');
  const emulator = await startEmulator();
  (globalThis as TestkitGlobal).__gmTestEmulator = emulator;
  process.env.GM_TEST_ENDPOINT = emulator.endpoint;
  process.env.GM_TEST_CONTROL_URL = emulator.controlUrl;
  process.env.GM_TEST_MOTO_URL = emulator.motoUrl;
  isolateAwsEnvironment(emulator.endpoint);
}
