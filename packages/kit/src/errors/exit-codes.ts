/** Exit codes, exactly as promised in CLI.md. Automation depends on these numbers: change them only on purpose. */
export const ExitCode = {
  success: 0,
  failed: 1,
  usage: 2,
  invalidConfig: 3,
  credentials: 4,
  capacity: 5,
  partial: 6,
  locked: 7,
  commandNotFound: 127,
  interrupted: 130,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
