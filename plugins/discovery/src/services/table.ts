// The text table every command uses lives in kit (plugins never import each other).
export { table } from '@geusemaker/kit/io';

/** `yes` / `no` for a table cell. */
export const yesNo = (value: boolean): string => (value ? 'yes' : 'no');

/** A cell that may be empty. */
export const orDash = (value: string | null | undefined): string => (value === null || value === undefined || value === '' ? '-' : value);
