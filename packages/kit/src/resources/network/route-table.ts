import type { RouteTable } from '../../aws/index.js';
import { GmError } from '../../errors/index.js';
import type { Created, ResourceContext, ResourceKind } from '../types.js';
import { adoptFirst, ignoreNotFound, requireId, stepFilters, tagsAtCreation, tolerating, unlessNotFound, whileNotVisible } from './common.js';

export type RouteTableInput = { vpcId: string; internetGatewayId: string; subnetIds: string[] };

const ANYWHERE = '0.0.0.0/0';

function tableCreated(table: RouteTable | undefined): Created {
  const routeTableId = requireId(table?.RouteTableId, 'a route table id');
  return { ref: { kind: 'route-table', id: routeTableId }, outputs: { routeTableId } };
}

async function describeTable(ctx: ResourceContext, id: string): Promise<RouteTable | undefined> {
  return (await unlessNotFound(() => ctx.aws.ec2.describeRouteTables({ RouteTableIds: [id] })))?.[0];
}

/** The default route to the gateway. The table is only read when AWS says a 0.0.0.0/0 route already exists. */
async function routeToInternet(ctx: ResourceContext, tableId: string, gatewayId: string): Promise<void> {
  const createRoute = () => ctx.aws.ec2.createRoute({ RouteTableId: tableId, DestinationCidrBlock: ANYWHERE, GatewayId: gatewayId });
  if (await tolerating(['RouteAlreadyExists'], () => whileNotVisible(ctx, `route table ${tableId} to be visible`, createRoute))) return;
  const existing = (await describeTable(ctx, tableId))?.Routes?.find((route) => route.DestinationCidrBlock === ANYWHERE);
  if (existing?.GatewayId === gatewayId) return;
  throw new GmError({
    code: 'ROUTE_CONFLICT',
    message: `Route table ${tableId} already sends ${ANYWHERE} to ${existing?.GatewayId ?? 'another target'}, not ${gatewayId}.`,
    hint: 'Something outside gm changed the route: fix it in the VPC console, or run `gm destroy` and deploy again.',
  });
}

/**
 * Associates one subnet. On AWS "already associated" means this table or another one; only this table is success —
 * taking a subnet over from another table would silently re-route the user's traffic.
 */
async function associate(ctx: ResourceContext, tableId: string, subnetId: string): Promise<void> {
  const call = () => ctx.aws.ec2.associateRouteTable({ RouteTableId: tableId, SubnetId: subnetId });
  if (await tolerating(['Resource.AlreadyAssociated'], () => whileNotVisible(ctx, `subnet ${subnetId} to be visible`, call))) return;
  const table = await describeTable(ctx, tableId);
  if (table?.Associations?.some((association) => association.SubnetId === subnetId) === true) return;
  throw new GmError({
    code: 'SUBNET_ASSOCIATED_ELSEWHERE',
    message: `Subnet ${subnetId} is already associated with another route table, so it cannot use ${tableId}.`,
    hint: 'Disassociate it from its current route table, or choose other subnets.',
  });
}

/** The public route table: 0.0.0.0/0 → internet gateway, explicitly associated with every gm subnet. */
export const routeTableKind: ResourceKind<RouteTableInput> = {
  kind: 'route-table',
  iamActions: [
    'ec2:CreateRouteTable',
    'ec2:CreateTags',
    'ec2:CreateRoute',
    'ec2:AssociateRouteTable',
    'ec2:DescribeRouteTables',
    'ec2:DisassociateRouteTable',
    'ec2:DeleteRouteTable',
  ],

  async create(ctx, input, meta) {
    const { RouteTable } = await ctx.aws.ec2.createRouteTable({
      VpcId: input.vpcId,
      ClientToken: meta.token,
      TagSpecifications: tagsAtCreation(ctx, 'route-table', meta.stepId),
    });
    return tableCreated(RouteTable);
  },

  async configure(ctx, input, { ref }) {
    await routeToInternet(ctx, ref.id, input.internetGatewayId);
    await Promise.all(input.subnetIds.map((subnetId) => associate(ctx, ref.id, subnetId)));
    return {};
  },

  async findByTag(ctx, meta) {
    const tables = await ctx.aws.ec2.describeRouteTables({ Filters: stepFilters(ctx, meta.stepId) });
    const table = adoptFirst(ctx, tables, 'route table', (found) => found.RouteTableId);
    return table === undefined ? undefined : tableCreated(table);
  },

  async describe(ctx, id) {
    const table = await describeTable(ctx, id);
    return table === undefined ? undefined : tableCreated(table);
  },

  async exists(ctx, ref) {
    return (await describeTable(ctx, ref.id)) !== undefined;
  },

  async delete(ctx, ref) {
    // Association ids are rediscovered, not journaled: they are made in `configure`, after the ref was recorded.
    const table = await describeTable(ctx, ref.id);
    if (table === undefined) return;
    const explicit = (table.Associations ?? []).filter((association) => association.Main !== true);
    for (const { RouteTableAssociationId: associationId } of explicit) {
      if (associationId !== undefined) await ignoreNotFound(() => ctx.aws.ec2.disassociateRouteTable({ AssociationId: associationId }));
    }
    await ignoreNotFound(() => ctx.aws.ec2.deleteRouteTable({ RouteTableId: ref.id }));
  },
};
