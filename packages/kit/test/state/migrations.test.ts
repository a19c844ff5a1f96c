import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { canonicalTimestamp, migrateDocument, migrationsFrom, parseStateDocument, STATE_MIGRATIONS, STATE_SCHEMA_VERSION, type StateDocument } from '@geusemaker/kit/state';

const fixture = (file: string): string => readFileSync(fileURLToPath(new URL(`./fixtures/${file}`, import.meta.url)), 'utf8');

describe('state schema migrations', () => {
  it('form an unbroken chain from version 1 to the current version', () => {
    expect(STATE_SCHEMA_VERSION).toBe(2);
    expect(migrationsFrom(1, STATE_SCHEMA_VERSION).map((m) => `${m.from}->${m.to}`)).toEqual(['1->2']);
    expect(STATE_MIGRATIONS.every((m) => m.to === m.from + 1)).toBe(true);
    expect(() => migrationsFrom(0, STATE_SCHEMA_VERSION)).toThrow('No state migration from version 0');
  });

  it('v1 → v2 makes timestamps canonical UTC and fills a missing updatedAt, keeping everything else', () => {
    const v1 = JSON.parse(fixture('state-v1.json')) as StateDocument;
    const v2 = migrateDocument(v1, 2);
    expect(v2).toEqual({ ...v1, schemaVersion: 2, createdAt: '2025-06-01T12:30:00.000Z', updatedAt: '2025-06-01T12:30:00.000Z' });
    expect(v1.schemaVersion).toBe(1); // the input is not modified
  });

  it('v1 → v2 handles epoch milliseconds, offsets, and leaves what is not a time alone', () => {
    expect(canonicalTimestamp(Date.UTC(2025, 0, 2, 3, 4, 5))).toBe('2025-01-02T03:04:05.000Z');
    expect(canonicalTimestamp('2025-01-02T05:04:05+02:00')).toBe('2025-01-02T03:04:05.000Z');
    expect(canonicalTimestamp('not a time')).toBe('not a time');
    const v2 = migrateDocument({ schemaVersion: 1, name: 'x', createdAt: 1_700_000_000_000, updatedAt: '2023-11-14T23:13:20+01:00' }, 2);
    expect(v2).toEqual({ schemaVersion: 2, name: 'x', createdAt: '2023-11-14T22:13:20.000Z', updatedAt: '2023-11-14T22:13:20.000Z' });
  });

  it('the v1 fixture parses as a current document; a newer one is refused with exit 3', () => {
    expect(parseStateDocument(fixture('state-v1.json'), 'state-v1.json', 'legacy')).toMatchObject({ schemaVersion: 2, updatedAt: '2025-06-01T12:30:00.000Z' });
    const newer = JSON.stringify({ schemaVersion: STATE_SCHEMA_VERSION + 1, name: 'legacy' });
    expect(() => parseStateDocument(newer, 'x.json', 'legacy')).toThrow(expect.objectContaining({ code: 'STATE_TOO_NEW', exitCode: 3 }));
  });
});
