import type { Vpc } from '../../aws/index.js';
import type { Created, ResourceContext, ResourceKind } from '../types.js';
import { observedIn, pollUntil } from '../wait.js';
import { adoptFirst, ignoreNotFound, requireId, stepFilters, tagsAtCreation, unlessNotFound, whileNotVisible } from './common.js';

/** A type alias (not an interface) so it stays assignable to the engine's `Record<string, unknown>` inputs. */
export type VpcInput = { cidr: string };

function vpcCreated(vpc: Vpc | undefined): Created {
  const vpcId = requireId(vpc?.VpcId, 'a VPC id');
  return { ref: { kind: 'vpc', id: vpcId }, outputs: { vpcId, cidr: vpc?.CidrBlock ?? '' } };
}

async function enableDnsHostnames(ctx: ResourceContext, vpcId: string): Promise<void> {
  await whileNotVisible(ctx, `VPC ${vpcId} to be visible`, () => ctx.aws.ec2.modifyVpcAttribute({ VpcId: vpcId, EnableDnsHostnames: { Value: true } }));
}

async function describeVpc(ctx: ResourceContext, vpcId: string): Promise<Vpc | undefined> {
  return (await unlessNotFound(() => ctx.aws.ec2.listVpcs({ VpcIds: [vpcId] })))?.[0];
}

/** The deployment's VPC, with DNS support and hostnames on (EFS mounts by DNS name, SSM needs resolution). */
export const vpcKind: ResourceKind<VpcInput> = {
  kind: 'vpc',
  // CreateTags: AWS authorizes tag-on-create (TagSpecifications) as ec2:CreateTags, though no such call is made.
  iamActions: ['ec2:CreateVpc', 'ec2:CreateTags', 'ec2:ModifyVpcAttribute', 'ec2:DescribeVpcs', 'ec2:DeleteVpc'],

  async create(ctx, input, meta) {
    // CreateVpc has no ClientToken: a crash before the journal's `created` entry is recovered by findByTag.
    const { Vpc } = await ctx.aws.ec2.createVpc({ CidrBlock: input.cidr, TagSpecifications: tagsAtCreation(ctx, 'vpc', meta.stepId) });
    return { ...vpcCreated(Vpc), observed: { state: Vpc?.State ?? 'pending' } };
  },

  async configure(ctx, _input, created) {
    // A VPC this process just created has DNS support on (EC2's default for a new VPC): only hostnames need a call.
    // One resumed or adopted from an earlier run may have been changed since, so both are set again, support first:
    // EC2 takes one attribute per call, and enables hostnames only while DNS support is on.
    const { ref } = created;
    if (created.observed === undefined) {
      await whileNotVisible(ctx, `VPC ${ref.id} to be visible`, () => ctx.aws.ec2.modifyVpcAttribute({ VpcId: ref.id, EnableDnsSupport: { Value: true } }));
    }
    await enableDnsHostnames(ctx, ref.id);
    return {};
  },

  async waitReady(ctx, created) {
    // CreateVpc may already have answered `available`; otherwise (and on resume) poll. A NotFound here is the id not
    // yet visible (eventual consistency), so it is polled like `pending`.
    if (observedIn(created, 'available')) return {};
    return pollUntil(ctx, `VPC ${created.ref.id} to become available`, async () =>
      (await describeVpc(ctx, created.ref.id))?.State === 'available' ? {} : undefined,
    );
  },

  async findByTag(ctx, meta) {
    const vpcs = await ctx.aws.ec2.listVpcs({ Filters: stepFilters(ctx, meta.stepId) });
    const vpc = adoptFirst(ctx, vpcs, 'VPC', (found) => found.VpcId);
    return vpc === undefined ? undefined : vpcCreated(vpc);
  },

  async describe(ctx, id) {
    const vpc = await describeVpc(ctx, id);
    return vpc === undefined ? undefined : vpcCreated(vpc);
  },

  async exists(ctx, ref) {
    return (await describeVpc(ctx, ref.id)) !== undefined;
  },

  // Subnets, IGW, route tables and security groups go first (teardown order); AWS answers DependencyViolation
  // otherwise, which the engine retries.
  delete: (ctx, ref) => ignoreNotFound(() => ctx.aws.ec2.deleteVpc({ VpcId: ref.id })),
};
