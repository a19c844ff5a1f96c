import { chmod, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError, ExitCode } from '@geusemaker/kit/errors';
import { LocalStateStore, resolveGmHome, STATE_SCHEMA_VERSION } from '@geusemaker/kit/state';
import type { StateDocument } from '@geusemaker/kit/state';
import { makeHome, removeHome } from './helpers.js';

function doc(name: string, extra: Record<string, unknown> = {}): StateDocument {
  return { schemaVersion: STATE_SCHEMA_VERSION, name, ...extra };
}

async function modeOf(path: string): Promise<number> {
  return (await stat(path)).mode & 0o777;
}

let home: string;
let store: LocalStateStore;
let savedUmask: number;

beforeAll(() => {
  // Permissive umask: the store must set 0600/0700 itself, not rely on the user's umask.
  savedUmask = process.umask(0o000);
});
afterAll(() => {
  process.umask(savedUmask);
});
beforeEach(async () => {
  home = join(await makeHome(), 'gm-home');
  store = new LocalStateStore(home);
});
afterEach(async () => {
  await removeHome(join(home, '..'));
});

describe('LocalStateStore documents', () => {
  it('round-trips a document and lists deployments sorted', async () => {
    expect(await store.list()).toEqual([]);
    expect(await store.read('alpha')).toBeUndefined();
    await store.write('beta', doc('beta', { tier: 'tier1', resources: [{ id: 'vpc-1' }] }));
    await store.write('alpha', doc('alpha'));
    await store.write('beta', doc('beta', { tier: 'tier2' }));
    expect(await store.read('beta')).toEqual(doc('beta', { tier: 'tier2' }));
    expect(await store.list()).toEqual(['alpha', 'beta']);
    const onDisk = JSON.parse(await readFile(join(home, 'deployments', 'beta', 'state.json'), 'utf8')) as unknown;
    expect(onDisk).toEqual(doc('beta', { tier: 'tier2' }));
  });

  it('of concurrent writes, the last call wins', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, v) => store.write('race', doc('race', { v }))));
    expect(await store.read('race')).toEqual(doc('race', { v: 19 }));
  });

  it('lists a deployment that has only a journal, and ignores stray or lock-only directories', async () => {
    await store.appendJournal('journal-only', { step: 'vpc', phase: 'intent' });
    const lock = await store.lock('lock-only', 'deploy');
    await mkdir(join(home, 'deployments', 'Not_A_Name'), { recursive: true });
    await writeFile(join(home, 'deployments', 'Not_A_Name', 'state.json'), '{}');
    expect(await store.list()).toEqual(['journal-only']);
    await lock.release();
  });

  it('creates files 0600 and directories 0700 regardless of umask', async () => {
    await store.write('secure', doc('secure'));
    await store.appendJournal('secure', { step: 'vpc' });
    const lock = await store.lock('secure', 'deploy');
    const dir = join(home, 'deployments', 'secure');
    for (const path of [home, join(home, 'deployments'), dir]) expect(await modeOf(path)).toBe(0o700);
    for (const file of ['state.json', 'journal.jsonl', 'lock.json']) expect(await modeOf(join(dir, file))).toBe(0o600);
    await lock.release();
    const archived = await store.archive('secure');
    expect(await modeOf(join(home, 'archive'))).toBe(0o700);
    expect(await modeOf(join(archived, 'state.json'))).toBe(0o600);
  });

  it('rewrites a file that had loose permissions as 0600', async () => {
    await store.write('loose', doc('loose'));
    const path = join(home, 'deployments', 'loose', 'state.json');
    await chmod(path, 0o644);
    await store.write('loose', doc('loose', { v: 2 }));
    expect(await modeOf(path)).toBe(0o600);
  });

  it('archives: moves state and journal (not the lock) aside with a timestamp', async () => {
    await store.write('gone', doc('gone', { v: 1 }));
    await store.appendJournal('gone', { step: 'vpc', phase: 'created', id: 'vpc-1' });
    const lock = await store.lock('gone', 'destroy');
    const archived = await store.archive('gone');
    await lock.release(); // harmless: the lock went with the deployment
    expect(archived).toMatch(/[/\\]archive[/\\]gone-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z$/);
    expect((await readdir(archived)).sort()).toEqual(['journal.jsonl', 'state.json']);
    expect(JSON.parse(await readFile(join(archived, 'state.json'), 'utf8'))).toEqual(doc('gone', { v: 1 }));
    expect(await store.list()).toEqual([]);
    expect(await store.read('gone')).toBeUndefined();
    await store.write('gone', doc('gone', { v: 2 }));
    const second = await store.archive('gone');
    expect(second).not.toBe(archived);
    expect((await readdir(join(home, 'archive'))).length).toBe(2);
    await expect(store.archive('gone')).rejects.toMatchObject({ code: 'STATE_NOT_FOUND' });
  });

  it('removes a deployment entirely and reports whether there was one', async () => {
    await store.write('temp', doc('temp'));
    await store.appendJournal('temp', { step: 'x' });
    expect(await store.remove('temp')).toBe(true);
    expect(await store.remove('temp')).toBe(false);
    expect(await store.list()).toEqual([]);
    await expect(stat(join(home, 'deployments', 'temp'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses to write a document for another name or schema version', async () => {
    await expect(store.write('one', doc('two'))).rejects.toMatchObject({ code: 'STATE_INVALID_DOCUMENT' });
    await expect(store.write('one', { schemaVersion: 99, name: 'one' })).rejects.toMatchObject({ code: 'STATE_INVALID_DOCUMENT' });
    expect(await store.list()).toEqual([]);
  });
});

describe('LocalStateStore names and home', () => {
  it.each(['', 'A', '1abc', '-abc', 'a_b', 'a'.repeat(29), '../etc', 'a/b', '..', 'a.b'])('rejects %j before touching disk', async (name) => {
    const attempt = store.write(name, doc(name));
    await expect(attempt).rejects.toBeInstanceOf(ConfigError);
    await expect(attempt).rejects.toMatchObject({ code: 'STATE_INVALID_NAME', exitCode: ExitCode.invalidConfig });
    await expect(store.read(name)).rejects.toMatchObject({ code: 'STATE_INVALID_NAME' });
    await expect(store.lock(name, 'deploy')).rejects.toMatchObject({ code: 'STATE_INVALID_NAME' });
    await expect(stat(home)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it.each(['a', 'a'.repeat(28), 'my-stack-2', 'x-'])('accepts %j', async (name) => {
    await store.write(name, doc(name));
    expect(await store.list()).toEqual([name]);
  });

  it('resolves GM_HOME, falling back to ~/.geusemaker', () => {
    expect(resolveGmHome({ GM_HOME: '/srv/gm' }, '/home/u')).toBe('/srv/gm');
    expect(resolveGmHome({ GM_HOME: '~/gm' }, '/home/u')).toBe('/home/u/gm');
    expect(resolveGmHome({}, '/home/u')).toBe('/home/u/.geusemaker');
    expect(resolveGmHome({ GM_HOME: '  ' }, '/home/u')).toBe('/home/u/.geusemaker');
    expect(resolveGmHome({ GM_HOME: 'rel/dir' }, '/home/u')).toBe(join(process.cwd(), 'rel/dir'));
  });
});

describe('LocalStateStore refuses what it cannot trust', () => {
  async function plant(name: string, text: string): Promise<string> {
    const dir = join(home, 'deployments', name);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'state.json'), text);
    return join(dir, 'state.json');
  }

  it('a newer schemaVersion is a ConfigError (exit 3) saying a newer gm wrote it, and the file is kept', async () => {
    const text = JSON.stringify({ schemaVersion: STATE_SCHEMA_VERSION + 1, name: 'future' });
    const path = await plant('future', text);
    const attempt = store.read('future');
    await expect(attempt).rejects.toBeInstanceOf(ConfigError);
    await expect(attempt).rejects.toMatchObject({ code: 'STATE_TOO_NEW', exitCode: 3, message: expect.stringContaining('newer gm') });
    expect(await readFile(path, 'utf8')).toBe(text);
  });

  it.each([
    ['truncated JSON', '{"schemaVersion": 1, "name": "bad"'],
    ['an array', '[1, 2]'],
    ['a missing schemaVersion', '{"name": "bad"}'],
    ['a foreign name', '{"schemaVersion": 1, "name": "other"}'],
    ['an empty file', ''],
  ])('%s is a ConfigError naming the file, never silently replaced', async (_label, text) => {
    const path = await plant('bad', text);
    const attempt = store.read('bad');
    await expect(attempt).rejects.toBeInstanceOf(ConfigError);
    await expect(attempt).rejects.toMatchObject({ code: 'STATE_CORRUPT', exitCode: 3, message: expect.stringContaining(path) });
    expect(await readFile(path, 'utf8')).toBe(text);
  });
});
