import { GmError } from '@geusemaker/kit/errors';
import { SERVICES } from '@geusemaker/kit/spec';
import { COMPOSE_COMMAND, INSTANCE_PATHS } from '@geusemaker/kit/stack';

/** What `gm logs --service` reads: the UserData log, or one compose service's container log. */
export const LOG_SOURCES = ['userdata', ...SERVICES] as const;
export type LogSource = (typeof LOG_SOURCES)[number];

/**
 * Bytes read per Run Command invocation. SSM keeps at most 24,000 characters of stdout; base64 of 16,000 bytes is
 * 21,336 characters, so a chunk never gets cut, whatever bytes (UTF-8 split mid-character, binary) it holds.
 */
export const LOG_CHUNK_BYTES = 16_000;

/** The file on the instance that holds a source's log (compose logs are first written here by the size script). */
export function logFileFor(source: LogSource): string {
  return source === 'userdata' ? INSTANCE_PATHS.userDataLog : `/tmp/gm-logs-${source}.txt`;
}

/*
 * The wire format, kept simple on purpose so the testkit's Run Command fixture can answer it from a text a test
 * posts (packages/testkit/src/proxy/fixtures/ssm-commands.ts). Each script's first line is a comment naming it:
 *
 *   # gm-logs size service=<source>
 *       prints `GM_SIZE <bytes>` (or `GM_MISSING` when the file does not exist). For a compose service it first
 *       writes the service's log to /tmp/gm-logs-<service>.txt, so the range reads that follow see one snapshot.
 *   # gm-logs range service=<source> offset=<O> length=<L>
 *       prints, base64-encoded on one line, the bytes [O, O+L) of the file (fewer at its end).
 */

/** The script that measures a source's log (and, for a compose service, snapshots it to a file first). */
export function sizeScript(source: LogSource): string {
  const file = logFileFor(source);
  const snapshot =
    source === 'userdata'
      ? []
      : [
          `${COMPOSE_COMMAND} ` +
            `logs --no-color --no-log-prefix ${source} > ${file}`,
        ];
  return [
    `# gm-logs size service=${source}`,
    'set -eu',
    ...snapshot,
    `if [ ! -f ${file} ]; then echo GM_MISSING; exit 0; fi`,
    `echo "GM_SIZE $(stat -c %s ${file})"`,
  ].join('\n');
}

/** The script that prints bytes [offset, offset+length) of a source's log file, base64 on one line. */
export function rangeScript(source: LogSource, offset: number, length: number): string {
  return [
    `# gm-logs range service=${source} offset=${offset} length=${length}`,
    // No pipefail: head closing the pipe early is how this works (tail then dies of SIGPIPE).
    'set -eu',
    `tail -c +${offset + 1} ${logFileFor(source)} | head -c ${length} | base64 -w0`,
  ].join('\n');
}

/** Reads what the size script printed: the size in bytes, or undefined when the file is missing. Pure. */
export function parseSize(stdout: string): number | undefined {
  const match = /^GM_SIZE (\d+)\s*$/m.exec(stdout);
  if (match?.[1] !== undefined) return Number(match[1]);
  if (/^GM_MISSING\s*$/m.test(stdout)) return undefined;
  throw new GmError({ code: 'LOGS_UNEXPECTED_ANSWER', message: `Unexpected answer to the log size query: ${JSON.stringify(stdout.slice(0, 200))}` });
}
