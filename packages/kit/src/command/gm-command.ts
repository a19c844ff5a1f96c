import { Command, type Interfaces } from '@oclif/core';
import type { GmError } from '../errors/index.js';
import { chooseReporter, choosePrompter, currentTerminal, type Prompter, type Reporter } from '../io/index.js';
import { globalFlags } from './base-flags.js';
import { emitFailure, emitSuccess } from './emit.js';
import { renderModeFromArgv, type RenderMode } from './output-mode.js';
import { toGmError } from './render-error.js';

export type GmFlags<T extends typeof Command> = Interfaces.InferredFlags<(typeof GmCommand)['baseFlags'] & T['flags']>;
export type GmArgs<T extends typeof Command> = Interfaces.InferredArgs<T['args']>;

/** The AWS connection options every command accepts, ready for kit's client factory. */
export interface AwsConnectionOptions {
  region: string | undefined;
  profile: string | undefined;
  endpointUrl: string | undefined;
}

/**
 * The one base command. It owns parsing of the global flags, the reporter and prompter, the `--json` / `--output`
 * envelope, error rendering and exit codes. Subclasses implement `execute()` (return a typed result, throw GmError)
 * and optionally `renderText()`; they never write envelopes or call process.exit themselves.
 */
export abstract class GmCommand<T extends typeof Command, R = unknown> extends Command {
  static override baseFlags = globalFlags;

  protected flags!: GmFlags<T>;
  protected args!: GmArgs<T>;
  protected reporter!: Reporter;
  protected prompter!: Prompter;
  private readonly warnings: string[] = [];
  private mode: RenderMode = renderModeFromArgv([]);

  protected abstract execute(): Promise<R>;

  /** Human output for stdout. Default: the result as indented JSON; commands override it with something readable. */
  protected renderText(result: R): string {
    return result === undefined ? '' : JSON.stringify(result, null, 2);
  }

  override async init(): Promise<void> {
    await super.init();
    this.mode = renderModeFromArgv(this.argv);
    const ctor = this.ctor as typeof GmCommand;
    const { args, flags } = await this.parse({ flags: ctor.flags, baseFlags: ctor.baseFlags, args: ctor.args, strict: ctor.strict });
    this.flags = flags as GmFlags<T>;
    this.args = args as GmArgs<T>;
    const json = flags.json === true || flags.output === 'json';
    this.mode = { format: json ? 'json' : flags.output === 'yaml' ? 'yaml' : 'text', verbose: flags.verbose === true };
    const terminal = currentTerminal();
    this.reporter = chooseReporter({ json: this.mode.format !== 'text', quiet: flags.quiet === true }, terminal, (text) => process.stderr.write(text));
    this.prompter = choosePrompter({ noInput: flags['no-input'] === true, json: this.mode.format !== 'text' }, terminal);
  }

  async run(): Promise<void> {
    const result = await this.execute();
    await emitSuccess(result, this.warnings, this.mode, () => this.renderText(result));
    process.exitCode = 0;
  }

  /** A warning for the user: shown on stderr now and carried in the envelope's `warnings`. */
  protected addWarning(message: string): void {
    this.warnings.push(message);
    this.reporter.warn(message);
  }

  protected get jsonMode(): boolean {
    return this.mode.format !== 'text';
  }

  protected get awsConnection(): AwsConnectionOptions {
    const flags = this.flags as { region?: string; profile?: string; 'endpoint-url'?: string };
    return { region: flags.region, profile: flags.profile, endpointUrl: flags['endpoint-url'] };
  }

  /** Every failure is rendered exactly once here and becomes the process exit code. */
  protected override async catch(error: Interfaces.CommandError): Promise<void> {
    const gmError: GmError = toGmError(error);
    process.exitCode = await emitFailure(gmError, this.mode);
  }
}
