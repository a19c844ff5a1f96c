import type * as SsmSdk from '@aws-sdk/client-ssm';
import type {
  DeleteParametersCommandInput,
  DeleteParametersCommandOutput,
  GetCommandInvocationCommandInput,
  GetCommandInvocationCommandOutput,
  GetParameterCommandInput,
  GetParameterCommandOutput,
  GetParametersByPathCommandInput,
  ListTagsForResourceCommandInput,
  Parameter,
  PutParameterCommandInput,
  PutParameterCommandOutput,
  SendCommandCommandInput,
  SendCommandCommandOutput,
  Tag as SsmTag,
} from '@aws-sdk/client-ssm';
import { callAws, type ClientHandle, type LoadedClient } from './lazy-client.js';
import { collectPages } from './paginate.js';

export type {
  DeleteParametersCommandInput,
  DeleteParametersCommandOutput,
  GetCommandInvocationCommandInput,
  GetCommandInvocationCommandOutput,
  GetParameterCommandInput,
  GetParameterCommandOutput,
  GetParametersByPathCommandInput,
  Parameter as SsmParameter,
  PutParameterCommandInput,
  PutParameterCommandOutput,
  SendCommandCommandInput,
  SendCommandCommandOutput,
  Tag as SsmTag,
} from '@aws-sdk/client-ssm';

/** The SSM operations gm uses (Parameter Store for secrets and AMI ids, Run Command for on-instance checks). */
export interface SsmApi {
  getParameter(input: GetParameterCommandInput): Promise<GetParameterCommandOutput>;
  /** Every parameter under a path, every page. Values are ciphertext unless WithDecryption is set. */
  getParametersByPath(input: GetParametersByPathCommandInput): Promise<Parameter[]>;
  putParameter(input: PutParameterCommandInput): Promise<PutParameterCommandOutput>;
  /** At most 10 names per call (an SSM limit). */
  deleteParameters(input: DeleteParametersCommandInput): Promise<DeleteParametersCommandOutput>;
  listTagsForResource(input: ListTagsForResourceCommandInput): Promise<SsmTag[]>;
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
    getParametersByPath: (input) =>
      call('GetParametersByPath', ({ sdk, client }) =>
        collectPages(sdk.paginateGetParametersByPath({ client }, input), (page) => page.Parameters),
      ),
    putParameter: (input) => call('PutParameter', ({ sdk, client }) => client.send(new sdk.PutParameterCommand(input))),
    deleteParameters: (input) => call('DeleteParameters', ({ sdk, client }) => client.send(new sdk.DeleteParametersCommand(input))),
    listTagsForResource: (input) =>
      call('ListTagsForResource', async ({ sdk, client }) => (await client.send(new sdk.ListTagsForResourceCommand(input))).TagList ?? []),
    sendCommand: (input) => call('SendCommand', ({ sdk, client }) => client.send(new sdk.SendCommandCommand(input))),
    getCommandInvocation: (input) =>
      call('GetCommandInvocation', ({ sdk, client }) => client.send(new sdk.GetCommandInvocationCommand(input))),
  };
}
