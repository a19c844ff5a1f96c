/** Left-aligned text columns (right-aligned where `right` says), two spaces apart, no trailing blanks. */
export function table(header: readonly string[], rows: readonly (readonly string[])[], right: readonly number[] = []): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (row: readonly string[]): string =>
    row
      .map((cell, column) => (right.includes(column) ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return [header, ...rows].map(line).join('\n');
}

/** USD with enough decimals for hourly prices ($0.0416) and two for larger amounts ($30.37). */
export function usd(amount: number | null, decimals = 4): string {
  return amount === null ? '-' : `$${amount.toFixed(decimals)}`;
}

export function percent(value: number | null | undefined): string {
  return value === null || value === undefined ? '-' : `${value.toFixed(1)}%`;
}
