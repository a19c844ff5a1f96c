import type { S3Api } from '../aws/index.js';
import { isMissing, isPreconditionFailed, s3Key, type S3Location } from './s3-location.js';

export interface StoredText {
  readonly body: string;
  readonly eTag: string | undefined;
}

/** Writes that must not replace what is there (`create`), or only a known version (`replace` an ETag). */
export type PutCondition = { kind: 'create' } | { kind: 'replace'; eTag: string } | { kind: 'any' };

/** Small text objects under one `s3://bucket/prefix`, keyed relative to the prefix. */
export class S3Objects {
  readonly location: S3Location;
  private readonly s3: () => Promise<S3Api>;

  constructor(location: S3Location, s3: () => Promise<S3Api>) {
    this.location = location;
    this.s3 = s3;
  }

  async get(relative: string): Promise<StoredText | undefined> {
    try {
      const { body, eTag } = await (await this.s3()).getObjectText({ Bucket: this.location.bucket, Key: s3Key(this.location, relative) });
      return { body, eTag };
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  /** True when written; false when the condition failed (someone else's object is there, or it changed). */
  async put(relative: string, body: string, condition: PutCondition = { kind: 'any' }): Promise<boolean> {
    const conditional = condition.kind === 'create' ? { IfNoneMatch: '*' } : condition.kind === 'replace' ? { IfMatch: condition.eTag } : {};
    try {
      await (await this.s3()).putObject({
        Bucket: this.location.bucket,
        Key: s3Key(this.location, relative),
        Body: body,
        ContentType: 'application/json',
        ServerSideEncryption: 'AES256',
        ...conditional,
      });
      return true;
    } catch (error) {
      if (isPreconditionFailed(error)) return false;
      throw error;
    }
  }

  /** Deletes the object; with `eTag`, only that version of it (S3 conditional delete). */
  async delete(relative: string, eTag?: string): Promise<void> {
    await (await this.s3()).deleteObject({ Bucket: this.location.bucket, Key: s3Key(this.location, relative), ...(eTag === undefined ? {} : { IfMatch: eTag }) });
  }

  /** Keys (relative to the prefix) of every object under `relativePrefix`. */
  async list(relativePrefix: string): Promise<string[]> {
    const strip = this.location.prefix === '' ? 0 : this.location.prefix.length + 1;
    const objects = await (await this.s3()).listObjects({ Bucket: this.location.bucket, Prefix: s3Key(this.location, relativePrefix) });
    return objects.flatMap((object) => (object.Key === undefined ? [] : [object.Key.slice(strip)]));
  }
}
