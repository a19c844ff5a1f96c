import type * as Ec2Sdk from '@aws-sdk/client-ec2';
import type {
  DescribeInstanceStatusCommandInput,
  DescribeInstanceTypesCommandInput,
  InstanceStatus,
  InstanceTypeInfo,
} from '@aws-sdk/client-ec2';
import type { Ec2Handle } from './ec2.js';
import { callAws, type LoadedClient } from './lazy-client.js';
import { collectPages } from './paginate.js';

export type { InstanceStatus as Ec2InstanceStatus, InstanceTypeInfo as Ec2InstanceTypeInfo } from '@aws-sdk/client-ec2';

/** The read-only EC2 calls of preflight and validation (shares the context's EC2 client). */
export interface Ec2HealthApi {
  /** Shape of instance types (vCPUs, architectures, GPUs), every page. */
  describeInstanceTypes(input: DescribeInstanceTypesCommandInput): Promise<InstanceTypeInfo[]>;
  /** Instance and system status checks, every page. */
  describeInstanceStatus(input: DescribeInstanceStatusCommandInput): Promise<InstanceStatus[]>;
}

type Ec2 = LoadedClient<typeof Ec2Sdk, Ec2Sdk.EC2Client>;

export function createEc2HealthApi(handle: Ec2Handle): Ec2HealthApi {
  const call = <T>(operation: string, run: (ec2: Ec2) => Promise<T>): Promise<T> => callAws(`EC2 ${operation}`, async () => run(await handle.load()));
  return {
    describeInstanceTypes: (input) =>
      call('DescribeInstanceTypes', ({ sdk, client }) => collectPages(sdk.paginateDescribeInstanceTypes({ client }, input), (page) => page.InstanceTypes)),
    describeInstanceStatus: (input) =>
      call('DescribeInstanceStatus', ({ sdk, client }) =>
        collectPages(sdk.paginateDescribeInstanceStatus({ client }, input), (page) => page.InstanceStatuses),
      ),
  };
}
