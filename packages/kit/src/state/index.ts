export type { StateStore, StateDocument, JournalEntry, JournalReadResult, LockInfo, LockHandle } from './types.js';
export { LocalStateStore } from './local-store.js';
export { STATE_SCHEMA_VERSION } from './document.js';
export { resolveGmHome, isValidDeploymentName, assertDeploymentName, DEPLOYMENT_NAME_PATTERN } from './paths.js';
