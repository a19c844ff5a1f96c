import type * as SsmSdk from '@aws-sdk/client-ssm';
import type {
  GetCommandInvocationCommandInput,
  GetCommandInvocationCommandOutput,
  GetParameterCommandInput,
  GetParameterCommandOutput,
  SendCommandCommandInput,
  SendCommandCommandOutput,
} from '@aws-sdk/client-ssm';
import { callAws, type ClientHandle, type LoadedClient } from './lazy-client.js';

export type {
  GetCommandInvocationCommandInput,
  GetCommandInvocationCommandOutput,
  GetParameterCommandInput,
  GetParameterCommandOutput,
  SendCommandCommandInput,
  SendCommandCommandOutput,
} from '@aws-sdk/client-ssm';

/** The SSM operations gm uses (Parameter Store for secrets and AMI ids, Run Command for on-instance checks). */
export interface SsmApi {
  getParameter(input: GetParameterCommandInput): Promise<GetParameterCommandOutput>;
  sendCommand(input: SendCommandCommandInput): Promise<SendCommandCommandOutput>;
  getCommandInvocation(input: GetCommandInvocationCommandInput): Promise<GetCommandInvocationCommandOutput>;
}

export type SsmHandle = ClientHandle<typeof SsmSdk, SsmSdk.SSMClient>;
type Ssm = LoadedClient<typeof SsmSdk, SsmSdk.SSMClient>;

export function createSsmApi(handle: SsmHandle): SsmApi {
  const call = <T>(operation: string, run: (ssm: Ssm) => Promise<T>): Promise<T> =>
    callAws(`SSM ${operation}`, async () => run(await handle.load()));
  return {
    getParameter: (input) => call('GetParameter', ({ sdk, client }) => client.send(new sdk.GetParameterCommand(input))),
    sendCommand: (input) => call('SendCommand', ({ sdk, client }) => client.send(new sdk.SendCommandCommand(input))),
    getCommandInvocation: (input) =>
      call('GetCommandInvocation', ({ sdk, client }) => client.send(new sdk.GetCommandInvocationCommand(input))),
  };
}
