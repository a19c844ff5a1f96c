/** How the final result is written: decided from --json / --output, even when flag parsing itself failed. */
export type OutputFormat = 'json' | 'yaml' | 'text';

export interface RenderMode {
  format: OutputFormat;
  verbose: boolean;
}

/** Best-effort read of the output flags straight from argv, for errors raised before (or by) flag parsing. */
export function renderModeFromArgv(argv: readonly string[]): RenderMode {
  let format: OutputFormat = 'text';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') format = 'json';
    const value = arg === '--output' || arg === '-o' ? argv[i + 1] : arg?.startsWith('--output=') ? arg.slice(9) : undefined;
    if (value === 'json' || value === 'yaml') format = value;
  }
  const verbose = argv.includes('--verbose') || argv.includes('-v');
  return { format, verbose };
}
