import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError } from '@geusemaker/kit/errors';
import { LocalStateStore } from '@geusemaker/kit/state';
import { makeHome, removeHome } from './helpers.js';

let home: string;
let journalPath: string;

beforeEach(async () => {
  home = await makeHome();
  journalPath = join(home, 'deployments', 'demo', 'journal.jsonl');
});
afterEach(async () => {
  await removeHome(home);
});

describe('journal', () => {
  it('keeps every append, in order, across store instances', async () => {
    const writer = new LocalStateStore(home);
    expect(await writer.readJournal('demo')).toEqual({ entries: [], warnings: [] });
    const entries = Array.from({ length: 50 }, (_, seq) => ({ seq, step: `step-${seq % 5}`, note: 'line\nbreak "quoted"' }));
    await Promise.all(entries.map((entry) => writer.appendJournal('demo', entry))); // concurrent callers are serialized
    const reread = await new LocalStateStore(home).readJournal('demo');
    expect(reread).toEqual({ entries, warnings: [] });
    expect((await readFile(journalPath, 'utf8')).split('\n')).toHaveLength(51); // one line each + final newline
  });

  it('ignores a torn last line with a warning, and the next append cuts it off', async () => {
    const store = new LocalStateStore(home);
    await store.appendJournal('demo', { seq: 1 });
    await store.appendJournal('demo', { seq: 2 });
    await appendFile(journalPath, '{"seq":3,"step":"half-writ'); // what a crash mid-append leaves

    const torn = await store.readJournal('demo');
    expect(torn.entries).toEqual([{ seq: 1 }, { seq: 2 }]);
    expect(torn.warnings).toHaveLength(1);
    expect(torn.warnings[0]).toMatch(/torn last line/);
    expect(torn.warnings[0]).toContain(journalPath);

    await store.appendJournal('demo', { seq: 4 });
    expect(await store.readJournal('demo')).toEqual({ entries: [{ seq: 1 }, { seq: 2 }, { seq: 4 }], warnings: [] });
    expect(await readFile(journalPath, 'utf8')).toBe('{"seq":1}\n{"seq":2}\n{"seq":4}\n');
  });

  it('keeps a complete last entry that only lacks its newline', async () => {
    const store = new LocalStateStore(home);
    await store.appendJournal('demo', { seq: 1 });
    await appendFile(journalPath, '{"seq":2}');
    expect(await store.readJournal('demo')).toEqual({ entries: [{ seq: 1 }, { seq: 2 }], warnings: [] });
    await store.appendJournal('demo', { seq: 3 });
    expect(await readFile(journalPath, 'utf8')).toBe('{"seq":1}\n{"seq":2}\n{"seq":3}\n');
  });

  it('treats garbage before the last line as corruption (ConfigError naming file and line)', async () => {
    const store = new LocalStateStore(home);
    await store.appendJournal('demo', { seq: 1 });
    await writeFile(journalPath, '{"seq":1}\nnot json\n{"seq":3}\n');
    const attempt = store.readJournal('demo');
    await expect(attempt).rejects.toBeInstanceOf(ConfigError);
    await expect(attempt).rejects.toMatchObject({ code: 'STATE_JOURNAL_CORRUPT', exitCode: 3, message: expect.stringContaining(`${journalPath} is corrupt at line 2`) });
  });

  it('rejects entries that are not JSON objects', async () => {
    const store = new LocalStateStore(home);
    await expect(store.appendJournal('demo', [1, 2] as unknown as Record<string, unknown>)).rejects.toMatchObject({
      code: 'STATE_INVALID_JOURNAL_ENTRY',
    });
  });
});
