/** @geusemaker/testkit — the AWS emulator harness: moto behind a proxy with fixtures and fault injection, and helpers. */
export { startEmulator, type Emulator, type StartEmulatorOptions } from './emulator/start.js';
export { startMoto, motoEnvironment, freePort, type MotoServer, type StartMotoOptions } from './emulator/moto.js';
export { startProxy, type ProxyServer } from './proxy/server.js';
export { TestkitControl } from './control-client.js';
export type { FaultSpec, FaultRule } from './proxy/faults.js';
export { FaultBook } from './proxy/faults.js';
export type { CallRecord, CallFilter } from './proxy/call-log.js';
export type { CommandOutputFixture } from './proxy/fixtures/index.js';
export { runGm, gmEnvironment, GM_BIN, type RunGmOptions, type RunGmResult } from './run-gm.js';
export { ec2Catalog, type Ec2Catalog, type CatalogInstanceType } from './data/fixtures.js';
export { REPO_ROOT, motoVenvDir } from './paths.js';
