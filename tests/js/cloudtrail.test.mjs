// CloudTrail event history of the emulator, read with the official @aws-sdk/client-cloudtrail (JSON 1.1):
// the calls the emulator serves become events, and LookupEvents answers in the SDK's shapes.
// Run: BEDROCK_EMULATOR_URL=http://127.0.0.1:<port> node --test   (the Pester suite JsSdk.Tests.ps1 does this).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { CloudTrailClient, LookupEventsCommand, paginateLookupEvents } from '@aws-sdk/client-cloudtrail';
import { BedrockClient, ListFoundationModelAgreementOffersCommand, CreateFoundationModelAgreementCommand } from '@aws-sdk/client-bedrock';

const url = process.env.BEDROCK_EMULATOR_URL;
if (!url) throw new Error('Set BEDROCK_EMULATOR_URL to the emulator address (http://127.0.0.1:<port>).');

const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
// A Region and a start time of its own: event history is per Region, and the other test files share the emulator
// (node may run them in parallel), so nothing here resets it or sees their events.
const region = 'ap-southeast-2';
const since = new Date(Date.now() - 1000);
const cloudTrail = new CloudTrailClient({ region, endpoint: url, credentials, maxAttempts: 1 });
const bedrock = new BedrockClient({ region, endpoint: url, credentials, maxAttempts: 1 });
const models = ['mistral.mistral-7b-instruct-v0:2', 'mistral.ministral-3-8b-instruct'];

before(async () => {
  for (const modelId of models) {
    const offers = await bedrock.send(new ListFoundationModelAgreementOffersCommand({ modelId }));
    await bedrock.send(new CreateFoundationModelAgreementCommand({ modelId, offerToken: offers.offers[0].offerToken }));
  }
});

test('an agreement the SDK created is a CreateFoundationModelAgreement event with its principal, model and time', async () => {
  const page = await cloudTrail.send(new LookupEventsCommand({
    StartTime: since,
    LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'CreateFoundationModelAgreement' }],
  }));
  assert.equal(page.Events.length, 2);
  const [newest, oldest] = page.Events;
  assert.equal(newest.EventName, 'CreateFoundationModelAgreement');
  assert.equal(newest.EventSource, 'bedrock.amazonaws.com');
  assert.equal(newest.ReadOnly, 'false');
  assert.ok(newest.EventTime instanceof Date && newest.EventTime.getTime() >= since.getTime() - 1000, 'EventTime parses as a recent timestamp');
  assert.ok(newest.EventTime >= oldest.EventTime, 'newest first');
  assert.equal(newest.Resources[0].ResourceName, models[1]);
  const record = JSON.parse(newest.CloudTrailEvent);
  assert.equal(record.userIdentity.arn, 'arn:aws:iam::111111111111:user/compliance-admin');
  assert.equal(record.requestParameters.modelId, models[1]);
  assert.equal(record.responseElements.modelId, models[1]);
  assert.equal(record.awsRegion, region);
  assert.equal(record.eventID, newest.EventId);
  assert.match(record.userAgent, /aws-sdk-js/);
  assert.equal(page.NextToken, undefined);
});

test('the paginator follows NextToken, one event a page', async () => {
  const ids = [];
  for await (const page of paginateLookupEvents({ client: cloudTrail, pageSize: 1 }, {
    StartTime: since,
    LookupAttributes: [{ AttributeKey: 'EventSource', AttributeValue: 'bedrock.amazonaws.com' }],
  })) {
    assert.ok(page.Events.length <= 1);
    ids.push(...page.Events.map((e) => e.EventId));
  }
  assert.equal(ids.length, 2);
  assert.equal(new Set(ids).size, 2);
});

test('a time range before the events finds none, and two lookup attributes are a modelled error', async () => {
  const old = await cloudTrail.send(new LookupEventsCommand({ StartTime: new Date(Date.now() - 30 * 86400_000), EndTime: new Date(Date.now() - 29 * 86400_000) }));
  assert.deepEqual(old.Events, []);
  await assert.rejects(cloudTrail.send(new LookupEventsCommand({
    LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'a' }, { AttributeKey: 'EventName', AttributeValue: 'b' }],
  })), (e) => {
    assert.equal(e.name, 'InvalidLookupAttributesException');
    assert.equal(e.$metadata.httpStatusCode, 400);
    return true;
  });
  await assert.rejects(cloudTrail.send(new LookupEventsCommand({ MaxResults: 51 })), (e) => e.name === 'InvalidMaxResultsException');
});
