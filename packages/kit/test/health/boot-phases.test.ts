import { newPhaseLines } from '@geusemaker/kit/health';

describe('newPhaseLines', () => {
  it('shows each finished phase once, in boot order, with its time when known', () => {
    const shown = new Set<string>();
    expect(newPhaseLines(shown, ['efs-mount', 'docker', 'packages'])).toEqual(['✓ packages installed', '✓ docker installed', '✓ EFS mounted']);
    expect(newPhaseLines(shown, ['efs-mount', 'docker', 'packages'])).toEqual([]);
    expect(newPhaseLines(shown, ['packages', 'secrets', 'images-pulled'], { secrets: '2026-01-01T00:00:46Z' })).toEqual(['✓ secrets read (2026-01-01T00:00:46Z)', '✓ images pulled']);
    expect(newPhaseLines(shown, ['not-a-phase'])).toEqual([]);
  });
});
