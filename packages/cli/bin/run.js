#!/usr/bin/env node
// The gm binary. Commands set process.exitCode themselves (the base command owns exit codes); oclif's `flush`
// makes sure everything written reaches the pipe before the process ends.
import { enableCompileCache } from 'node:module';

// Startup is part of the product (DESIGN §7: `gm --help` within 3x of `node -e 0`): reuse V8's compiled code
// across runs, and import only oclif's entry points we use (its index pulls in every module it has).
enableCompileCache?.();

const [{ execute }, { flush }] = await Promise.all([import('@oclif/core/execute'), import('@oclif/core/flush')]);
await execute({ dir: import.meta.url });
await flush();
