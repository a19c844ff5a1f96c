import { checkIpv4Cidr } from '@geusemaker/kit/spec';

describe('checkIpv4Cidr', () => {
  it.each([
    ['0.0.0.0/0', 0, 0],
    ['10.42.0.0/16', 0x0a2a0000, 16],
    ['203.0.113.7/32', 0xcb007107, 32],
    ['255.255.255.255/32', 0xffffffff, 32],
    ['192.168.128.0/17', 0xc0a88000, 17],
  ])('accepts %s', (text, address, prefix) => {
    expect(checkIpv4Cidr(text)).toEqual({ ok: true, cidr: { address, prefix } });
  });

  it.each([
    ['10.0.0.1/16', "'10.0.0.1/16' is not a network address: host bits are set below /16", 'use 10.0.0.0/16'],
    ['192.168.1.77/24', "'192.168.1.77/24' is not a network address: host bits are set below /24", 'use 192.168.1.0/24'],
    ['10.255.255.255/9', "'10.255.255.255/9' is not a network address: host bits are set below /9", 'use 10.128.0.0/9'],
    ['1.2.3.4/0', "'1.2.3.4/0' is not a network address: host bits are set below /0", 'use 0.0.0.0/0'],
    ['256.0.0.0/8', "'256.0.0.0/8' has the octet 256; each of the four numbers must be 0-255", 'write it as a.b.c.d/n with octets 0-255 and a prefix 0-32'],
    ['10.0.0.0/33', "'10.0.0.0/33' has the prefix /33; an IPv4 prefix must be 0-32", 'write it as a.b.c.d/n with octets 0-255 and a prefix 0-32'],
    ['010.0.0.0/8', "'010.0.0.0/8' has the octet '010' with a leading zero", 'write it as a.b.c.d/n with octets 0-255 and a prefix 0-32'],
    ['203.0.113.7', "'203.0.113.7' is an address without a prefix", 'use 203.0.113.7/32 for this one address'],
    ['10.0.0/16', "'10.0.0/16' is not an IPv4 CIDR", 'write it as a.b.c.d/n, e.g. 203.0.113.7/32 or 10.0.0.0/16'],
    ['::/0', "'::/0' is not an IPv4 CIDR", 'write it as a.b.c.d/n, e.g. 203.0.113.7/32 or 10.0.0.0/16'],
    [' 10.0.0.0/16', "' 10.0.0.0/16' is not an IPv4 CIDR", 'write it as a.b.c.d/n, e.g. 203.0.113.7/32 or 10.0.0.0/16'],
  ])('rejects %s', (text, problem, fix) => {
    expect(checkIpv4Cidr(text)).toEqual({ ok: false, problem, fix });
  });
});
