import { CommandNotFoundError } from '../errors/index.js';

/**
 * Optional plugins that the `gm` binary does not bundle. The command_not_found hook uses this table to tell the user
 * which package brings a missing command and how to get it.
 */
export interface OptionalPlugin {
  /** Command id prefix with spaces, e.g. `deploy tier2`. */
  command: string;
  packageName: string;
  /** Directory in a checkout of the gm repository, for `gm plugins link`. */
  checkoutDir: string;
  description: string;
}

export const OPTIONAL_PLUGINS: readonly OptionalPlugin[] = [
  {
    command: 'deploy tier2',
    packageName: '@geusemaker/plugin-tier2-alb',
    checkoutDir: 'plugins/tier2-alb',
    description: 'tier2: an ALB with HTTPS in front of the stack',
  },
  {
    command: 'deploy tier3',
    packageName: '@geusemaker/plugin-tier3-gpu-cloudfront',
    checkoutDir: 'plugins/tier3-gpu-cloudfront',
    description: 'tier3: a GPU instance with CloudFront in front',
  },
];

/** Finds the optional plugin for what the user typed: oclif hands over the id it matched and the remaining argv. */
export function optionalPluginFor(id: string, argv: readonly string[]): OptionalPlugin | undefined {
  const words = [...id.split(/[: ]/), ...argv.filter((arg) => !arg.startsWith('-'))];
  const typed = words.join(' ');
  return OPTIONAL_PLUGINS.find((plugin) => typed === plugin.command || typed.startsWith(`${plugin.command} `));
}

/** `gm deploy tier2` without its plugin: exit 127, naming the package and how to install or link it. */
export function pluginNotInstalledError(plugin: OptionalPlugin, bin = 'gm'): CommandNotFoundError {
  return new CommandNotFoundError({
    code: 'PLUGIN_NOT_INSTALLED',
    message: `"${bin} ${plugin.command}" needs the plugin ${plugin.packageName} (${plugin.description}), which is not installed.`,
    hint: `Install it with \`${bin} plugins install ${plugin.packageName}\`, or from a checkout of the gm repository run \`${bin} plugins link ${plugin.checkoutDir}\`.`,
    details: { plugin: plugin.packageName },
  });
}
