import { Flags } from '@oclif/core';

/** Global flags, on every gm command (CLI.md "Global behaviour"). */
export const globalFlags = {
  json: Flags.boolean({ description: 'Print exactly one JSON document on stdout (progress goes to stderr).', helpGroup: 'GLOBAL' }),
  output: Flags.option({ options: ['json', 'yaml', 'text'] as const, description: 'Output format; json is the same as --json.', helpGroup: 'GLOBAL' })(),
  quiet: Flags.boolean({ char: 'q', description: 'Show errors only.', helpGroup: 'GLOBAL' }),
  verbose: Flags.boolean({ char: 'v', description: 'Show more detail, and stack traces for bugs.', helpGroup: 'GLOBAL' }),
  profile: Flags.string({ description: 'AWS named profile (else AWS_PROFILE).', helpGroup: 'GLOBAL' }),
  region: Flags.string({ char: 'r', description: 'AWS region (else AWS_REGION or the profile).', helpGroup: 'GLOBAL' }),
  'endpoint-url': Flags.string({ description: 'Send AWS calls to this endpoint (an AWS-compatible emulator).', helpGroup: 'GLOBAL' }),
  yes: Flags.boolean({ char: 'y', description: 'Skip confirmations.', helpGroup: 'GLOBAL' }),
  'no-input': Flags.boolean({ description: 'Never prompt; a missing value is an error naming its flag.', helpGroup: 'GLOBAL' }),
  // Stores are opened deep in services from the environment (kit state `openStateStore`), so the flag sets GM_STATE
  // for this run: every command then honours it with no plumbing, and the flag wins over the environment.
  state: Flags.string({
    description: 'State backend: s3://bucket/prefix (shared), or local (GM_HOME). Else GM_STATE.',
    helpGroup: 'GLOBAL',
    parse: async (value) => {
      process.env.GM_STATE = value;
      return value;
    },
  }),
};
