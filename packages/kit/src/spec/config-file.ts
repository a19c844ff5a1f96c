import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { isCollection, isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import { ConfigError } from '../errors/index.js';
import { pointerSegments } from './pointer.js';

/** A config file, parsed, with a way to find where each field is written. */
export interface ConfigFile {
  readonly path: string;
  readonly format: 'json' | 'yaml';
  readonly data: unknown;
  /** `line L, column C` of the value (or, for keys, the key) at a JSON pointer, when it can be found. */
  locate(pointer: string): string | undefined;
}

/** Extension first; without a known one, a document starting with `{` or `[` is JSON, anything else YAML. */
export function detectFormat(path: string, text: string): 'json' | 'yaml' {
  const extension = extname(path).toLowerCase();
  if (extension === '.json') return 'json';
  if (extension === '.yaml' || extension === '.yml') return 'yaml';
  return /^\s*[{[]/.test(text) ? 'json' : 'yaml';
}

function lineAndColumn(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, col: (lines.at(-1)?.length ?? 0) + 1 };
}

function parseError(path: string, line: number, col: number, problem: string, fix: string): ConfigError {
  return new ConfigError({
    code: 'CONFIG_PARSE',
    message: `Cannot parse ${path}: ${problem} at line ${line}, column ${col}`,
    hint: '`gm config sample` prints a valid file to start from.',
    issues: [{ pointer: '', message: `${problem} at line ${line}, column ${col} of ${path}`, fix }],
  });
}

/** JSON.parse, with V8's "at position N" turned into a line and column. */
function parseJson(path: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const position = /at position (\d+)/.exec(detail);
    const { line, col } = lineAndColumn(text, position === null ? text.length : Number(position[1]));
    const problem = detail.replace(/\s*(in JSON )?at position \d+.*$/s, '').replace(/^Unexpected end of JSON input$/, 'unexpected end of the file');
    throw parseError(path, line, col, `invalid JSON: ${problem}`, 'fix the JSON syntax there (a missing comma, quote or brace is the usual cause)');
  }
}

function parseYaml(path: string, text: string, lineCounter: LineCounter): Document | ConfigError {
  // YAML 1.2 core schema: `no`, `on` and dates stay strings; duplicate keys are errors.
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, schema: 'core' });
  const first = document.errors[0];
  if (first === undefined) return document;
  const { line, col } = lineCounter.linePos(first.pos[0]);
  const problem = first.message.split('\n')[0] ?? first.message;
  return parseError(path, line, col, `invalid YAML: ${problem}`, 'fix the YAML syntax there (indent with spaces, and quote values that contain ": " or start with a special character)');
}

/** Where the node at `pointer` starts; for a mapping entry, where its key starts. */
function locateIn(document: Document, lineCounter: LineCounter, pointer: string): string | undefined {
  let node: unknown = document.contents;
  let offset: number | undefined;
  for (const segment of pointerSegments(pointer)) {
    if (!isCollection(node)) return undefined;
    const pair = isMap(node) ? node.items.find((item) => isScalar(item.key) && String(item.key.value) === segment) : undefined;
    if (pair !== undefined) {
      offset = isScalar(pair.key) ? pair.key.range?.[0] : undefined;
      node = pair.value;
    } else {
      node = node.get(Number(segment), true);
      offset = isScalar(node) || isCollection(node) ? node.range?.[0] : undefined;
    }
  }
  if (offset === undefined) return undefined;
  const { line, col } = lineCounter.linePos(offset);
  return `line ${line}, column ${col}`;
}

async function readText(path: string): Promise<string> {
  try {
    return (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem = code === 'ENOENT' ? 'not found' : code === 'EISDIR' ? 'is a directory, not a file' : `cannot be read (${code ?? String(error)})`;
    throw new ConfigError({
      code: code === 'ENOENT' || code === 'EISDIR' ? 'CONFIG_NOT_FOUND' : 'CONFIG_UNREADABLE',
      message: `Config file ${path} ${problem}`,
      hint: '`gm config sample > gm.yaml` writes a valid file to start from.',
      issues: [{ pointer: '', message: `${path} ${problem}`, fix: 'check the path and the current directory' }],
    });
  }
}

function yamlToData(path: string, document: Document): unknown {
  try {
    // Bounded alias expansion: a "billion laughs" file fails instead of eating memory.
    return document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    const problem = error instanceof Error ? error.message : String(error);
    throw parseError(path, 1, 1, `invalid YAML: ${problem}`, 'use fewer YAML aliases (*name), or write the values out');
  }
}

/** Reads and parses a JSON or YAML config file. Throws ConfigError CONFIG_NOT_FOUND or CONFIG_PARSE. */
export async function readConfigFile(path: string): Promise<ConfigFile> {
  const text = await readText(path);
  const format = detectFormat(path, text);
  const lineCounter = new LineCounter();
  if (format === 'json') {
    const data = parseJson(path, text);
    // The YAML parser reads JSON too; it is used here only to find where fields are written.
    const document = parseDocument(text, { lineCounter });
    return { path, format, data, locate: (pointer) => locateIn(document, lineCounter, pointer) };
  }
  const document = parseYaml(path, text, lineCounter);
  if (document instanceof ConfigError) throw document;
  const data = yamlToData(path, document);
  return { path, format, data, locate: (pointer) => locateIn(document, lineCounter, pointer) };
}
