#!/usr/bin/env node
// Starts the GeuseMaker AWS emulator (moto behind the testkit proxy) and keeps it running until Ctrl-C / SIGTERM.
//   node packages/testkit/bin/emulator.mjs [--port <proxy port>] [--json]
// Prints the endpoint and an `export AWS_ENDPOINT_URL=…` line (or, with --json, one JSON line) once it answers.
import { existsSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { parseArgs } from 'node:util';

/** The built testkit when there is one; else its TypeScript sources through Node's type stripping. */
async function loadTestkit() {
  const built = new URL('../dist/index.js', import.meta.url);
  if (existsSync(built)) return import(built.href);
  // The sources import './x.js' (NodeNext); only their '.ts' files exist before a build.
  registerHooks({
    resolve(specifier, context, nextResolve) {
      try {
        return nextResolve(specifier, context);
      } catch (error) {
        if (!specifier.startsWith('.') || !specifier.endsWith('.js')) throw error;
        return nextResolve(`${specifier.slice(0, -3)}.ts`, context);
      }
    },
  });
  return import(new URL('../src/index.ts', import.meta.url).href);
}

const { values } = parseArgs({ options: { port: { type: 'string' }, json: { type: 'boolean', default: false } } });
const { startEmulator } = await loadTestkit();
const emulator = await startEmulator({ proxyPort: values.port === undefined ? undefined : Number(values.port) });

if (values.json) {
  console.log(JSON.stringify({ endpoint: emulator.endpoint, controlUrl: emulator.controlUrl, motoUrl: emulator.motoUrl }));
} else {
  console.log(`GeuseMaker AWS emulator (moto behind the testkit proxy)
  endpoint: ${emulator.endpoint}
  control:  ${emulator.controlUrl}  (faults, call log, reset)
  moto:     ${emulator.motoUrl}
export AWS_ENDPOINT_URL=${emulator.endpoint} AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION=us-east-1`);
}

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  await emulator.stop();
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
