import { renderProxyConfig } from '@geusemaker/kit/stack';
import { sampleInput } from './helpers.js';

const internal = renderProxyConfig(sampleInput({ tlsMode: 'internal' }));
const behindAlb = renderProxyConfig(sampleInput({ tier: 'tier2', tlsMode: 'behind-alb' }));

/** The body of a top-level block, found by its exact opening line. */
function block(text: string, opening: string): string {
  const lines = text.split('\n');
  const start = lines.indexOf(opening === '{' ? '{' : `${opening} {`);
  if (start < 0) throw new Error(`no block ${opening}`);
  const end = lines.indexOf('}', start);
  return lines.slice(start + 1, end).join('\n');
}

describe.each([
  ['internal', internal],
  ['behind-alb', behindAlb],
])('Caddyfile (%s)', (_mode, text) => {
  it('balances its braces', () => {
    expect(text.split('{').length).toBe(text.split('}').length);
  });

  it('sends / to n8n and puts the three APIs behind basic auth, prefix stripped', () => {
    expect(block(text, '(gm_routes)')).toBe(
      [
        '\timport gm_health',
        '\thandle_path /ollama/* {',
        '\t\timport gm_auth',
        '\t\treverse_proxy ollama:11434 {',
        '\t\t\theader_up -Authorization',
        '\t\t}',
        '\t}',
        '\thandle_path /qdrant/* {',
        '\t\timport gm_auth',
        '\t\treverse_proxy qdrant:6333 {',
        '\t\t\theader_up -Authorization',
        '\t\t\theader_up api-key {$QDRANT_API_KEY}',
        '\t\t}',
        '\t}',
        '\thandle_path /crawl4ai/* {',
        '\t\timport gm_auth',
        '\t\treverse_proxy crawl4ai:11235 {',
        '\t\t\theader_up Authorization "Bearer {$CRAWL4AI_API_TOKEN}"',
        '\t\t}',
        '\t}',
        '\thandle {',
        '\t\treverse_proxy n8n:5678',
        '\t}',
      ].join('\n'),
    );
  });

  it('checks the bcrypt hash from the environment', () => {
    expect(block(text, '(gm_auth)')).toBe(['\tbasic_auth {', '\t\tgm {$PROXY_PASSWORD_HASH}', '\t}'].join('\n'));
  });

  it('answers the readiness probe with 200', () => {
    expect(block(text, '(gm_health)')).toBe(['\thandle /gm-health {', '\t\trespond "ok" 200', '\t}'].join('\n'));
  });

  it('holds no literal credential, only environment placeholders', () => {
    const placeholders = new Set(text.match(/\{\$[A-Z0-9_]+\}/g));
    expect([...placeholders].sort()).toEqual(
      ['{$VAR}', '{$CRAWL4AI_API_TOKEN}', '{$PROXY_PASSWORD_HASH}', '{$QDRANT_API_KEY}', ...(text.includes('tls internal') ? ['{$GM_PUBLIC_HOST}', '{$GM_PUBLIC_IP}'] : [])].sort(),
    );
  });
});

describe('TLS modes', () => {
  it('tier1 serves HTTPS with the internal CA and redirects HTTP', () => {
    expect(block(internal, '{')).toBe(
      ['\tadmin off', '\tauto_https disable_redirects', '\tdefault_sni {$GM_PUBLIC_IP}', '\tservers {', '\t\tprotocols h1 h2', '\t}'].join('\n'),
    );
    expect(block(internal, 'https://{$GM_PUBLIC_IP}, https://{$GM_PUBLIC_HOST}')).toBe(['\ttls internal', '\timport gm_routes'].join('\n'));
    expect(block(internal, ':80')).toBe(['\timport gm_health', '\thandle {', '\t\tredir https://{host}{uri} 308', '\t}'].join('\n'));
  });

  it('behind the ALB listens on :80 only, trusting the ALB for X-Forwarded-*', () => {
    expect(block(behindAlb, '{')).toBe(
      ['\tadmin off', '\tauto_https off', '\tservers {', '\t\ttrusted_proxies static private_ranges', '\t\tprotocols h1 h2', '\t}'].join('\n'),
    );
    expect(block(behindAlb, ':80')).toBe('\timport gm_routes');
    expect(behindAlb).not.toContain('tls ');
    expect(behindAlb).not.toContain('https://');
  });
});
