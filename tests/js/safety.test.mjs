// The emulator's fault-after-commit mode (issue 15.4), seen by the official AWS SDK for JavaScript v3: the create
// commits, its answer is lost (HTTP 500 or a dropped connection), and the SDK's own retry meets ConflictException
// although the agreement exists. This is the path BedrockCompliance reconciles instead of recording a failure.
// Run: BEDROCK_EMULATOR_URL=http://127.0.0.1:<port> node --test   (the Pester suite JsSdk.Tests.ps1 does this).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BedrockClient,
  ListFoundationModelAgreementOffersCommand,
  CreateFoundationModelAgreementCommand,
  GetFoundationModelAvailabilityCommand,
} from '@aws-sdk/client-bedrock';

const url = process.env.BEDROCK_EMULATOR_URL;
if (!url) throw new Error('Set BEDROCK_EMULATOR_URL to the emulator address (http://127.0.0.1:<port>).');

const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const bedrock = (maxAttempts) => new BedrockClient({ region: 'us-east-1', endpoint: url, credentials, maxAttempts });

async function control(path, body) {
  const response = await fetch(`${url}/_emulator/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) });
  const text = await response.text();
  assert.equal(response.status, 200, `control ${path}: ${text}`);
  return JSON.parse(text);
}

async function offerToken(client, modelId) {
  const offers = await client.send(new ListFoundationModelAgreementOffersCommand({ modelId }));
  return offers.offers[0].offerToken;
}

// No reset: other test files may share the emulator. Only the fault settings this file changes are restored.
after(async () => control('faults', { afterCommitRate: 0, afterCommitMode: 'error' }));

test('after-commit error: the SDK retry meets ConflictException, yet the agreement exists', async () => {
  const modelId = 'meta.llama3-8b-instruct-v1:0';
  const client = bedrock(2);
  const token = await offerToken(client, modelId);
  const faults = await control('faults', { afterCommitRate: 1, afterCommitMode: 'error' });
  assert.equal(faults.afterCommitOperation, 'CreateFoundationModelAgreement');

  await assert.rejects(client.send(new CreateFoundationModelAgreementCommand({ modelId, offerToken: token })),
    (e) => e.name === 'ConflictException' && e.$metadata.attempts === 2);

  const live = await client.send(new GetFoundationModelAvailabilityCommand({ modelId }));
  assert.equal(live.agreementAvailability.status, 'AVAILABLE');
});

test('after-commit drop: no answer at all, and the agreement exists', async () => {
  const modelId = 'mistral.mistral-7b-instruct-v0:2';
  const client = bedrock(1);
  const token = await offerToken(client, modelId);
  await control('faults', { afterCommitRate: 1, afterCommitMode: 'drop' });

  await assert.rejects(client.send(new CreateFoundationModelAgreementCommand({ modelId, offerToken: token })),
    (e) => e.$metadata?.httpStatusCode === undefined);

  const live = await client.send(new GetFoundationModelAvailabilityCommand({ modelId }));
  assert.equal(live.agreementAvailability.status, 'AVAILABLE');
});
