import type { Ec2Image } from '../../aws/index.js';
import { GmError } from '../../errors/index.js';
import type { StackOs } from '../../stack/index.js';
import type { ResourceContext } from '../types.js';
import { required } from './common.js';

export type Architecture = 'x86_64' | 'arm64';

/** The AMI to launch and the device name its root volume has (`/dev/xvda` on Amazon Linux, `/dev/sda1` on Ubuntu). */
export interface ResolvedImage {
  imageId: string;
  rootDeviceName: string;
  name: string;
}

/** Owners and name patterns of the AMIs without an SSM "latest" parameter gm can rely on. */
const IMAGE_SEARCH: Readonly<Record<Exclude<StackOs, 'al2023'>, (architecture: Architecture) => { owner: string; name: string }>> = {
  // Canonical's account.
  ubuntu2404: (architecture) => ({
    owner: '099720109477',
    name: `ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-${architecture === 'arm64' ? 'arm64' : 'amd64'}-server-*`,
  }),
  // The AWS Deep Learning AMI account; the AL2023-based base image with the NVIDIA driver (the stack's `dlami` OS).
  dlami: (architecture) => ({
    owner: '898082745236',
    name: `Deep Learning ${architecture === 'arm64' ? 'ARM64 ' : ''}Base OSS Nvidia Driver GPU AMI (Amazon Linux 2023) *`,
  }),
};

function al2023Parameter(architecture: Architecture): string {
  return `/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-${architecture}`;
}

function imageNotFound(what: string): GmError {
  return new GmError({
    code: 'AMI_NOT_FOUND',
    message: `No ${what} image was found in this region.`,
    hint: 'Pick another --os or --instance-type (architecture), or another --region.',
    exitCode: 3,
  });
}

function resolved(image: Ec2Image | undefined, what: string): ResolvedImage {
  if (image === undefined) throw imageNotFound(what);
  return { imageId: required(image.ImageId, 'an image id'), rootDeviceName: required(image.RootDeviceName, 'a root device name'), name: image.Name ?? '' };
}

/** Every Amazon Linux 2023 AMI behind AWS's public parameter has its root volume at `/dev/xvda`. */
const AL2023_ROOT_DEVICE = '/dev/xvda';

/**
 * Amazon Linux 2023: AWS's public SSM parameter names the current AMI, and its root device is known, so no
 * DescribeImages is needed (RunInstances itself rejects an AMI that does not exist).
 */
async function al2023Image(ctx: ResourceContext, architecture: Architecture): Promise<ResolvedImage> {
  const name = al2023Parameter(architecture);
  const { Parameter } = await ctx.aws.ssm.getParameter({ Name: name });
  const imageId = required(Parameter?.Value, 'the Amazon Linux 2023 AMI id');
  return { imageId, rootDeviceName: AL2023_ROOT_DEVICE, name };
}

/** The newest available image of the owner whose name matches. */
async function newestImage(ctx: ResourceContext, os: Exclude<StackOs, 'al2023'>, architecture: Architecture): Promise<ResolvedImage> {
  const { owner, name } = IMAGE_SEARCH[os](architecture);
  const images = await ctx.aws.ec2Instances.describeImages({
    Owners: [owner],
    Filters: [
      { Name: 'name', Values: [name] },
      { Name: 'architecture', Values: [architecture] },
      { Name: 'state', Values: ['available'] },
    ],
  });
  // ISO-8601 creation dates sort as strings.
  const newest = images.sort((a, b) => (b.CreationDate ?? '').localeCompare(a.CreationDate ?? ''))[0];
  return resolved(newest, `${os} (${architecture})`);
}

export function resolveImage(ctx: ResourceContext, os: StackOs, architecture: Architecture): Promise<ResolvedImage> {
  return os === 'al2023' ? al2023Image(ctx, architecture) : newestImage(ctx, os, architecture);
}
