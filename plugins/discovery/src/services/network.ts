import type { InternetGateway, RouteTable, Subnet } from '@geusemaker/kit/aws';

/**
 * Pure rules about EC2 networking that the discovery tables share. "Public" means what gm needs: traffic to the
 * internet leaves through an internet gateway. gm asks for a public IP on the instance's own network interface, so a
 * subnet's MapPublicIpOnLaunch is reported beside it, not folded into it.
 */

/** The route table that governs a subnet: its explicit association, else its VPC's main table. */
export function routeTableFor(subnet: Subnet, tables: readonly RouteTable[]): RouteTable | undefined {
  const explicit = tables.find((table) => table.Associations?.some((association) => association.SubnetId === subnet.SubnetId));
  return explicit ?? tables.find((table) => table.VpcId === subnet.VpcId && table.Associations?.some((association) => association.Main === true));
}

/** The internet gateway a table's default route (0.0.0.0/0) goes to, when it is one and not a blackhole. */
export function defaultRouteIgw(table: RouteTable | undefined): string | null {
  const route = table?.Routes?.find((r) => r.DestinationCidrBlock === '0.0.0.0/0' && r.GatewayId?.startsWith('igw-') === true && r.State !== 'blackhole');
  return route?.GatewayId ?? null;
}

/** The internet gateway attached to a VPC, if any. */
export function attachedIgw(vpcId: string | undefined, gateways: readonly InternetGateway[]): string | null {
  const attached = gateways.find((igw) =>
    igw.Attachments?.some((attachment) => attachment.VpcId === vpcId && attachment.State !== 'detached' && attachment.State !== 'detaching'),
  );
  return attached?.InternetGatewayId ?? null;
}

/** Whether a subnet reaches the internet through an internet gateway (its route table's 0.0.0.0/0 → igw-…). */
export const isPublicSubnet = (subnet: Subnet, tables: readonly RouteTable[]): boolean => defaultRouteIgw(routeTableFor(subnet, tables)) !== null;
