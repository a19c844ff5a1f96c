import type { AwsContext } from '../aws/index.js';
import type { StateStore } from '../state/index.js';
import { check, type Check } from './checks.js';

/** Statuses that leave nothing behind: the name may be used again. */
const FINISHED = new Set(['rolled-back', 'destroyed']);

async function taggedResources(aws: AwsContext, name: string): Promise<string[]> {
  const filter = [{ Name: 'tag:gm:deployment', Values: [name] }];
  const [vpcs, instances] = await Promise.all([
    aws.ec2.describeVpcs({ Filters: filter }),
    aws.ec2Instances.describeInstances({ Filters: [...filter, { Name: 'instance-state-name', Values: ['pending', 'running', 'stopping', 'stopped'] }] }),
  ]);
  return [...(vpcs.Vpcs ?? []).map((vpc) => vpc.VpcId ?? 'vpc'), ...instances.map((instance) => instance.InstanceId ?? 'instance')];
}

/** The name is free: no live deployment in local state, and no VPC or instance in the region tagged with it. */
export async function checkNameUnused(aws: AwsContext | undefined, store: StateStore, name: string): Promise<Check> {
  const title = 'Name unused';
  const local = await store.read(name);
  if (local !== undefined && !FINISHED.has(String(local.status))) {
    return check('name', title, 'fail', `"${name}" is already deployed (local state, status ${String(local.status)})`, {
      remediation: `Pick another --name, or \`gm destroy ${name}\` first (\`gm resume ${name}\` if it was interrupted).`,
    });
  }
  if (aws === undefined) return check('name', title, 'pass', 'not in local state (tags not checked: no AWS access)');
  const tagged = await taggedResources(aws, name);
  if (tagged.length > 0) {
    return check('name', title, 'fail', `resources tagged gm:deployment=${name} exist in ${aws.region}: ${tagged.join(', ')}`, {
      remediation: `Pick another --name, or remove them: \`gm cleanup --region ${aws.region} --deployment ${name}\` (or \`gm state adopt\`).`,
    });
  }
  return check('name', title, 'pass', `not in local state, nothing tagged with it in ${aws.region}`);
}
