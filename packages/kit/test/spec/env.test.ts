import { specFromEnv } from '@geusemaker/kit/spec';

describe('specFromEnv', () => {
  it('maps every GM_* variable to its field, coercing lists and numbers', () => {
    const env = {
      GM_NAME: 'demo',
      GM_TIER: 'tier2',
      GM_REGION: 'eu-west-1',
      GM_INSTANCE_TYPE: 't3.large, t3a.large,,',
      GM_MARKET: 'spot',
      GM_MAX_HOURLY_PRICE: '0.25',
      GM_BUDGET: '100',
      GM_VPC_ID: 'vpc-01234567',
      GM_SUBNET_IDS: 'subnet-01234567,subnet-89abcdef',
      GM_SECURITY_GROUP_ID: 'sg-01234567',
      GM_EFS_ID: 'fs-01234567',
      GM_KEY_NAME: 'my-key',
      GM_SSH_CIDR: '203.0.113.7/32',
      GM_ALLOWED_CIDR: '198.51.100.0/24',
      GM_CIDR: '10.9.0.0/16',
      HOME: '/home/me',
    };
    expect(specFromEnv(env)).toEqual({
      values: {
        name: 'demo',
        tier: 'tier2',
        region: 'eu-west-1',
        instanceTypes: ['t3.large', 't3a.large'],
        market: 'spot',
        maxHourlyPrice: 0.25,
        budget: 100,
        vpcId: 'vpc-01234567',
        subnetIds: ['subnet-01234567', 'subnet-89abcdef'],
        securityGroupId: 'sg-01234567',
        efsId: 'fs-01234567',
        keyName: 'my-key',
        sshCidr: '203.0.113.7/32',
        allowedCidr: '198.51.100.0/24',
        cidr: '10.9.0.0/16',
      },
      variables: {
        name: 'GM_NAME',
        tier: 'GM_TIER',
        region: 'GM_REGION',
        instanceTypes: 'GM_INSTANCE_TYPE',
        market: 'GM_MARKET',
        maxHourlyPrice: 'GM_MAX_HOURLY_PRICE',
        budget: 'GM_BUDGET',
        vpcId: 'GM_VPC_ID',
        subnetIds: 'GM_SUBNET_IDS',
        securityGroupId: 'GM_SECURITY_GROUP_ID',
        efsId: 'GM_EFS_ID',
        keyName: 'GM_KEY_NAME',
        sshCidr: 'GM_SSH_CIDR',
        allowedCidr: 'GM_ALLOWED_CIDR',
        cidr: 'GM_CIDR',
      },
      issues: [],
    });
  });

  it('treats empty and blank variables as unset', () => {
    expect(specFromEnv({ GM_NAME: '', GM_REGION: '   ', GM_SPOT: '' })).toEqual({ values: {}, variables: {}, issues: [] });
  });

  it.each([
    ['true', 'spot'],
    ['1', 'spot'],
    ['YES', 'spot'],
    ['false', 'on-demand'],
    ['0', 'on-demand'],
    ['off', 'on-demand'],
  ])('GM_SPOT=%s sets market %s', (raw, market) => {
    expect(specFromEnv({ GM_SPOT: raw })).toEqual({ values: { market }, variables: { market: 'GM_SPOT' }, issues: [] });
  });

  it('GM_MARKET wins when it agrees with GM_SPOT; a disagreement is an issue', () => {
    expect(specFromEnv({ GM_SPOT: 'true', GM_MARKET: 'spot' })).toEqual({ values: { market: 'spot' }, variables: { market: 'GM_MARKET' }, issues: [] });
    expect(specFromEnv({ GM_SPOT: 'true', GM_MARKET: 'auto' }).issues).toEqual([
      { pointer: '/market', message: 'GM_SPOT=true conflicts with GM_MARKET=auto', fix: 'unset one of GM_SPOT and GM_MARKET' },
    ]);
  });

  it('a bad boolean or number names the variable', () => {
    expect(specFromEnv({ GM_SPOT: 'maybe', GM_BUDGET: 'fifty', GM_MAX_HOURLY_PRICE: '1,5' })).toEqual({
      values: {},
      variables: {},
      issues: [
        { pointer: '/maxHourlyPrice', message: "GM_MAX_HOURLY_PRICE must be a number, got '1,5'", fix: 'set GM_MAX_HOURLY_PRICE to a number of US dollars, e.g. GM_MAX_HOURLY_PRICE=0.1' },
        { pointer: '/budget', message: "GM_BUDGET must be a number, got 'fifty'", fix: 'set GM_BUDGET to a number of US dollars, e.g. GM_BUDGET=50' },
        {
          pointer: '/market',
          message: "GM_SPOT must be true or false, got 'maybe'",
          fix: 'set GM_SPOT=true (spot only) or GM_SPOT=false (on-demand), or use GM_MARKET=auto|spot|on-demand',
        },
      ],
    });
  });
});
