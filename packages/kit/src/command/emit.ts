import type { GmError } from '../errors/index.js';
import type { RenderMode } from './output-mode.js';
import { errorEnvelope, errorText } from './render-error.js';

export interface Streams {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export const processStreams: Streams = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

async function serialize(document: unknown, format: 'json' | 'yaml'): Promise<string> {
  if (format === 'json') return `${JSON.stringify(document, null, 2)}\n`;
  const { stringify } = await import('yaml');
  return stringify(document);
}

/** Success: the envelope (json/yaml) on stdout, or the command's own text. Exactly one document under --json. */
export async function emitSuccess(
  result: unknown,
  warnings: readonly string[],
  mode: RenderMode,
  renderText: () => string,
  streams: Streams = processStreams,
): Promise<void> {
  if (mode.format === 'text') {
    const text = renderText();
    if (text !== '') streams.stdout(text.endsWith('\n') ? text : `${text}\n`);
    return;
  }
  streams.stdout(await serialize({ status: 'success', result: result ?? null, warnings }, mode.format));
}

/** Failure: rendered once — the envelope on stdout for json/yaml, text on stderr otherwise. Returns the exit code. */
export async function emitFailure(error: GmError, mode: RenderMode, streams: Streams = processStreams): Promise<number> {
  if (mode.format === 'text') streams.stderr(errorText(error, mode));
  else {
    streams.stdout(await serialize(errorEnvelope(error), mode.format));
    if (mode.verbose) streams.stderr(errorText(error, mode));
  }
  return error.exitCode;
}
