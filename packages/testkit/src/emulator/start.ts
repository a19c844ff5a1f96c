import { TestkitControl } from '../control-client.js';
import { CONTROL_PREFIX } from '../proxy/control.js';
import { closeMotoSockets } from '../proxy/forward.js';
import { startProxy } from '../proxy/server.js';
import { startMoto, type StartMotoOptions } from './moto.js';

export interface Emulator {
  /** The proxy's URL: what AWS_ENDPOINT_URL / endpointUrl should be. */
  readonly endpoint: string;
  /** moto itself, bypassing fixtures and faults (rarely wanted). */
  readonly motoUrl: string;
  /** The control API URL (`<endpoint>/__testkit`). */
  readonly controlUrl: string;
  readonly control: TestkitControl;
  stop(): Promise<void>;
}

export interface StartEmulatorOptions extends StartMotoOptions {
  /** Port for the proxy; default a free one. */
  proxyPort?: number;
  /** Build moto's EC2 backend for us-east-1 in the background (its first EC2 call takes seconds). Default true. */
  warmUp?: boolean;
}

/** One cheap read per service gm uses most, EC2 first: moto imports a service's code on its first request. */
const WARM_UP_CALLS: ReadonlyArray<{ service: string; path: string; headers: Record<string, string>; body?: string }> = [
  { service: 'ec2', path: '/', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Action=DescribeAvailabilityZones&Version=2016-11-15' },
  { service: 'iam', path: '/', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Action=ListRoles&Version=2010-05-08' },
  { service: 'ssm', path: '/', headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AmazonSSM.DescribeParameters' }, body: '{}' },
  { service: 'elasticfilesystem', path: '/2015-02-01/file-systems', headers: {} },
];

/**
 * The first call to a service makes moto import that service's code and build its backend: seconds for EC2. Doing it
 * in the background, without waiting, overlaps that with whatever the caller does next (Jest starting workers and
 * loading the SDK). Sent to moto directly, so it never shows in the proxy's call log.
 */
async function warmUpMoto(motoUrl: string): Promise<void> {
  for (const call of WARM_UP_CALLS) {
    const authorization = `AWS4-HMAC-SHA256 Credential=testkit-warmup/20250101/us-east-1/${call.service}/aws4_request, SignedHeaders=host, Signature=0`;
    const init = call.body === undefined ? { method: 'GET' } : { method: 'POST', body: call.body };
    const response = await fetch(new URL(call.path, motoUrl), { ...init, headers: { ...call.headers, authorization } });
    await response.arrayBuffer();
  }
}

/** Starts moto and the front proxy before it, both on 127.0.0.1. */
export async function startEmulator(options: StartEmulatorOptions = {}): Promise<Emulator> {
  const moto = await startMoto(options);
  // A failed warm-up only means moto stopped first; the real calls will report real problems.
  if (options.warmUp !== false) warmUpMoto(moto.url).catch(() => undefined);
  try {
    const proxy = await startProxy({ motoUrl: moto.url, port: options.proxyPort });
    const controlUrl = `${proxy.url}${CONTROL_PREFIX.replace(/\/$/, '')}`;
    return {
      endpoint: proxy.url,
      motoUrl: moto.url,
      controlUrl,
      control: new TestkitControl(controlUrl),
      stop: async () => {
        await proxy.close();
        closeMotoSockets();
        await moto.stop();
      },
    };
  } catch (error) {
    await moto.stop();
    throw error;
  }
}
