import type { CallFilter, CallRecord } from './proxy/call-log.js';
import type { FaultRule, FaultSpec } from './proxy/faults.js';
import type { CommandOutputFixture } from './proxy/fixtures/index.js';

/**
 * A client for the proxy's control API (`/__testkit/*`). Plain HTTP, so it also steers an emulator that a `gm`
 * subprocess or another process is talking to.
 */
export class TestkitControl {
  /** The control URL, e.g. http://127.0.0.1:1234/__testkit (GM_TEST_CONTROL_URL). */
  readonly baseUrl: string;

  constructor(baseUrl: string) {
    this.baseUrl = baseUrl;
  }

  /** The control client of the emulator started by Jest's global setup. */
  static fromEnv(env: NodeJS.ProcessEnv = process.env): TestkitControl {
    const url = env.GM_TEST_CONTROL_URL;
    if (url === undefined || url === '') throw new Error('GM_TEST_CONTROL_URL is not set: is the testkit global setup configured (jest.config.ts)?');
    return new TestkitControl(url);
  }

  /** Adds a fault; returns its id. */
  async injectFault(fault: FaultSpec): Promise<string> {
    const { ids } = await this.request<{ ids: string[] }>('POST', 'faults', fault);
    return ids[0] ?? '';
  }

  faults(): Promise<FaultRule[]> {
    return this.request('GET', 'faults');
  }

  /** Removes every fault, or only those scoped to one access key id (safe beside tests running in parallel). */
  async clearFaults(accessKeyId?: string): Promise<void> {
    await this.request('DELETE', accessKeyId === undefined ? 'faults' : `faults?accessKeyId=${encodeURIComponent(accessKeyId)}`);
  }

  /** The call log, optionally only one service and/or operation. */
  calls(filter: CallFilter = {}): Promise<CallRecord[]> {
    const query = new URLSearchParams(Object.entries(filter).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
    return this.request('GET', `calls${query.size > 0 ? `?${query}` : ''}`);
  }

  async clearCalls(): Promise<void> {
    await this.request('DELETE', 'calls');
  }

  /** What Run Command reports for matching commands (GetCommandInvocation). */
  async setCommandOutput(output: CommandOutputFixture): Promise<void> {
    await this.request('POST', 'command-output', output);
  }

  /** Lets held calls continue; returns how many were held. */
  async release(): Promise<number> {
    return (await this.request<{ released: number }>('POST', 'release')).released;
  }

  /** Clears faults, the call log and command fixtures and resets moto's state (about 70 ms). */
  async reset(): Promise<void> {
    await this.request('POST', 'reset');
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl.replace(/\/$/, '')}/${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const payload = (await response.json()) as T & { error?: string };
    if (!response.ok) throw new Error(`testkit control ${method} ${path}: ${payload.error ?? response.status}`);
    return payload;
  }
}
