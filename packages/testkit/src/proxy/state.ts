import { CallLog } from './call-log.js';
import { FaultBook } from './faults.js';
import { CommandBook } from './fixtures/index.js';
import { HoldGate } from './hold-gate.js';

/** Everything the proxy remembers between calls; `POST /__testkit/reset` empties it all. */
export interface ProxyState {
  readonly motoUrl: string;
  readonly faults: FaultBook;
  readonly calls: CallLog;
  readonly commands: CommandBook;
  readonly holds: HoldGate;
}

export function createProxyState(motoUrl: string): ProxyState {
  return { motoUrl, faults: new FaultBook(), calls: new CallLog(), commands: new CommandBook(), holds: new HoldGate() };
}

/** Clears faults, the call log and command fixtures, lets held calls go, and resets moto (about 70 ms). */
export async function resetProxyState(state: ProxyState): Promise<void> {
  state.faults.clear();
  state.holds.release();
  state.commands.clear();
  const response = await fetch(new URL('/moto-api/reset', state.motoUrl), { method: 'POST' });
  if (!response.ok) throw new Error(`moto reset failed: HTTP ${response.status}`);
  state.calls.clear();
}
