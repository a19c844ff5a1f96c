import { parse } from 'yaml';
import { SPEC_FIELDS, sampleSpec, validateSpec } from '@geusemaker/kit/spec';

const COMMENTED = ['vpcId', 'subnetIds', 'securityGroupId', 'efsId', 'keyName', 'sshCidr', 'images'];

describe('sampleSpec', () => {
  const sample = sampleSpec();

  it('is YAML that validates as is', () => {
    expect(validateSpec(parse(sample))).toEqual({
      ok: true,
      spec: {
        name: 'my-ai-stack',
        tier: 'tier1',
        region: 'us-east-1',
        instanceTypes: ['t3.large', 't3a.large'],
        market: 'auto',
        maxHourlyPrice: 0.1,
        budget: 50,
        allowedCidr: '0.0.0.0/0',
        cidr: '10.42.0.0/16',
        tags: { owner: 'alice', project: 'ai-stack' },
        models: ['llama3.2:1b'],
        images: {},
      },
    });
  });

  it('shows every field, each under a comment that explains it', () => {
    const lines = sample.split('\n');
    for (const field of SPEC_FIELDS) {
      const index = lines.findIndex((line) => line.startsWith(`${field}: `) || line.startsWith(`# ${field}: `));
      expect({ field, found: index > 0 }).toEqual({ field, found: true });
      expect({ field, above: lines[index - 1]?.startsWith('# ') }).toEqual({ field, above: true });
    }
  });

  it('comments out exactly the fields that reuse resources, open SSH or override images', () => {
    const commented = sample.split('\n').flatMap((line) => /^# (\w+): /.exec(line)?.[1] ?? []).filter((word) => (SPEC_FIELDS as readonly string[]).includes(word));
    expect(commented).toEqual(COMMENTED);
  });

  it('still validates with every commented field switched on', () => {
    const uncommented = sample.replace(new RegExp(`^# (${COMMENTED.join('|')}): `, 'gm'), '$1: ');
    const result = validateSpec(parse(uncommented));
    expect(result.ok && Object.keys(result.spec)).toEqual([...SPEC_FIELDS]);
  });

  it('keeps lines within 100 characters and ends with a newline', () => {
    expect(sample.split('\n').filter((line) => line.length > 100)).toEqual([]);
    expect(sample.endsWith('\n')).toBe(true);
    expect(sample.startsWith('# GeuseMaker deployment spec.')).toBe(true);
  });
});
