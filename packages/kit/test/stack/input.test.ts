import { ConfigError } from '@geusemaker/kit/errors';
import { createStackInput, renderCompose, renderProxyConfig, renderUserData, stackInputIssues } from '@geusemaker/kit/stack';
import type { StackInput } from '@geusemaker/kit/stack';
import { sampleInput } from './helpers.js';

describe('createStackInput', () => {
  it('fills tier1 defaults', () => {
    expect(createStackInput({ name: 'demo', tier: 'tier1', region: 'eu-west-1', efsFileSystemId: 'fs-0123456789abcdef0' })).toEqual({
      name: 'demo',
      tier: 'tier1',
      region: 'eu-west-1',
      efsMountPoint: '/mnt/efs',
      efsFileSystemId: 'fs-0123456789abcdef0',
      ssmParameterPrefix: '/geusemaker/demo/',
      models: [],
      images: {},
      os: 'al2023',
      gpu: false,
      tlsMode: 'internal',
    });
  });

  it('puts tier2 behind the ALB and tier3 on the GPU AMI', () => {
    const tier2 = createStackInput({ name: 'demo', tier: 'tier2', region: 'us-east-1', efsFileSystemId: 'fs-01234567' });
    expect([tier2.os, tier2.gpu, tier2.tlsMode]).toEqual(['al2023', false, 'behind-alb']);
    const tier3 = createStackInput({ name: 'demo', tier: 'tier3', region: 'us-east-1', efsFileSystemId: 'fs-01234567', publicUrl: 'https://ai.example.com/' });
    expect([tier3.os, tier3.gpu, tier3.tlsMode, tier3.publicUrl]).toEqual(['dlami', true, 'behind-alb', 'https://ai.example.com/']);
  });
});

describe('stack input validation', () => {
  it('accepts the sample', () => {
    expect(stackInputIssues(sampleInput())).toEqual([]);
  });

  it('names every field that could smuggle shell into UserData', () => {
    const bad: StackInput = {
      ...sampleInput(),
      name: "demo';reboot;'",
      efsFileSystemId: 'fs-$(id)',
      models: ['llama3.2:3b', 'x; rm -rf /'],
      images: { n8n: 'n8nio/n8n:latest', qdrant: 'qdrant/qdrant' },
      publicUrl: 'https://example.com/$(id)',
    };
    expect(stackInputIssues(bad).map((found) => found.pointer)).toEqual([
      '/name',
      '/efsFileSystemId',
      '/publicUrl',
      '/models/1',
      '/images/n8n',
      '/images/qdrant',
    ]);
  });

  it('refuses the GPU without the Deep Learning AMI', () => {
    const issues = stackInputIssues({ ...sampleInput(), gpu: true });
    expect(issues).toEqual([{ pointer: '/gpu', message: 'the GPU needs the Deep Learning AMI, not al2023', fix: 'Use os "dlami" with gpu, or turn gpu off.' }]);
  });

  it.each([
    ['renderCompose', renderCompose],
    ['renderProxyConfig', renderProxyConfig],
    ['renderUserData', renderUserData],
  ])('%s throws a ConfigError on bad input', (_label, render: (input: StackInput) => unknown) => {
    const bad = { ...sampleInput(), models: ['`reboot`'] };
    expect(() => render(bad)).toThrow(ConfigError);
    expect(() => render(bad)).toThrow('/models/0');
  });

  it('accepts a digest-pinned image and a registry with a port', () => {
    const digest = `ollama/ollama@sha256:${'a'.repeat(64)}`;
    expect(stackInputIssues({ ...sampleInput(), images: { ollama: digest, n8n: 'registry.example.com:5000/n8n:2.35.7' } })).toEqual([]);
    expect(stackInputIssues({ ...sampleInput(), images: { n8n: 'registry.example.com:5000/n8n' } }).map((found) => found.pointer)).toEqual(['/images/n8n']);
  });
});
