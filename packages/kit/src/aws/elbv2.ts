import type * as Elbv2Sdk from '@aws-sdk/client-elastic-load-balancing-v2';
import type {
  CreateListenerCommandInput,
  CreateListenerCommandOutput,
  CreateLoadBalancerCommandInput,
  CreateLoadBalancerCommandOutput,
  CreateTargetGroupCommandInput,
  CreateTargetGroupCommandOutput,
  DescribeListenersCommandInput,
  DescribeLoadBalancersCommandInput,
  DescribeTargetGroupsCommandInput,
  DescribeTargetHealthCommandInput,
  Listener,
  LoadBalancer,
  TargetGroup,
  TargetHealthDescription,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { callAws, type ClientHandle, type LoadedClient } from './lazy-client.js';
import { collectPages } from './paginate.js';

export type {
  CreateListenerCommandInput,
  CreateLoadBalancerCommandInput,
  CreateTargetGroupCommandInput,
  Listener,
  LoadBalancer,
  TargetGroup,
  TargetHealthDescription,
} from '@aws-sdk/client-elastic-load-balancing-v2';

/** The Elastic Load Balancing v2 (ALB/NLB/GWLB) operations gm uses. Describe calls return every page. */
export interface Elbv2Api {
  describeLoadBalancers(input?: DescribeLoadBalancersCommandInput): Promise<LoadBalancer[]>;
  /** Needs LoadBalancerArn or ListenerArns. */
  describeListeners(input: DescribeListenersCommandInput): Promise<Listener[]>;
  describeTargetGroups(input?: DescribeTargetGroupsCommandInput): Promise<TargetGroup[]>;
  describeTargetHealth(input: DescribeTargetHealthCommandInput): Promise<TargetHealthDescription[]>;
  createLoadBalancer(input: CreateLoadBalancerCommandInput): Promise<CreateLoadBalancerCommandOutput>;
  createTargetGroup(input: CreateTargetGroupCommandInput): Promise<CreateTargetGroupCommandOutput>;
  createListener(input: CreateListenerCommandInput): Promise<CreateListenerCommandOutput>;
}

export type Elbv2Handle = ClientHandle<typeof Elbv2Sdk, Elbv2Sdk.ElasticLoadBalancingV2Client>;
type Elbv2 = LoadedClient<typeof Elbv2Sdk, Elbv2Sdk.ElasticLoadBalancingV2Client>;

export function createElbv2Api(handle: Elbv2Handle): Elbv2Api {
  const call = <T>(operation: string, run: (elbv2: Elbv2) => Promise<T>): Promise<T> =>
    callAws(`ELBv2 ${operation}`, async () => run(await handle.load()));
  return {
    describeLoadBalancers: (input = {}) =>
      call('DescribeLoadBalancers', ({ sdk, client }) =>
        collectPages(sdk.paginateDescribeLoadBalancers({ client }, input), (page) => page.LoadBalancers),
      ),
    describeListeners: (input) =>
      call('DescribeListeners', ({ sdk, client }) => collectPages(sdk.paginateDescribeListeners({ client }, input), (page) => page.Listeners)),
    describeTargetGroups: (input = {}) =>
      call('DescribeTargetGroups', ({ sdk, client }) =>
        collectPages(sdk.paginateDescribeTargetGroups({ client }, input), (page) => page.TargetGroups),
      ),
    describeTargetHealth: (input) =>
      call('DescribeTargetHealth', async ({ sdk, client }) => (await client.send(new sdk.DescribeTargetHealthCommand(input))).TargetHealthDescriptions ?? []),
    createLoadBalancer: (input) => call('CreateLoadBalancer', ({ sdk, client }) => client.send(new sdk.CreateLoadBalancerCommand(input))),
    createTargetGroup: (input) => call('CreateTargetGroup', ({ sdk, client }) => client.send(new sdk.CreateTargetGroupCommand(input))),
    createListener: (input) => call('CreateListener', ({ sdk, client }) => client.send(new sdk.CreateListenerCommand(input))),
  };
}
