import { gunzipSync } from 'node:zlib';
import {
  USERDATA_LIMIT_BYTES,
  USERDATA_PHASES,
  encodeUserData,
  renderCompose,
  renderProxyConfig,
  renderUserData,
  renderUserDataScript,
} from '@geusemaker/kit/stack';
import type { StackInput } from '@geusemaker/kit/stack';
import { allVariants, embeddedFile, runTool, sampleInput } from './helpers.js';

const rendered = allVariants().map(({ label, input }) => ({ label, input, result: renderUserData(input) }));

describe.each(rendered)('UserData, $label', ({ input, result }) => {
  const { script } = result;

  it('passes bash -n', () => {
    const run = runTool('bash', ['-n'], script);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('passes shellcheck', () => {
    const run = runTool('shellcheck', ['-s', 'bash', '-f', 'gcc', '-'], script);
    expect(run.stdout).toBe('');
    expect(run.status).toBe(0);
  });

  it('goes as plain text, under 16 KB', () => {
    expect(result.encoding).toBe('plain');
    expect(result.bytes).toBe(Buffer.byteLength(script));
    expect(result.bytes).toBeLessThan(USERDATA_LIMIT_BYTES);
    expect(Buffer.from(result.userDataBase64, 'base64').toString('utf8')).toBe(script);
  });

  it('embeds the compose file and Caddyfile verbatim in quoted heredocs', () => {
    expect(embeddedFile(script, '"$GM_ETC/docker-compose.yml"')).toBe(renderCompose(input));
    expect(embeddedFile(script, '"$GM_ETC/Caddyfile"')).toBe(renderProxyConfig(input));
    expect(script.match(/<<'?[A-Z_]+'?/g)).toEqual(["<<'GM_EOF'", "<<'GM_EOF'", "<<'GM_EOF'"]);
  });

  it('is strict, logs to the userdata log and records every phase in order', () => {
    expect(script.startsWith('#!/bin/bash\n')).toBe(true);
    expect(script).toContain('\nset -Eeuo pipefail\n');
    expect(script).toContain(`readonly GM_ETC='/etc/geusemaker' GM_STATE='/var/lib/geusemaker' GM_LOGS='/var/log/geusemaker'`);
    expect(script).toContain('exec > >(tee -a "$GM_LOGS/userdata.log") 2>&1');
    expect(script).toContain(`GM_PHASES=(${USERDATA_PHASES.map((phase) => `'${phase}'`).join(' ')})`);
    const calls = [...script.matchAll(/^ {2}phase ([a-z-]+) /gm)].map((match) => match[1]);
    expect(calls).toEqual([...USERDATA_PHASES]);
    expect(script).toContain('>"$GM_STATE/complete.json.tmp"');
  });

  it('mounts EFS with TLS and IAM, retrying, with a guarded fstab entry', () => {
    expect(script).toContain('mountpoint -q "$GM_MOUNT" && break');
    expect(script).toContain('if ((try >= 30)); then');
    expect(script).toContain(`printf '%s:/ efs tls,iam\\n' "$GM_EFS_ID"`);
    expect(script).toContain(`grep -qs " $GM_MOUNT " /etc/fstab ||\n    printf '%s %s %s _netdev,nofail,%s 0 0\\n'`);
    expect(script).toContain(`GM_DIRS=('n8n:1000' 'postgres:70' 'ollama:0' 'qdrant:0' 'proxy:0')`);
    expect(script).toContain('chmod 0700 "$dir"');
    expect(script).not.toMatch(/chmod\s+[0-7]*777|a\+rwx|o\+w/);
  });

  it('reads the one secrets parameter from SSM (region over IMDSv2), never tracing', () => {
    expect(script).toContain(`readonly GM_EFS_ID='fs-0123456789abcdef0' GM_MOUNT='/mnt/efs' GM_SECRETS='/geusemaker/demo/stack-secrets'`);
    expect(script).toContain('aws ssm get-parameter --region "$GM_REGION" --name "$GM_SECRETS" --with-decryption');
    expect(script).not.toContain('get-parameters-by-path');
    expect(script).toContain("-X PUT -H 'X-aws-ec2-metadata-token-ttl-seconds: 60'");
    expect(script).toContain('{ set +x; } 2>/dev/null');
    expect(script).not.toMatch(/set -[a-zA-Z]*x|xtrace/);
  });

  it('installs packages the way its OS does', () => {
    const dnf = input.os !== 'ubuntu2404';
    expect(script.includes('dnf install -y "${missing[@]}"')).toBe(dnf);
    expect(script.includes(`GM_COMPOSE_VERSION='5.4.0'`)).toBe(dnf);
    expect(script.includes('apt-get install -y -q docker.io docker-compose-v2 nfs-common')).toBe(!dnf);
    expect(script.includes('snap install aws-cli --classic')).toBe(!dnf);
  });

  it('sets up the NVIDIA runtime only for the GPU', () => {
    expect(script.includes('  ensure_gpu\n')).toBe(input.gpu);
    expect(script.includes('nvidia-ctk runtime configure --runtime=docker')).toBe(input.gpu);
  });

  it('pulls models in the background with their own log', () => {
    expect(script).toContain(`GM_MODELS=('llama3.2:3b' 'nomic-embed-text')`);
    expect(script).toContain('nohup "$GM_SELF" pull-models >>"$GM_LOGS/models.log" 2>&1 </dev/null &');
  });
});

describe('secrets never reach UserData', () => {
  const SAMPLE_SECRETS = [
    'pg-Pa55word-9f8e7d6c5b4a',
    'n8nEncKey-0123456789abcdef0123456789abcdef',
    'qdrant-key-5f4dcc3b5aa765d61d8327deb882cf99',
    'c4ai-token-e99a18c428cb38d5f260853678922e03',
    '$2a$14$ajq8Q7fbtFRQvXpdCq7Jcuy.Rx1h/L4J60Otx.gyNLbAYctGMJ9tK',
    'proxy-Pa55-plain',
  ];

  it('renders the same artifacts whatever secret-looking fields an input carries', () => {
    const tempting = {
      ...sampleInput(),
      secrets: SAMPLE_SECRETS,
      postgresPassword: SAMPLE_SECRETS[0],
      n8nEncryptionKey: SAMPLE_SECRETS[1],
      env: { QDRANT_API_KEY: SAMPLE_SECRETS[2], CRAWL4AI_API_TOKEN: SAMPLE_SECRETS[3], PROXY_PASSWORD_HASH: SAMPLE_SECRETS[4] },
    } as StackInput;
    const outputs = [renderUserDataScript(tempting), renderCompose(tempting), renderProxyConfig(tempting)];
    for (const output of outputs) {
      for (const secret of SAMPLE_SECRETS) expect(output).not.toContain(secret);
    }
    expect(outputs[0]).toBe(renderUserDataScript(sampleInput()));
  });
});

describe('size and encoding', () => {
  it('stays under 16 KB for the largest input the spec allows', () => {
    const models = Array.from({ length: 20 }, (_, index) => `hf.co/some-organisation/a-rather-long-model-name-${index}:Q4_K_M`);
    const digest = `@sha256:${'f'.repeat(64)}`;
    const images = {
      n8n: `registry.example.com:5000/mirror/n8nio/n8n:2.35.7${digest}`,
      ollama: `registry.example.com:5000/mirror/ollama/ollama:0.33.3${digest}`,
      qdrant: `registry.example.com:5000/mirror/qdrant/qdrant:v1.18.1${digest}`,
    };
    const input = sampleInput({ tier: 'tier3', os: 'dlami', gpu: true, tlsMode: 'behind-alb', models, images, publicUrl: 'https://ai.example.com/' });
    const result = renderUserData(input);
    expect(result.bytes).toBeLessThanOrEqual(USERDATA_LIMIT_BYTES);
    expect(runTool('shellcheck', ['-s', 'bash', '-'], result.script).status).toBe(0);
  });

  it('switches to gzip + MIME when the script is over the limit, and cloud-init gets it back intact', () => {
    const script = renderUserDataScript(sampleInput());
    const result = encodeUserData(script, 8_000);
    expect(result.encoding).toBe('gzip-mime');
    expect(result.bytes).toBeLessThanOrEqual(8_000);
    const unpacked = gunzipSync(Buffer.from(result.userDataBase64, 'base64')).toString('utf8');
    expect(unpacked.startsWith('Content-Type: multipart/mixed; boundary="==GEUSEMAKER-USERDATA=="\nMIME-Version: 1.0\n\n')).toBe(true);
    expect(unpacked).toContain(`Content-Type: text/x-shellscript; charset="utf-8"\nMIME-Version: 1.0\nContent-Transfer-Encoding: 8bit\nContent-Disposition: attachment; filename="geusemaker-boot.sh"\n\n${script}\n--==GEUSEMAKER-USERDATA==--\n`);
  });

  it('refuses a payload that does not fit even compressed', () => {
    const noise = Array.from({ length: 4_000 }, (_, index) => ((index * 7919) % 65_521).toString(36)).join('');
    expect(() => encodeUserData(`#!/bin/bash\n# ${noise}\n`, 1_000)).toThrow(/even gzipped; EC2 allows 1000/);
  });
});
