import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { instanceSecretVars, USERDATA_PHASES } from '@geusemaker/kit/stack';
import { COMMON_FUNCTIONS } from '../../src/stack/userdata-bash.js';
import { runTool } from './helpers.js';

/**
 * Runs the shared UserData functions for real, in bash, inside a scratch directory: AWS, IMDS, mount and sleep are
 * shell functions standing in for the instance. Nothing here touches system paths.
 */

const SECRETS: Record<string, string> = {
  POSTGRES_PASSWORD: 'pg-Pa55word-9f8e7d6c5b4a',
  N8N_ENCRYPTION_KEY: 'n8nEncKey-0123456789abcdef',
  QDRANT_API_KEY: 'qdrant-key-5f4dcc3b5aa765d6',
  CRAWL4AI_API_TOKEN: 'c4ai-token-e99a18c428cb38d5',
  PROXY_PASSWORD_HASH: '$2a$14$ajq8Q7fbtFRQvXpdCq7Jcuy.Rx1h/L4J60Otx.gyNLbAYctGMJ9tK',
  PROXY_PASSWORD: 'proxy-Pa55-plain',
};

let sandbox: string;
beforeEach(() => {
  sandbox = mkdtempSync(join(tmpdir(), 'gm-userdata-'));
});
afterEach(() => {
  rmSync(sandbox, { recursive: true, force: true });
});

function prelude(): string {
  return [
    'set -Eeuo pipefail',
    `S='${sandbox}'`,
    "GM_NAME='demo' GM_OS='al2023' GM_REGION_EXPECTED='eu-west-1' GM_EFS_ID='fs-0123456789abcdef0' GM_MOUNT=\"$S/efs\"",
    "GM_SECRETS='/geusemaker/demo/stack-secrets' GM_PUBLIC_URL='' GM_ETC=\"$S/etc\" GM_STATE=\"$S/state\" GM_LOGS=\"$S/logs\"",
    'GM_ENV_FILE="$S/etc/stack.env" GM_SELF="$S/boot"',
    'GM_MODELS=() GM_DIRS=()',
    `GM_SECRET_VARS=(${instanceSecretVars().join(' ')})`,
    `GM_PHASES=(${USERDATA_PHASES.join(' ')})`,
    "GM_PHASE=start GM_REGION='' GM_STARTED=''",
    COMMON_FUNCTIONS,
    'sleep() { :; }',
    'imds() { case $1 in placement/region) echo eu-west-1 ;; public-ipv4) echo 203.0.113.10 ;; public-hostname) echo ec2-203-0-113-10.eu-west-1.compute.amazonaws.com ;; *) return 1 ;; esac; }',
    'mkdir -p "$GM_STATE/phases"',
  ].join('\n');
}

/**
 * An `aws` stand-in that answers `ssm get-parameter` for the secrets parameter with these KEY=value lines, as the
 * CLI's text output of Parameter.Value does, and fails for any other call (a wrong name, another API).
 */
function fakeAws(values: Record<string, string>): string {
  const lines = Object.entries(values).map(([key, value]) => `${key}=${value}`);
  return [
    'aws() {',
    '  [[ "$*" == "ssm get-parameter --region eu-west-1 --name /geusemaker/demo/stack-secrets --with-decryption --query Parameter.Value --output text" ]] || return 254',
    `  printf '%s\\n' ${lines.map((line) => `'${line.replaceAll("'", "'\\''")}'`).join(' ')}`,
    '}',
  ].join('\n');
}

function run(body: string): { status: number | null; output: string } {
  const result = runTool('bash', [], `${prelude()}\n${body}\n`);
  return { status: result.status, output: result.stdout + result.stderr };
}

describe('write_env', () => {
  it('writes exactly the instance secrets, single-quoted, mode 0600, and logs none of them', () => {
    const result = run(`${fakeAws({ ...SECRETS, UNRELATED_THING: 'not-for-the-stack' })}\nfind_region\nwrite_env`);
    expect(result.status).toBe(0);
    const envFile = join(sandbox, 'etc', 'stack.env');
    expect(readFileSync(envFile, 'utf8')).toBe(
      [
        "POSTGRES_PASSWORD='pg-Pa55word-9f8e7d6c5b4a'",
        "N8N_ENCRYPTION_KEY='n8nEncKey-0123456789abcdef'",
        "QDRANT_API_KEY='qdrant-key-5f4dcc3b5aa765d6'",
        "CRAWL4AI_API_TOKEN='c4ai-token-e99a18c428cb38d5'",
        "PROXY_PASSWORD_HASH='$2a$14$ajq8Q7fbtFRQvXpdCq7Jcuy.Rx1h/L4J60Otx.gyNLbAYctGMJ9tK'",
        "GM_PUBLIC_IP='203.0.113.10'",
        "GM_PUBLIC_HOST='ec2-203-0-113-10.eu-west-1.compute.amazonaws.com'",
        "GM_PUBLIC_URL='https://ec2-203-0-113-10.eu-west-1.compute.amazonaws.com/'",
        '',
      ].join('\n'),
    );
    expect(statSync(envFile).mode & 0o777).toBe(0o600);
    expect(statSync(join(sandbox, 'etc')).mode & 0o777).toBe(0o700);
    for (const value of Object.values(SECRETS)) expect(result.output).not.toContain(value);
    expect(result.output).toContain('stack.env: 5 secrets (values not logged), public address 203.0.113.10');
  });

  it('fails, naming the missing parameter, and leaves no env file behind', () => {
    const { QDRANT_API_KEY: _omitted, ...rest } = SECRETS;
    const result = run(`${fakeAws(rest)}\nfind_region\nwrite_env`);
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('QDRANT_API_KEY is missing from /geusemaker/demo/stack-secrets');
    expect(readdirSync(join(sandbox, 'etc'))).toEqual([]);
  });

  it('refuses a value that would break out of its quotes', () => {
    const result = run(`${fakeAws({ ...SECRETS, POSTGRES_PASSWORD: "it's" })}\nfind_region\nwrite_env`);
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('POSTGRES_PASSWORD in /geusemaker/demo/stack-secrets contains a quote; refusing it');
    expect(readdirSync(join(sandbox, 'etc'))).toEqual([]);
  });

  it('uses the configured public URL when there is one', () => {
    const result = run(`${fakeAws(SECRETS)}\nGM_PUBLIC_URL='https://ai.example.com/'\nfind_region\nwrite_env`);
    expect(result.status).toBe(0);
    expect(readFileSync(join(sandbox, 'etc', 'stack.env'), 'utf8')).toContain("GM_PUBLIC_URL='https://ai.example.com/'\n");
  });
});

describe('phases and markers', () => {
  it('writes a progress file per phase and a completion marker with every timestamp', () => {
    const phases = USERDATA_PHASES.map((phase) => `phase ${phase} true`).join('\n');
    const result = run(`GM_STARTED=$(now)\nfind_region\n${phases}\nwrite_marker`);
    expect(result.status).toBe(0);
    const marker = JSON.parse(readFileSync(join(sandbox, 'state', 'complete.json'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(marker)).toEqual(['deployment', 'os', 'region', 'startedAt', 'completedAt', 'phases']);
    expect([marker.deployment, marker.os, marker.region]).toEqual(['demo', 'al2023', 'eu-west-1']);
    const stamps = marker.phases as Record<string, string>;
    expect(Object.keys(stamps)).toEqual([...USERDATA_PHASES]);
    for (const stamp of Object.values(stamps)) expect(stamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(readdirSync(join(sandbox, 'state', 'phases')).sort()).toEqual([...USERDATA_PHASES].sort());
  });

  it('records the failing phase in failed.json and stops', () => {
    const result = run(`trap 'on_error $LINENO' ERR\nphase packages true\nphase docker false\nphase efs-mount true`);
    expect(result.status).toBe(1);
    const failed = JSON.parse(readFileSync(join(sandbox, 'state', 'failed.json'), 'utf8')) as Record<string, unknown>;
    expect([failed.deployment, failed.phase, failed.exitCode]).toEqual(['demo', 'docker', 1]);
    expect(readdirSync(join(sandbox, 'state', 'phases'))).toEqual(['packages']);
    expect(result.output).toContain('FAILED in phase docker');
  });
});

describe('retries', () => {
  it('retries until the command succeeds', () => {
    const result = run('calls=0\nflaky() { calls=$((calls + 1)); ((calls >= 3)); }\nretry 5 1 flaky\necho "calls=$calls"');
    expect(result.status).toBe(0);
    expect(result.output).toContain('calls=3');
    expect(result.output).toContain('try 2/5 of flaky failed; again in 1s');
  });

  it('gives up on EFS after 30 tries without touching fstab', () => {
    const result = run('mountpoint() { return 1; }\nmount() { return 32; }\nefs_entry() { echo "fs-0123456789abcdef0:/ efs tls,iam"; }\nmount_efs');
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('EFS mount try 29 failed (mount target not ready yet?); again in 30s');
    expect(result.output).toContain('EFS fs-0123456789abcdef0 did not answer after 30 tries');
  });
});
