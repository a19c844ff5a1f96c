export type { StateStore, StateDocument, JournalEntry, JournalReadResult, LockInfo, LockHandle } from './types.js';
export { LocalStateStore } from './local-store.js';
export { S3StateStore } from './s3-store.js';
export { openStateStore, stateStoreFor } from './open-store.js';
export { STATE_SCHEMA_VERSION, parseStateDocument, validateStateText, restoreCommand } from './document.js';
export { STATE_MIGRATIONS, migrateDocument, migrationsFrom, canonicalTimestamp, type StateMigration } from './migrations.js';
export { Backups, AUTO_BACKUP_RETENTION, sha256, type BackupInfo, type BackupKind, type BackupRecord, type BackupStorage } from './backups.js';
/** Private (0700/0600), atomic and durable files under GM_HOME, for other gm files beside the state (caches, wizard). */
export { ensurePrivateDir, writePrivateFileAtomic } from './fs-private.js';
export { resolveGmHome, isValidDeploymentName, assertDeploymentName, DEPLOYMENT_NAME_PATTERN } from './paths.js';
export {
  exportState,
  formatExport,
  validateExport,
  parseExportText,
  importDeployment,
  copyOfExport,
  type DeploymentCopy,
  assertImportable,
  type StateExport,
  type ExportedDeployment,
} from './transfer.js';
