import type * as Ec2Sdk from '@aws-sdk/client-ec2';
import type {
  Address,
  AssociateAddressCommandInput,
  AssociateAddressCommandOutput,
  CancelSpotInstanceRequestsCommandInput,
  CancelSpotInstanceRequestsCommandOutput,
  DescribeAddressesCommandInput,
  DescribeImagesCommandInput,
  DescribeInstanceAttributeCommandInput,
  DescribeInstanceAttributeCommandOutput,
  DescribeInstancesCommandInput,
  DescribeVolumesCommandInput,
  Image,
  Instance,
  RunInstancesCommandInput,
  RunInstancesCommandOutput,
  TerminateInstancesCommandInput,
  TerminateInstancesCommandOutput,
  Volume,
} from '@aws-sdk/client-ec2';
import type { Ec2Handle } from './ec2.js';
import { callAws, type LoadedClient } from './lazy-client.js';
import { collectPages } from './paginate.js';

// Only names ec2.ts does not export, so `aws/index.ts` can re-export both modules without ambiguity.
export type {
  Image as Ec2Image,
  Instance as Ec2Instance,
  RunInstancesCommandInput,
  Volume as Ec2Volume,
} from '@aws-sdk/client-ec2';

/**
 * The EC2 operations on instances, images and Elastic IP association. It shares the EC2 client of `Ec2Api` (one
 * client per context), whose retry strategy never retries capacity errors: see capacity-retry.ts.
 */
export interface Ec2InstancesApi {
  runInstances(input: RunInstancesCommandInput): Promise<RunInstancesCommandOutput>;
  /** Every instance of every reservation on every page. */
  describeInstances(input?: DescribeInstancesCommandInput): Promise<Instance[]>;
  describeInstanceAttribute(input: DescribeInstanceAttributeCommandInput): Promise<DescribeInstanceAttributeCommandOutput>;
  terminateInstances(input: TerminateInstancesCommandInput): Promise<TerminateInstancesCommandOutput>;
  cancelSpotInstanceRequests(input: CancelSpotInstanceRequestsCommandInput): Promise<CancelSpotInstanceRequestsCommandOutput>;
  describeImages(input: DescribeImagesCommandInput): Promise<Image[]>;
  describeVolumes(input?: DescribeVolumesCommandInput): Promise<Volume[]>;
  /** Named `describeElasticIps` so it never clashes with the network API's `describeAddresses`. */
  describeElasticIps(input: DescribeAddressesCommandInput): Promise<Address[]>;
  associateAddress(input: AssociateAddressCommandInput): Promise<AssociateAddressCommandOutput>;
}

type Ec2 = LoadedClient<typeof Ec2Sdk, Ec2Sdk.EC2Client>;

// No page size on these paginators: EC2 rejects MaxResults together with explicit ids (InstanceIds, ImageIds …).
/**
 * `createHandle` serves RunInstances: a client that does not retry a lost answer (context.ts). AWS honours the
 * ClientToken, but the emulator does not; the engine looks for the instance by tag instead.
 */
export function createEc2InstancesApi(handle: Ec2Handle, createHandle: Ec2Handle = handle): Ec2InstancesApi {
  const call = <T>(operation: string, run: (ec2: Ec2) => Promise<T>): Promise<T> =>
    callAws(`EC2 ${operation}`, async () => run(await handle.load()));
  return {
    runInstances: (input) =>
      callAws('EC2 RunInstances', async () => {
        const { sdk, client } = await createHandle.load();
        return client.send(new sdk.RunInstancesCommand(input));
      }),
    describeInstances: (input = {}) =>
      call('DescribeInstances', ({ sdk, client }) =>
        collectPages(sdk.paginateDescribeInstances({ client }, input), (page) => page.Reservations?.flatMap((r) => r.Instances ?? [])),
      ),
    describeInstanceAttribute: (input) =>
      call('DescribeInstanceAttribute', ({ sdk, client }) => client.send(new sdk.DescribeInstanceAttributeCommand(input))),
    terminateInstances: (input) => call('TerminateInstances', ({ sdk, client }) => client.send(new sdk.TerminateInstancesCommand(input))),
    cancelSpotInstanceRequests: (input) =>
      call('CancelSpotInstanceRequests', ({ sdk, client }) => client.send(new sdk.CancelSpotInstanceRequestsCommand(input))),
    describeImages: (input) =>
      call('DescribeImages', ({ sdk, client }) => collectPages(sdk.paginateDescribeImages({ client }, input), (page) => page.Images)),
    describeVolumes: (input = {}) =>
      call('DescribeVolumes', ({ sdk, client }) => collectPages(sdk.paginateDescribeVolumes({ client }, input), (page) => page.Volumes)),
    describeElasticIps: (input) =>
      call('DescribeAddresses', async ({ sdk, client }) => (await client.send(new sdk.DescribeAddressesCommand(input))).Addresses ?? []),
    associateAddress: (input) => call('AssociateAddress', ({ sdk, client }) => client.send(new sdk.AssociateAddressCommand(input))),
  };
}
