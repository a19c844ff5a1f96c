/**
 * @geusemaker/kit/health — preflight, the per-service health client and post-deploy validation, shared by the health
 * plugin (gm preflight/health/validate/status/report/monitor) and by `gm deploy`.
 */
export { check, summarize, worstStatus, reason, type Check, type CheckReport, type CheckStatus, type CheckSummary } from './checks.js';
export { runPreflight, assertPreflight } from './preflight.js';
export { actionsForPlan, principalArn } from './permissions.js';
export { checkServices, type ServiceHealth } from './health-client.js';
export { HEALTH_SERVICES, type HealthService } from './service-probes.js';
export { validateDeployment, validationError, instanceIdOf, readInstance } from './validate.js';
export { HOST_CHECKS, parseSections, parseComposePs } from './host-script.js';
export { runOnInstance } from './run-command.js';
export { parseHostStatus, readHostStatus, cpuUtilization, utilizationAlerts, utilizationConditions, type HostStatus, type Condition } from './host-status.js';
export { newPhaseLines } from './boot-phases.js';
