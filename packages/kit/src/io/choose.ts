import { ListrReporter } from './listr-reporter.js';
import { PlainReporter } from './plain-reporter.js';
import type { Reporter, Write } from './reporter.js';

export interface OutputMode {
  json: boolean;
  quiet: boolean;
}

export interface Terminal {
  /** stderr is a TTY (where progress is drawn). */
  stderrIsTty: boolean;
  /** stdin is a TTY (whether we may prompt). */
  stdinIsTty: boolean;
  env: NodeJS.ProcessEnv;
}

export function currentTerminal(): Terminal {
  return { stderrIsTty: process.stderr.isTTY === true, stdinIsTty: process.stdin.isTTY === true, env: process.env };
}

/** True when the run is on a terminal a person is watching (not CI, not dumb). */
export function isInteractive(terminal: Terminal): boolean {
  const ci = terminal.env.CI !== undefined && terminal.env.CI !== '' && terminal.env.CI !== 'false';
  return terminal.stderrIsTty && !ci && terminal.env.TERM !== 'dumb';
}

/** Chosen once per run: silent under --json, errors only under --quiet, listr2 on a terminal, plain lines otherwise. */
export function chooseReporter(mode: OutputMode, terminal: Terminal, write: Write): Reporter {
  if (mode.json) return new PlainReporter('silent', write, new Set());
  if (mode.quiet) return new PlainReporter('quiet', write, new Set(['error']));
  if (isInteractive(terminal)) return new ListrReporter(write);
  return new PlainReporter('plain', write, new Set(['info', 'warn', 'error']));
}
