import type { TestkitGlobal } from './global-setup.js';

export default async function globalTeardown(): Promise<void> {
  const holder = globalThis as TestkitGlobal;
  await holder.__gmTestEmulator?.stop();
  delete holder.__gmTestEmulator;
}
