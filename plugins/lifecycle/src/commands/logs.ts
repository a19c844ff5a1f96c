import { Args, Flags } from '@oclif/core';
import { GmCommand } from '@geusemaker/kit/command';
import { UsageError } from '@geusemaker/kit/errors';
import { LOG_SOURCES, readLogs, type LogsResult } from '../services/logs.js';
import { interruptOnSignals, openStateStore } from '../services/session.js';

export default class Logs extends GmCommand<typeof Logs, LogsResult> {
  static override summary = "Print a log of a deployment's instance (UserData or one service), read through SSM Run Command.";
  static override description =
    'Text mode prints the log raw on stdout, whole however long it is (read in 16 KB chunks). --follow keeps printing what is appended, checking every 2 s, until Ctrl-C.';
  static override examples = [
    '<%= config.bin %> logs demo',
    '<%= config.bin %> logs demo --service n8n --tail 100',
    '<%= config.bin %> logs demo --service proxy --follow',
    '<%= config.bin %> logs demo --service ollama --json',
  ];
  static override args = { name: Args.string({ required: true, description: 'Deployment name' }) };
  static override flags = {
    service: Flags.option({ options: LOG_SOURCES, default: 'userdata' as const, description: 'Which log: the UserData boot log or a compose service.' })(),
    tail: Flags.integer({ min: 0, description: 'Only the last N lines.' }),
    follow: Flags.boolean({ char: 'f', description: 'Keep printing new lines (every 2 s) until Ctrl-C.' }),
  };

  protected async execute(): Promise<LogsResult> {
    if (this.flags.follow && this.jsonMode) {
      throw new UsageError({ code: 'USAGE', message: '--follow streams text; it cannot be combined with --json/--output.', hint: 'Drop --follow, or drop --json.' });
    }
    const interrupt = this.flags.follow ? interruptOnSignals() : undefined;
    try {
      return await readLogs(openStateStore(), {
        name: this.args.name,
        service: this.flags.service,
        tail: this.flags.tail,
        follow: this.flags.follow,
        connection: this.awsConnection,
        write: this.jsonMode ? undefined : (bytes) => process.stdout.write(bytes),
        notice: (message) => this.reporter.warn(message),
        signal: interrupt?.signal,
      });
    } finally {
      interrupt?.dispose();
    }
  }

  /** The log was already written raw, as it was read. */
  protected override renderText(): string {
    return '';
  }
}
