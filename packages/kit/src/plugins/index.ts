export { OPTIONAL_PLUGINS, optionalPluginFor, pluginNotInstalledError, type OptionalPlugin } from './optional-plugins.js';
