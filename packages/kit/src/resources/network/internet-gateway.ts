import type { InternetGateway } from '../../aws/index.js';
import { awsErrorName, GmError } from '../../errors/index.js';
import type { Created, ResourceContext, ResourceKind } from '../types.js';
import { adoptFirst, ignoreNotFound, requireId, stepFilters, tagsAtCreation, tolerating, unlessNotFound, whileNotVisible } from './common.js';

export type InternetGatewayInput = { vpcId: string };

function igwCreated(igw: InternetGateway | undefined): Created {
  const internetGatewayId = requireId(igw?.InternetGatewayId, 'an internet gateway id');
  return { ref: { kind: 'internet-gateway', id: internetGatewayId }, outputs: { internetGatewayId } };
}

async function describeIgw(ctx: ResourceContext, id: string): Promise<InternetGateway | undefined> {
  return (await unlessNotFound(() => ctx.aws.ec2.describeInternetGateways({ InternetGatewayIds: [id] })))?.[0];
}

function attachedVpcIds(igw: InternetGateway | undefined): string[] {
  return (igw?.Attachments ?? []).flatMap((attachment) => (attachment.VpcId === undefined ? [] : [attachment.VpcId]));
}

/** Attaches the gateway; "already attached" is success only when it is attached to this very VPC. */
async function attach(ctx: ResourceContext, igwId: string, vpcId: string): Promise<void> {
  try {
    await whileNotVisible(ctx, `internet gateway ${igwId} to be visible`, () =>
      ctx.aws.ec2.attachInternetGateway({ InternetGatewayId: igwId, VpcId: vpcId }),
    );
  } catch (error) {
    if (awsErrorName(error) !== 'Resource.AlreadyAssociated') throw error;
    const attachedTo = attachedVpcIds(await describeIgw(ctx, igwId));
    if (attachedTo.includes(vpcId)) return;
    throw new GmError({
      code: 'IGW_ATTACHED_ELSEWHERE',
      message: `Internet gateway ${igwId} is attached to ${attachedTo.join(', ') || 'another VPC'}, not ${vpcId}.`,
      hint: 'Something outside gm moved it: detach it, or run `gm destroy` and deploy again.',
      cause: error,
    });
  }
}

/** The VPC's route to the internet. Created detached; `configure` attaches it. */
export const internetGatewayKind: ResourceKind<InternetGatewayInput> = {
  kind: 'internet-gateway',
  iamActions: [
    'ec2:CreateInternetGateway',
    'ec2:CreateTags',
    'ec2:AttachInternetGateway',
    'ec2:DescribeInternetGateways',
    'ec2:DetachInternetGateway',
    'ec2:DeleteInternetGateway',
  ],

  async create(ctx, _input, meta) {
    const { InternetGateway } = await ctx.aws.ec2.createInternetGateway({ TagSpecifications: tagsAtCreation(ctx, 'internet-gateway', meta.stepId) });
    return igwCreated(InternetGateway);
  },

  async configure(ctx, input, { ref }) {
    await attach(ctx, ref.id, input.vpcId);
    return {};
  },

  async findByTag(ctx, meta) {
    const igws = await ctx.aws.ec2.describeInternetGateways({ Filters: stepFilters(ctx, meta.stepId) });
    const igw = adoptFirst(ctx, igws, 'internet gateway', (found) => found.InternetGatewayId);
    return igw === undefined ? undefined : igwCreated(igw);
  },

  async describe(ctx, id) {
    const igw = await describeIgw(ctx, id);
    return igw === undefined ? undefined : igwCreated(igw);
  },

  async exists(ctx, ref) {
    return (await describeIgw(ctx, ref.id)) !== undefined;
  },

  async delete(ctx, ref) {
    // The attached VPC is rediscovered rather than taken from the input: teardown knows only the ref.
    const igw = await describeIgw(ctx, ref.id);
    if (igw === undefined) return;
    for (const vpcId of attachedVpcIds(igw)) {
      // Gateway.NotAttached / NotFound: a concurrent or earlier detach or delete got there first.
      const detach = () => ctx.aws.ec2.detachInternetGateway({ InternetGatewayId: ref.id, VpcId: vpcId });
      await tolerating(['Gateway.NotAttached'], () => ignoreNotFound(detach));
    }
    await ignoreNotFound(() => ctx.aws.ec2.deleteInternetGateway({ InternetGatewayId: ref.id }));
  },
};
