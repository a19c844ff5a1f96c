import type * as Ec2Sdk from '@aws-sdk/client-ec2';
import type {
  Address,
  AllocateAddressCommandInput,
  AllocateAddressCommandOutput,
  AssociateRouteTableCommandInput,
  AssociateRouteTableCommandOutput,
  AttachInternetGatewayCommandInput,
  AttachInternetGatewayCommandOutput,
  AuthorizeSecurityGroupIngressCommandInput,
  AuthorizeSecurityGroupIngressCommandOutput,
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
  DeleteInternetGatewayCommandInput,
  DeleteInternetGatewayCommandOutput,
  DeleteRouteTableCommandInput,
  DeleteRouteTableCommandOutput,
  DeleteSecurityGroupCommandInput,
  DeleteSecurityGroupCommandOutput,
  DeleteSubnetCommandInput,
  DeleteSubnetCommandOutput,
  DescribeAddressesCommandInput,
  DescribeInternetGatewaysCommandInput,
  DescribeRouteTablesCommandInput,
  DescribeSecurityGroupsCommandInput,
  DescribeSubnetsCommandInput,
  DescribeVpcAttributeCommandInput,
  DescribeVpcAttributeCommandOutput,
  DescribeVpcsCommandInput,
  DetachInternetGatewayCommandInput,
  DetachInternetGatewayCommandOutput,
  DisassociateAddressCommandInput,
  DisassociateAddressCommandOutput,
  DisassociateRouteTableCommandInput,
  DisassociateRouteTableCommandOutput,
  InternetGateway,
  ModifySubnetAttributeCommandInput,
  ModifySubnetAttributeCommandOutput,
  ModifyVpcAttributeCommandInput,
  ModifyVpcAttributeCommandOutput,
  ReleaseAddressCommandInput,
  ReleaseAddressCommandOutput,
  RouteTable,
  SecurityGroup,
  Subnet,
  Vpc,
} from '@aws-sdk/client-ec2';
import { callAws, type ClientHandle, type LoadedClient } from './lazy-client.js';
import { collectPages } from './paginate.js';

/**
 * The EC2 networking operations behind the network ResourceKinds (VPC, IGW, subnet, route table, security group,
 * Elastic IP). Describe* lists go through the SDK paginators and return every item of every page.
 */
export interface Ec2NetworkApi {
  /** Every VPC matching the input (paginated; `describeVpcs` answers one raw page). */
  listVpcs(input?: DescribeVpcsCommandInput): Promise<Vpc[]>;
  modifyVpcAttribute(input: ModifyVpcAttributeCommandInput): Promise<ModifyVpcAttributeCommandOutput>;
  describeVpcAttribute(input: DescribeVpcAttributeCommandInput): Promise<DescribeVpcAttributeCommandOutput>;

  createInternetGateway(input: CreateInternetGatewayCommandInput): Promise<CreateInternetGatewayCommandOutput>;
  describeInternetGateways(input?: DescribeInternetGatewaysCommandInput): Promise<InternetGateway[]>;
  attachInternetGateway(input: AttachInternetGatewayCommandInput): Promise<AttachInternetGatewayCommandOutput>;
  detachInternetGateway(input: DetachInternetGatewayCommandInput): Promise<DetachInternetGatewayCommandOutput>;
  deleteInternetGateway(input: DeleteInternetGatewayCommandInput): Promise<DeleteInternetGatewayCommandOutput>;

  createSubnet(input: CreateSubnetCommandInput): Promise<CreateSubnetCommandOutput>;
  describeSubnets(input?: DescribeSubnetsCommandInput): Promise<Subnet[]>;
  modifySubnetAttribute(input: ModifySubnetAttributeCommandInput): Promise<ModifySubnetAttributeCommandOutput>;
  deleteSubnet(input: DeleteSubnetCommandInput): Promise<DeleteSubnetCommandOutput>;

  createRouteTable(input: CreateRouteTableCommandInput): Promise<CreateRouteTableCommandOutput>;
  describeRouteTables(input?: DescribeRouteTablesCommandInput): Promise<RouteTable[]>;
  createRoute(input: CreateRouteCommandInput): Promise<CreateRouteCommandOutput>;
  associateRouteTable(input: AssociateRouteTableCommandInput): Promise<AssociateRouteTableCommandOutput>;
  disassociateRouteTable(input: DisassociateRouteTableCommandInput): Promise<DisassociateRouteTableCommandOutput>;
  deleteRouteTable(input: DeleteRouteTableCommandInput): Promise<DeleteRouteTableCommandOutput>;

  createSecurityGroup(input: CreateSecurityGroupCommandInput): Promise<CreateSecurityGroupCommandOutput>;
  describeSecurityGroups(input?: DescribeSecurityGroupsCommandInput): Promise<SecurityGroup[]>;
  authorizeSecurityGroupIngress(input: AuthorizeSecurityGroupIngressCommandInput): Promise<AuthorizeSecurityGroupIngressCommandOutput>;
  deleteSecurityGroup(input: DeleteSecurityGroupCommandInput): Promise<DeleteSecurityGroupCommandOutput>;

  allocateAddress(input: AllocateAddressCommandInput): Promise<AllocateAddressCommandOutput>;
  /** Not paginated by AWS: one call answers every matching address. */
  describeAddresses(input?: DescribeAddressesCommandInput): Promise<Address[]>;
  disassociateAddress(input: DisassociateAddressCommandInput): Promise<DisassociateAddressCommandOutput>;
  releaseAddress(input: ReleaseAddressCommandInput): Promise<ReleaseAddressCommandOutput>;
}

type Ec2 = LoadedClient<typeof Ec2Sdk, Ec2Sdk.EC2Client>;

/** EC2 caps MaxResults at 1000; the largest page means the fewest round trips. */
const MAX_PAGE = 1000;

/**
 * Page size for a paginated Describe*: none when the caller names ids, because some of these calls (e.g.
 * DescribeSecurityGroups with GroupIds) reject MaxResults combined with an id list.
 */
function pageSize(ids: readonly string[] | undefined): number | undefined {
  return ids !== undefined && ids.length > 0 ? undefined : MAX_PAGE;
}

/**
 * `createHandle` serves the creates that carry no idempotency token (CreateInternetGateway, CreateSubnet,
 * CreateRouteTable, CreateSecurityGroup, AllocateAddress): a client that does not retry a lost answer, since the retry
 * would create a second resource (context.ts). Everything else goes through `handle`.
 */
export function createEc2NetworkApi(
  handle: ClientHandle<typeof Ec2Sdk, Ec2Sdk.EC2Client>,
  createHandle: ClientHandle<typeof Ec2Sdk, Ec2Sdk.EC2Client> = handle,
): Ec2NetworkApi {
  const call = <T>(operation: string, run: (ec2: Ec2) => Promise<T>): Promise<T> =>
    callAws(`EC2 ${operation}`, async () => run(await handle.load()));
  const create = <T>(operation: string, run: (ec2: Ec2) => Promise<T>): Promise<T> =>
    callAws(`EC2 ${operation}`, async () => run(await createHandle.load()));
  return {
    listVpcs: (input = {}) =>
      call('DescribeVpcs', ({ sdk, client }) =>
        collectPages(sdk.paginateDescribeVpcs({ client, pageSize: pageSize(input.VpcIds) }, input), (page) => page.Vpcs),
      ),
    modifyVpcAttribute: (input) => call('ModifyVpcAttribute', ({ sdk, client }) => client.send(new sdk.ModifyVpcAttributeCommand(input))),
    describeVpcAttribute: (input) => call('DescribeVpcAttribute', ({ sdk, client }) => client.send(new sdk.DescribeVpcAttributeCommand(input))),

    createInternetGateway: (input) => create('CreateInternetGateway', ({ sdk, client }) => client.send(new sdk.CreateInternetGatewayCommand(input))),
    describeInternetGateways: (input = {}) =>
      call('DescribeInternetGateways', ({ sdk, client }) =>
        collectPages(
          sdk.paginateDescribeInternetGateways({ client, pageSize: pageSize(input.InternetGatewayIds) }, input),
          (page) => page.InternetGateways,
        ),
      ),
    attachInternetGateway: (input) => call('AttachInternetGateway', ({ sdk, client }) => client.send(new sdk.AttachInternetGatewayCommand(input))),
    detachInternetGateway: (input) => call('DetachInternetGateway', ({ sdk, client }) => client.send(new sdk.DetachInternetGatewayCommand(input))),
    deleteInternetGateway: (input) => call('DeleteInternetGateway', ({ sdk, client }) => client.send(new sdk.DeleteInternetGatewayCommand(input))),

    createSubnet: (input) => create('CreateSubnet', ({ sdk, client }) => client.send(new sdk.CreateSubnetCommand(input))),
    describeSubnets: (input = {}) =>
      call('DescribeSubnets', ({ sdk, client }) =>
        collectPages(sdk.paginateDescribeSubnets({ client, pageSize: pageSize(input.SubnetIds) }, input), (page) => page.Subnets),
      ),
    modifySubnetAttribute: (input) => call('ModifySubnetAttribute', ({ sdk, client }) => client.send(new sdk.ModifySubnetAttributeCommand(input))),
    deleteSubnet: (input) => call('DeleteSubnet', ({ sdk, client }) => client.send(new sdk.DeleteSubnetCommand(input))),

    createRouteTable: (input) => create('CreateRouteTable', ({ sdk, client }) => client.send(new sdk.CreateRouteTableCommand(input))),
    describeRouteTables: (input = {}) =>
      call('DescribeRouteTables', ({ sdk, client }) =>
        collectPages(sdk.paginateDescribeRouteTables({ client, pageSize: pageSize(input.RouteTableIds) }, input), (page) => page.RouteTables),
      ),
    createRoute: (input) => call('CreateRoute', ({ sdk, client }) => client.send(new sdk.CreateRouteCommand(input))),
    associateRouteTable: (input) => call('AssociateRouteTable', ({ sdk, client }) => client.send(new sdk.AssociateRouteTableCommand(input))),
    disassociateRouteTable: (input) =>
      call('DisassociateRouteTable', ({ sdk, client }) => client.send(new sdk.DisassociateRouteTableCommand(input))),
    deleteRouteTable: (input) => call('DeleteRouteTable', ({ sdk, client }) => client.send(new sdk.DeleteRouteTableCommand(input))),

    createSecurityGroup: (input) => create('CreateSecurityGroup', ({ sdk, client }) => client.send(new sdk.CreateSecurityGroupCommand(input))),
    describeSecurityGroups: (input = {}) =>
      call('DescribeSecurityGroups', ({ sdk, client }) =>
        collectPages(
          sdk.paginateDescribeSecurityGroups({ client, pageSize: pageSize(input.GroupIds ?? input.GroupNames) }, input),
          (page) => page.SecurityGroups,
        ),
      ),
    authorizeSecurityGroupIngress: (input) =>
      call('AuthorizeSecurityGroupIngress', ({ sdk, client }) => client.send(new sdk.AuthorizeSecurityGroupIngressCommand(input))),
    deleteSecurityGroup: (input) => call('DeleteSecurityGroup', ({ sdk, client }) => client.send(new sdk.DeleteSecurityGroupCommand(input))),

    allocateAddress: (input) => create('AllocateAddress', ({ sdk, client }) => client.send(new sdk.AllocateAddressCommand(input))),
    describeAddresses: (input = {}) =>
      call('DescribeAddresses', async ({ sdk, client }) => (await client.send(new sdk.DescribeAddressesCommand(input))).Addresses ?? []),
    disassociateAddress: (input) => call('DisassociateAddress', ({ sdk, client }) => client.send(new sdk.DisassociateAddressCommand(input))),
    releaseAddress: (input) => call('ReleaseAddress', ({ sdk, client }) => client.send(new sdk.ReleaseAddressCommand(input))),
  };
}
