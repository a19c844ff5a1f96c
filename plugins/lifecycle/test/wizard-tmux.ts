import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { GM_BIN, gmEnvironment } from '@geusemaker/testkit';

const run = promisify(execFile);

export const TMUX = ['/usr/bin/tmux', '/usr/local/bin/tmux', '/opt/homebrew/bin/tmux'].find((path) => existsSync(path));

const quote = (value: string): string => `'${value.replaceAll("'", "'\\''")}'`;

/**
 * The built `gm` in a real pseudo-terminal: a tmux session on its own server socket (so parallel tests and a user's
 * tmux are untouched), driven with send-keys and read with capture-pane. The command's exit code is printed after it
 * ends (`GM_EXIT=n`), and the pane stays open so the test can read it.
 */
export class TmuxGm {
  private readonly socket = `gm-wizard-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  private sessions = 0;

  constructor(private readonly tmux: string) {}

  private async tmuxRun(args: readonly string[]): Promise<string> {
    const { stdout } = await run(this.tmux, ['-L', this.socket, ...args]);
    return stdout;
  }

  /** Starts `gm <args>` in a new 200×50 session against the emulator; returns the session name. */
  async start(args: readonly string[], options: { home: string; env: Record<string, string> }): Promise<string> {
    const userHome = mkdtempSync(join(tmpdir(), 'gm-tty-'));
    const env = gmEnvironment(options.home, userHome, process.env.GM_TEST_ENDPOINT ?? '', options.env);
    const exports = Object.entries(env).flatMap(([name, value]) => (value === undefined || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? [] : [`export ${name}=${quote(value)}`]));
    const script = join(userHome, 'run.sh');
    const command = [process.execPath, GM_BIN, ...args].map(quote).join(' ');
    writeFileSync(script, [...exports, `cd ${quote(userHome)}`, command, 'echo "GM_EXIT=$?"', 'sleep 600', ''].join('\n'));
    const session = `s${this.sessions++}`;
    await this.tmuxRun(['new-session', '-d', '-s', session, '-x', '200', '-y', '50', `bash ${quote(script)}`]);
    return session;
  }

  /** The pane's text, with its scrollback. */
  screen(session: string): Promise<string> {
    return this.tmuxRun(['capture-pane', '-p', '-J', '-S', '-3000', '-t', session]);
  }

  /** Polls the pane until `pattern` shows (the part of the screen after `after`, when given), or fails at the deadline. */
  async waitFor(session: string, pattern: RegExp | string, timeoutMs = 20_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const text = await this.screen(session);
      if (typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text)) return text;
      if (Date.now() > deadline) throw new Error(`tmux: "${String(pattern)}" did not appear within ${timeoutMs} ms. Screen:\n${text}`);
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }

  /** Sends named keys (Enter, Down, C-c) to the session. */
  async keys(session: string, ...keys: string[]): Promise<void> {
    await this.tmuxRun(['send-keys', '-t', session, ...keys]);
  }

  /** Types text literally (no key names), then Enter. */
  async type(session: string, text: string): Promise<void> {
    if (text !== '') await this.tmuxRun(['send-keys', '-t', session, '-l', text]);
    await this.keys(session, 'Enter');
  }

  /** Waits for the command to end; returns its exit code and the whole screen. */
  async exitOf(session: string, timeoutMs = 120_000): Promise<{ exitCode: number; screen: string }> {
    const screen = await this.waitFor(session, /GM_EXIT=\d+/, timeoutMs);
    return { exitCode: Number(/GM_EXIT=(\d+)/.exec(screen)?.[1]), screen };
  }

  async killServer(): Promise<void> {
    await this.tmuxRun(['kill-server']).catch(() => undefined);
  }
}
