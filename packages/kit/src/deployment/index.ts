export type { DeploymentState, DeploymentStatus, DeploymentCost } from './types.js';
export { readDeployment, writeDeployment, readStepRecords, storeJournal } from './store.js';
