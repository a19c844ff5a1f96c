import { gzipSync } from 'node:zlib';
import { USERDATA_LIMIT_BYTES } from './types.js';
import type { UserDataResult } from './types.js';

/**
 * EC2 takes at most 16384 bytes of UserData before base64. A script that fits goes as is; a larger one goes as
 * gzip of a one-part MIME multipart document, which cloud-init recognises by the gzip magic and unpacks.
 */

const BOUNDARY = '==GEUSEMAKER-USERDATA==';

/** The script wrapped as cloud-init's multipart input: one text/x-shellscript part. */
export function mimeMultipart(script: string): string {
  if (script.includes(BOUNDARY)) throw new Error('UserData script contains the MIME boundary');
  return [
    `Content-Type: multipart/mixed; boundary="${BOUNDARY}"`,
    'MIME-Version: 1.0',
    '',
    `--${BOUNDARY}`,
    'Content-Type: text/x-shellscript; charset="utf-8"',
    'MIME-Version: 1.0',
    'Content-Transfer-Encoding: 8bit',
    'Content-Disposition: attachment; filename="geusemaker-boot.sh"',
    '',
    script,
    `--${BOUNDARY}--`,
    '',
  ].join('\n');
}

/** Chooses the encoding; throws when even the compressed payload is over the limit. */
export function encodeUserData(script: string, limit: number = USERDATA_LIMIT_BYTES): UserDataResult {
  const plain = Buffer.from(script, 'utf8');
  if (plain.length <= limit) {
    return { script, bytes: plain.length, encoding: 'plain', userDataBase64: plain.toString('base64') };
  }
  const packed = gzipSync(Buffer.from(mimeMultipart(script), 'utf8'), { level: 9 });
  if (packed.length > limit) {
    throw new Error(`UserData is ${packed.length} bytes even gzipped; EC2 allows ${limit}`);
  }
  return { script, bytes: packed.length, encoding: 'gzip-mime', userDataBase64: packed.toString('base64') };
}
