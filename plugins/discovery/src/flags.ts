import { Flags } from '@oclif/core';

/** Flags every `gm discover …` shares. */
export const refreshFlag = Flags.boolean({ description: 'Ask AWS even if the answer cached in the last 5 minutes is there.' });

/** --vpc-id; `description` replaces the default "Only <what> in this VPC". */
export const vpcIdFlag = (what: string, description = `Only ${what} in this VPC (vpc-…).`) => Flags.string({ description });
