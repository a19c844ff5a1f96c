import { GmCommand } from '@geusemaker/kit/command';
import { refreshFlag } from '../../flags.js';
import { discoverKeyPairs, type KeyPairsResult } from '../../services/key-pairs.js';
import { orDash, table, yesNo } from '../../services/table.js';

export default class DiscoverKeyPairs extends GmCommand<typeof DiscoverKeyPairs, KeyPairsResult> {
  static override summary = 'List EC2 key pairs: type, fingerprint, created.';
  static override description =
    'Key pairs belong to a region. gm needs none (it connects through SSM); pass one with --key-name to allow SSH. Cached for 5 ' +
    'minutes; --refresh asks AWS again.';
  static override examples = ['<%= config.bin %> discover key-pairs', '<%= config.bin %> discover key-pairs --region eu-west-1 --json'];

  static override flags = {
    refresh: refreshFlag,
  };

  protected async execute(): Promise<KeyPairsResult> {
    return discoverKeyPairs({ refresh: this.flags.refresh, connection: this.awsConnection, env: process.env, warn: (message) => this.addWarning(message) });
  }

  protected override renderText(result: KeyPairsResult): string {
    if (result.keyPairs.length === 0) return `No key pair in ${result.region}.`;
    const rows = result.keyPairs.map((key) => [key.keyName, orDash(key.type), orDash(key.fingerprint), orDash(key.created), yesNo(key.gmManaged)]);
    return table(['NAME', 'TYPE', 'FINGERPRINT', 'CREATED', 'GM'], rows);
  }
}
