import type { Hook } from '@oclif/core';
import { emitFailure, renderModeFromArgv } from '@geusemaker/kit/command';
import { CommandNotFoundError } from '@geusemaker/kit/errors';
import { optionalPluginFor, pluginNotInstalledError } from '@geusemaker/kit/plugins';

function notFoundError(id: string, argv: readonly string[], bin: string): CommandNotFoundError {
  const plugin = optionalPluginFor(id, argv);
  const typed = id.replaceAll(':', ' ');
  if (plugin === undefined) {
    return new CommandNotFoundError({
      code: 'COMMAND_NOT_FOUND',
      message: `"${bin} ${typed}" is not a gm command.`,
      hint: `Run \`${bin} --help\` to see the commands.`,
    });
  }
  return pluginNotInstalledError(plugin, bin);
}

/**
 * Unknown commands, and tiers whose plugin is not installed, exit 127 with a hint — rendered by the same code as every
 * other gm error, so `--json` gives the usual error envelope.
 */
const hook: Hook.CommandNotFound = async function (options) {
  const argv = options.argv ?? [];
  const error = notFoundError(options.id, argv, options.config.bin);
  process.exitCode = await emitFailure(error, renderModeFromArgv(argv));
  return error.code;
};

export default hook;
