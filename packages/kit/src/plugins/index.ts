export { OPTIONAL_PLUGINS, optionalPluginFor, type OptionalPlugin } from './optional-plugins.js';
