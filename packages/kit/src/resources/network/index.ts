import type { ResourceKind } from '../types.js';
import { elasticIpKind, type ElasticIpInput } from './elastic-ip.js';
import { internetGatewayKind, type InternetGatewayInput } from './internet-gateway.js';
import { routeTableKind, type RouteTableInput } from './route-table.js';
import { securityGroupKind, type SecurityGroupInput } from './security-group.js';
import { subnetKind, type SubnetInput } from './subnet.js';
import { vpcKind, type VpcInput } from './vpc.js';

export type { ElasticIpInput } from './elastic-ip.js';
export type { InternetGatewayInput } from './internet-gateway.js';
export type { RouteTableInput } from './route-table.js';
export type { IngressRule, SecurityGroupInput } from './security-group.js';
export type { SubnetInput } from './subnet.js';
export type { VpcInput } from './vpc.js';
export { ec2SafeText } from './security-group-rules.js';

/** Each network kind's input, after the engine has resolved `$ref`s to plain values. */
export interface NetworkInputs {
  vpc: VpcInput;
  'internet-gateway': InternetGatewayInput;
  subnet: SubnetInput;
  'route-table': RouteTableInput;
  'security-group': SecurityGroupInput;
  'elastic-ip': ElasticIpInput;
}

export type NetworkKindName = keyof NetworkInputs;

/** The tier-1 network kinds, keyed by ResourceKindName, for the engine's kind registry. */
export const NETWORK_KINDS: { readonly [K in NetworkKindName]: ResourceKind<NetworkInputs[K]> } = {
  vpc: vpcKind,
  'internet-gateway': internetGatewayKind,
  subnet: subnetKind,
  'route-table': routeTableKind,
  'security-group': securityGroupKind,
  'elastic-ip': elasticIpKind,
};
