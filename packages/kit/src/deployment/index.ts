export type { DeploymentState, DeploymentStatus, DeploymentCost, PricePeriod } from './types.js';
export { readDeployment, writeDeployment, readStepRecords, storeJournal } from './store.js';
