import type * as S3Sdk from '@aws-sdk/client-s3';
import type {
  CreateBucketCommandInput,
  DeleteObjectCommandInput,
  DeleteObjectCommandOutput,
  GetObjectCommandInput,
  HeadObjectCommandInput,
  HeadObjectCommandOutput,
  ListObjectsV2CommandInput,
  _Object,
  PutObjectCommandInput,
  PutObjectCommandOutput,
} from '@aws-sdk/client-s3';
import { callAws, type ClientHandle, type LoadedClient } from './lazy-client.js';
import { collectPages } from './paginate.js';

export type {
  CreateBucketCommandInput,
  DeleteObjectCommandInput,
  DeleteObjectCommandOutput,
  GetObjectCommandInput,
  HeadObjectCommandInput,
  HeadObjectCommandOutput,
  ListObjectsV2CommandInput,
  _Object as S3Object,
  PutObjectCommandInput,
  PutObjectCommandOutput,
} from '@aws-sdk/client-s3';

/** An S3 object read whole as UTF-8 text (gm stores small JSON documents only). */
export interface S3ObjectText {
  readonly body: string;
  readonly eTag: string | undefined;
  readonly lastModified: Date | undefined;
}

/**
 * The S3 operations gm uses (the shared state backend). Conditional writes go through the inputs' `IfNoneMatch`
 * (`'*'`: create only) and `IfMatch` (an ETag: replace only that version); a failed condition is `PreconditionFailed`.
 */
export interface S3Api {
  getObjectText(input: GetObjectCommandInput): Promise<S3ObjectText>;
  putObject(input: PutObjectCommandInput): Promise<PutObjectCommandOutput>;
  /** For tests and first-time setup of a state bucket. */
  createBucket(input: CreateBucketCommandInput): Promise<void>;
  headObject(input: HeadObjectCommandInput): Promise<HeadObjectCommandOutput>;
  deleteObject(input: DeleteObjectCommandInput): Promise<DeleteObjectCommandOutput>;
  /** Every object under the prefix, all pages. */
  listObjects(input: ListObjectsV2CommandInput): Promise<_Object[]>;
}

export type S3Handle = ClientHandle<typeof S3Sdk, S3Sdk.S3Client>;
type S3 = LoadedClient<typeof S3Sdk, S3Sdk.S3Client>;

export function createS3Api(handle: S3Handle): S3Api {
  const call = <T>(operation: string, run: (s3: S3) => Promise<T>): Promise<T> =>
    callAws(`S3 ${operation}`, async () => run(await handle.load()));
  return {
    getObjectText: (input) =>
      call('GetObject', async ({ sdk, client }) => {
        const output = await client.send(new sdk.GetObjectCommand(input));
        const body = (await output.Body?.transformToString('utf8')) ?? '';
        return { body, eTag: output.ETag, lastModified: output.LastModified };
      }),
    putObject: (input) => call('PutObject', ({ sdk, client }) => client.send(new sdk.PutObjectCommand(input))),
    createBucket: (input) =>
      call('CreateBucket', async ({ sdk, client }) => {
        await client.send(new sdk.CreateBucketCommand(input));
      }),
    headObject: (input) => call('HeadObject', ({ sdk, client }) => client.send(new sdk.HeadObjectCommand(input))),
    deleteObject: (input) => call('DeleteObject', ({ sdk, client }) => client.send(new sdk.DeleteObjectCommand(input))),
    listObjects: (input) =>
      call('ListObjectsV2', ({ sdk, client }) =>
        collectPages(sdk.paginateListObjectsV2({ client, pageSize: 1000 }, input), (page) => page.Contents),
      ),
  };
}
