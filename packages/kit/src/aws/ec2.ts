import type * as Ec2Sdk from '@aws-sdk/client-ec2';
import type {
  CreateKeyPairCommandInput,
  CreateKeyPairCommandOutput,
  CreateVpcCommandInput,
  CreateVpcCommandOutput,
  DeleteVpcCommandInput,
  DeleteVpcCommandOutput,
  DescribeAvailabilityZonesCommandInput,
  DescribeAvailabilityZonesCommandOutput,
  DescribeInstanceTypeOfferingsCommandInput,
  DescribeKeyPairsCommandInput,
  DescribeSpotPriceHistoryCommandInput,
  DescribeVpcsCommandInput,
  DescribeVpcsCommandOutput,
  GetSpotPlacementScoresCommandInput,
  InstanceTypeOffering,
  KeyPairInfo,
  SpotPlacementScore,
  SpotPrice,
} from '@aws-sdk/client-ec2';
import { createEc2NetworkApi, type Ec2NetworkApi } from './ec2-network.js';
import { callAws, type ClientHandle, type LoadedClient } from './lazy-client.js';
import { collectPages } from './paginate.js';

export type { Ec2NetworkApi } from './ec2-network.js';

export type {
  Address,
  AllocateAddressCommandInput,
  AllocateAddressCommandOutput,
  AssociateRouteTableCommandInput,
  AssociateRouteTableCommandOutput,
  AttachInternetGatewayCommandInput,
  AttachInternetGatewayCommandOutput,
  AuthorizeSecurityGroupIngressCommandInput,
  AuthorizeSecurityGroupIngressCommandOutput,
  AvailabilityZone,
  CreateInternetGatewayCommandInput,
  CreateInternetGatewayCommandOutput,
  CreateRouteCommandInput,
  CreateRouteCommandOutput,
  CreateRouteTableCommandInput,
  CreateRouteTableCommandOutput,
  CreateSecurityGroupCommandInput,
  CreateSecurityGroupCommandOutput,
  CreateSubnetCommandInput,
  CreateSubnetCommandOutput,
  CreateKeyPairCommandInput,
  CreateKeyPairCommandOutput,
  CreateVpcCommandInput,
  CreateVpcCommandOutput,
  DeleteInternetGatewayCommandInput,
  DeleteInternetGatewayCommandOutput,
  DeleteRouteTableCommandInput,
  DeleteRouteTableCommandOutput,
  DeleteSecurityGroupCommandInput,
  DeleteSecurityGroupCommandOutput,
  DeleteSubnetCommandInput,
  DeleteSubnetCommandOutput,
  DeleteVpcCommandInput,
  DeleteVpcCommandOutput,
  DescribeAddressesCommandInput,
  DescribeAvailabilityZonesCommandInput,
  DescribeAvailabilityZonesCommandOutput,
  DescribeInstanceTypeOfferingsCommandInput,
  DescribeInternetGatewaysCommandInput,
  DescribeKeyPairsCommandInput,
  DescribeRouteTablesCommandInput,
  DescribeSecurityGroupsCommandInput,
  DescribeSpotPriceHistoryCommandInput,
  DescribeSubnetsCommandInput,
  DescribeVpcAttributeCommandInput,
  DescribeVpcAttributeCommandOutput,
  DescribeVpcsCommandInput,
  DescribeVpcsCommandOutput,
  DetachInternetGatewayCommandInput,
  DetachInternetGatewayCommandOutput,
  DisassociateAddressCommandInput,
  DisassociateAddressCommandOutput,
  DisassociateRouteTableCommandInput,
  DisassociateRouteTableCommandOutput,
  Filter,
  GetSpotPlacementScoresCommandInput,
  InstanceTypeOffering,
  InternetGateway,
  InternetGatewayAttachment,
  IpPermission,
  IpRange,
  KeyPairInfo,
  ModifySubnetAttributeCommandInput,
  ModifySubnetAttributeCommandOutput,
  ModifyVpcAttributeCommandInput,
  ModifyVpcAttributeCommandOutput,
  ReleaseAddressCommandInput,
  ReleaseAddressCommandOutput,
  ResourceType as Ec2ResourceType,
  Route,
  RouteTable,
  RouteTableAssociation,
  SecurityGroup,
  SpotPlacementScore,
  SpotPrice,
  Subnet,
  Tag,
  TagSpecification,
  UserIdGroupPair,
  Vpc,
} from '@aws-sdk/client-ec2';

/** The EC2 operations gm uses. Paginated operations return every item of every page. */
export interface Ec2Api extends Ec2NetworkApi {
  createVpc(input: CreateVpcCommandInput): Promise<CreateVpcCommandOutput>;
  describeVpcs(input?: DescribeVpcsCommandInput): Promise<DescribeVpcsCommandOutput>;
  deleteVpc(input: DeleteVpcCommandInput): Promise<DeleteVpcCommandOutput>;
  describeAvailabilityZones(input?: DescribeAvailabilityZonesCommandInput): Promise<DescribeAvailabilityZonesCommandOutput>;
  describeInstanceTypeOfferings(input?: DescribeInstanceTypeOfferingsCommandInput): Promise<InstanceTypeOffering[]>;
  describeSpotPriceHistory(input: DescribeSpotPriceHistoryCommandInput): Promise<SpotPrice[]>;
  getSpotPlacementScores(input: GetSpotPlacementScoresCommandInput): Promise<SpotPlacementScore[]>;
  /** Not paginated by AWS: one call answers every matching key pair. */
  describeKeyPairs(input?: DescribeKeyPairsCommandInput): Promise<KeyPairInfo[]>;
  createKeyPair(input: CreateKeyPairCommandInput): Promise<CreateKeyPairCommandOutput>;
}

export type Ec2Handle = ClientHandle<typeof Ec2Sdk, Ec2Sdk.EC2Client>;
type Ec2 = LoadedClient<typeof Ec2Sdk, Ec2Sdk.EC2Client>;

/** EC2 caps MaxResults at 1000 for these paginated calls; the largest page means the fewest round trips. */
const MAX_PAGE = 1000;

/** `createHandle` serves CreateVpc and the network creates: a client that does not retry a lost answer (context.ts). */
export function createEc2Api(handle: Ec2Handle, createHandle: Ec2Handle = handle): Ec2Api {
  const call = <T>(operation: string, run: (ec2: Ec2) => Promise<T>): Promise<T> =>
    callAws(`EC2 ${operation}`, async () => run(await handle.load()));
  return {
    ...createEc2NetworkApi(handle, createHandle),
    createVpc: (input) =>
      callAws('EC2 CreateVpc', async () => {
        const { sdk, client } = await createHandle.load();
        return client.send(new sdk.CreateVpcCommand(input));
      }),
    describeVpcs: (input = {}) => call('DescribeVpcs', ({ sdk, client }) => client.send(new sdk.DescribeVpcsCommand(input))),
    deleteVpc: (input) => call('DeleteVpc', ({ sdk, client }) => client.send(new sdk.DeleteVpcCommand(input))),
    describeAvailabilityZones: (input = {}) =>
      call('DescribeAvailabilityZones', ({ sdk, client }) => client.send(new sdk.DescribeAvailabilityZonesCommand(input))),
    describeInstanceTypeOfferings: (input = {}) =>
      call('DescribeInstanceTypeOfferings', ({ sdk, client }) =>
        collectPages(sdk.paginateDescribeInstanceTypeOfferings({ client, pageSize: MAX_PAGE }, input), (page) => page.InstanceTypeOfferings),
      ),
    describeSpotPriceHistory: (input) =>
      call('DescribeSpotPriceHistory', ({ sdk, client }) =>
        collectPages(sdk.paginateDescribeSpotPriceHistory({ client, pageSize: MAX_PAGE }, input), (page) => page.SpotPriceHistory),
      ),
    getSpotPlacementScores: (input) =>
      call('GetSpotPlacementScores', ({ sdk, client }) =>
        collectPages(sdk.paginateGetSpotPlacementScores({ client }, input), (page) => page.SpotPlacementScores),
      ),
    describeKeyPairs: (input = {}) =>
      call('DescribeKeyPairs', async ({ sdk, client }) => (await client.send(new sdk.DescribeKeyPairsCommand(input))).KeyPairs ?? []),
    createKeyPair: (input) => call('CreateKeyPair', ({ sdk, client }) => client.send(new sdk.CreateKeyPairCommand(input))),
  };
}
