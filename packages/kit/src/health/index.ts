/**
 * @geusemaker/kit/health — preflight, the per-service health client and post-deploy validation, shared by the health
 * plugin (gm preflight/health/validate/status/report/monitor) and by `gm deploy`.
 */
export { check, checkReport, summarize, worstStatus, reason, type Check, type CheckReport, type CheckStatus, type CheckSummary } from './checks.js';
export { runPreflight, assertPreflight, specSanity, type PreflightOptions } from './preflight.js';
export { actionsForPlan, principalArn } from './permissions.js';
export { candidateInstanceTypes, PLAN_ARCHITECTURE } from './instance-types.js';
export { checkServices, readHealthSecrets, explain, PG_ISREADY_SCRIPT, type ServiceHealth, type HealthOptions } from './health-client.js';
export { HEALTH_SERVICES, serviceBaseUrl, probeUrl, probeHeaders, type HealthService, type HealthSecrets } from './service-probes.js';
export { httpGet, type HttpOutcome } from './http-get.js';
export { validateDeployment, validationError, instanceIdOf, type ValidateOptions } from './validate.js';
export { HOST_CHECKS, VALIDATE_SCRIPT, parseSections, parseComposePs, LOG_TAIL_LINES, type ContainerState } from './host-script.js';
export { runOnInstance, type RunResult, type RunOptions } from './run-command.js';
export { STATUS_SCRIPT, parseHostStatus, readHostStatus, cpuUtilization, utilizationAlerts, utilizationConditions, THRESHOLDS, type HostStatus, type Condition } from './host-status.js';
export { newPhaseLines, PHASE_LABELS } from './boot-phases.js';
