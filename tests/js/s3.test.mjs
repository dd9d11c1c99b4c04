// The emulator's S3 subset (the evidence store's wire protocol) through the official @aws-sdk/client-s3:
// the SDK signs (SigV4, payload hashes, aws-chunked streams), serialises and parses; these tests assert what it parsed.
// Run: BEDROCK_EMULATOR_URL=http://127.0.0.1:<port> node --test   (the Pester suite JsSdk.Tests.ps1 does this).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import {
  S3Client,
  CreateBucketCommand,
  PutObjectLockConfigurationCommand,
  GetObjectLockConfigurationCommand,
  PutObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  DeleteObjectCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
} from '@aws-sdk/client-s3';

const url = process.env.BEDROCK_EMULATOR_URL;
if (!url) throw new Error('Set BEDROCK_EMULATOR_URL to the emulator address (http://127.0.0.1:<port>).');

const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const s3 = new S3Client({ region: 'us-east-1', endpoint: url, credentials, forcePathStyle: true, maxAttempts: 1 });
const unique = (name) => `${name}-${process.pid}-${Date.now().toString(36)}`;

async function lockedBucket(name, rule) {
  const Bucket = unique(name);
  await s3.send(new CreateBucketCommand({ Bucket, ObjectLockEnabledForBucket: true }));
  if (rule) {
    await s3.send(new PutObjectLockConfigurationCommand({ Bucket, ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: rule } } }));
  }
  return Bucket;
}

async function rejects(promise, code, status) {
  await assert.rejects(promise, (e) => {
    assert.equal(e.name, code, `expected ${code}, got ${e.name}: ${e.message}`);
    if (status) assert.equal(e.$metadata?.httpStatusCode, status);
    return true;
  });
}

test('PutObject with IfNoneMatch "*" writes once; the second writer gets 412 PreconditionFailed', async () => {
  const Bucket = await lockedBucket('js-inm');
  const put = (body) => s3.send(new PutObjectCommand({ Bucket, Key: 'chain/00000000000000000001.jsonl', Body: body, IfNoneMatch: '*' }));
  const first = await put('first\n');
  assert.ok(first.VersionId);
  assert.match(first.ETag, /^"[0-9a-f]{32}"$/);
  await rejects(put('second\n'), 'PreconditionFailed', 412);
  const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'chain/00000000000000000001.jsonl' }));
  assert.equal(await got.Body.transformToString(), 'first\n');
});

test('Object Lock headers lock the version: GetObject/HeadObject report them, delete of that version is AccessDenied', async () => {
  const Bucket = await lockedBucket('js-lock');
  const until = new Date(Date.now() + 24 * 3600 * 1000);
  const put = await s3.send(new PutObjectCommand({
    Bucket, Key: 'k', Body: 'locked\n', ObjectLockMode: 'COMPLIANCE', ObjectLockRetainUntilDate: until, ChecksumAlgorithm: 'CRC32',
  }));
  const head = await s3.send(new HeadObjectCommand({ Bucket, Key: 'k' }));
  assert.equal(head.ObjectLockMode, 'COMPLIANCE');
  assert.ok(Math.abs(head.ObjectLockRetainUntilDate.getTime() - until.getTime()) < 1000);
  await rejects(s3.send(new DeleteObjectCommand({ Bucket, Key: 'k', VersionId: put.VersionId, BypassGovernanceRetention: true })), 'AccessDenied', 403);

  // A delete without a version only hides the key behind a marker; the locked version is still there.
  const marker = await s3.send(new DeleteObjectCommand({ Bucket, Key: 'k' }));
  assert.equal(marker.DeleteMarker, true);
  await rejects(s3.send(new GetObjectCommand({ Bucket, Key: 'k' })), 'NoSuchKey', 404);
  const original = await s3.send(new GetObjectCommand({ Bucket, Key: 'k', VersionId: put.VersionId }));
  assert.equal(await original.Body.transformToString(), 'locked\n');
  const versions = await s3.send(new ListObjectVersionsCommand({ Bucket, Prefix: 'k' }));
  assert.deepEqual(versions.Versions.map((v) => v.VersionId), [put.VersionId]);
  assert.deepEqual(versions.DeleteMarkers.map((v) => v.VersionId), [marker.VersionId]);
});

test('the bucket default retention applies to every new object, and governance yields only to the bypass header', async () => {
  const Bucket = await lockedBucket('js-default', { Mode: 'GOVERNANCE', Days: 1 });
  const config = await s3.send(new GetObjectLockConfigurationCommand({ Bucket }));
  assert.deepEqual(config.ObjectLockConfiguration, { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 1 } } });
  const put = await s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'governed\n' }));
  const head = await s3.send(new HeadObjectCommand({ Bucket, Key: 'k' }));
  assert.equal(head.ObjectLockMode, 'GOVERNANCE');
  await rejects(s3.send(new DeleteObjectCommand({ Bucket, Key: 'k', VersionId: put.VersionId })), 'AccessDenied', 403);
  await s3.send(new DeleteObjectCommand({ Bucket, Key: 'k', VersionId: put.VersionId, BypassGovernanceRetention: true }));
});

test('lock headers are refused on a bucket without Object Lock, and a past retain-until date anywhere', async () => {
  const Bucket = unique('js-plain');
  await s3.send(new CreateBucketCommand({ Bucket }));
  const lock = { ObjectLockMode: 'GOVERNANCE', ObjectLockRetainUntilDate: new Date(Date.now() + 3600 * 1000) };
  await rejects(s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'x', ...lock })), 'InvalidRequest', 400);
  await rejects(s3.send(new GetObjectLockConfigurationCommand({ Bucket })), 'ObjectLockConfigurationNotFoundError', 404);
  const locked = await lockedBucket('js-past');
  await rejects(s3.send(new PutObjectCommand({ Bucket: locked, Key: 'k', Body: 'x', ObjectLockMode: 'GOVERNANCE', ObjectLockRetainUntilDate: new Date(Date.now() - 3600 * 1000) })), 'InvalidArgument', 400);
});

test('a streamed body (aws-chunked with a trailing checksum) arrives decoded', async () => {
  const Bucket = await lockedBucket('js-stream');
  const body = Readable.from([Buffer.from('part one, '), Buffer.from('part two\n')]);
  await s3.send(new PutObjectCommand({ Bucket, Key: 'streamed', Body: body, ContentLength: 19, ChecksumAlgorithm: 'CRC32' }));
  const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'streamed' }));
  assert.equal(await got.Body.transformToString(), 'part one, part two\n');
});

test('ListObjectsV2 pages by MaxKeys and ContinuationToken under a prefix, in key order', async () => {
  const Bucket = await lockedBucket('js-list');
  for (let i = 1; i <= 5; i++) await s3.send(new PutObjectCommand({ Bucket, Key: `p/${String(i).padStart(3, '0')}`, Body: `${i}\n` }));
  await s3.send(new PutObjectCommand({ Bucket, Key: 'q/001', Body: 'other\n' }));
  const keys = [];
  let ContinuationToken;
  let pages = 0;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket, Prefix: 'p/', MaxKeys: 2, ContinuationToken }));
    keys.push(...page.Contents.map((o) => o.Key));
    assert.equal(page.KeyCount, page.Contents.length);
    ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    pages++;
  } while (ContinuationToken);
  assert.deepEqual(keys, ['p/001', 'p/002', 'p/003', 'p/004', 'p/005']);
  assert.equal(pages, 3);
});
