export { GmCommand, type GmFlags, type GmArgs, type AwsConnectionOptions } from './gm-command.js';
export { globalFlags } from './base-flags.js';
export { emitFailure, emitSuccess, processStreams, type Streams } from './emit.js';
export { renderModeFromArgv, type RenderMode, type OutputFormat } from './output-mode.js';
export { toGmError, errorEnvelope, errorText } from './render-error.js';
export { deploySpecFlags, specInputFromFlags, type DeploySpecFlagValues } from './deploy-flags.js';
