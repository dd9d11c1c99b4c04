// The Bedrock emulator, called through the official AWS SDK for JavaScript v3 exactly as a real client
// would: the SDK signs (SigV4), serialises and parses; these tests assert what it parsed.
// Run: BEDROCK_EMULATOR_URL=http://127.0.0.1:<port> node --test   (the Pester suite JsSdk.Tests.ps1 does this).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  BedrockClient,
  GetAccountDataRetentionCommand,
  PutAccountDataRetentionCommand,
  ListInferenceProfilesCommand,
  GetInferenceProfileCommand,
  ListGuardrailsCommand,
  GetGuardrailCommand,
  ListEnforcedGuardrailsConfigurationCommand,
  PutEnforcedGuardrailConfigurationCommand,
  DeleteEnforcedGuardrailConfigurationCommand,
} from '@aws-sdk/client-bedrock';
import { IAMClient, CreateServiceSpecificCredentialCommand, ListServiceSpecificCredentialsCommand } from '@aws-sdk/client-iam';

const url = process.env.BEDROCK_EMULATOR_URL;
if (!url) throw new Error('Set BEDROCK_EMULATOR_URL to the emulator address (http://127.0.0.1:<port>).');

const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const bedrock = (region = 'us-east-1') => new BedrockClient({ region, endpoint: url, credentials, maxAttempts: 1 });
const iam = new IAMClient({ region: 'us-east-1', endpoint: url, credentials, maxAttempts: 1 });

async function control(path, body) {
  const response = await fetch(`${url}/_emulator/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) });
  assert.equal(response.status, 200, `control ${path}: ${await response.text()}`);
}

before(async () => control('reset'));

test('PutAccountDataRetention then GetAccountDataRetention', async () => {
  const client = bedrock();
  const initial = await client.send(new GetAccountDataRetentionCommand({}));
  assert.equal(initial.mode, 'inherit');
  assert.equal(initial.updatedAt, undefined);

  const put = await client.send(new PutAccountDataRetentionCommand({ mode: 'provider_data_share' }));
  assert.equal(put.$metadata.httpStatusCode, 200);
  assert.equal(put.mode, 'provider_data_share');
  assert.ok(put.updatedAt instanceof Date && !Number.isNaN(put.updatedAt.getTime()), 'updatedAt parses as a timestamp');

  assert.equal((await client.send(new GetAccountDataRetentionCommand({}))).mode, 'provider_data_share');
  assert.equal((await bedrock('eu-west-1').send(new GetAccountDataRetentionCommand({}))).mode, 'inherit');
});

test('an invalid mode is a modelled ValidationException', async () => {
  await assert.rejects(bedrock().send(new PutAccountDataRetentionCommand({ mode: 'forever' })), (e) => {
    assert.equal(e.name, 'ValidationException');
    assert.equal(e.$metadata.httpStatusCode, 400);
    assert.match(e.message, /enum value set/);
    return true;
  });
});

test('a denied call is AccessDeniedException', async () => {
  await control('accounts/111111111111', { deny: ['bedrock:GetAccountDataRetention'] });
  try {
    await assert.rejects(bedrock().send(new GetAccountDataRetentionCommand({})), (e) => {
      assert.equal(e.name, 'AccessDeniedException');
      assert.equal(e.$metadata.httpStatusCode, 403);
      assert.match(e.message, /bedrock:GetAccountDataRetention/);
      return true;
    });
  } finally {
    await control('accounts/111111111111', { deny: [] });
  }
});

test('ListInferenceProfiles and GetInferenceProfile name the destination Regions', async () => {
  const list = await bedrock().send(new ListInferenceProfilesCommand({}));
  const ids = list.inferenceProfileSummaries.map((p) => p.inferenceProfileId);
  assert.ok(ids.includes('us.amazon.nova-micro-v1:0'));
  assert.ok(ids.includes('global.amazon.nova-micro-v1:0'));
  assert.ok(list.inferenceProfileSummaries.every((p) => p.type === 'SYSTEM_DEFINED' && p.createdAt instanceof Date));

  const apac = await bedrock('ap-southeast-2').send(new GetInferenceProfileCommand({ inferenceProfileIdentifier: 'apac.amazon.nova-micro-v1:0' }));
  assert.equal(apac.inferenceProfileArn, 'arn:aws:bedrock:ap-southeast-2:111111111111:inference-profile/apac.amazon.nova-micro-v1:0');
  const regions = apac.models.map((m) => m.modelArn.split(':')[3]);
  assert.ok(regions.includes('me-central-1'), 'apac. includes the UAE');
  assert.equal(apac.status, 'ACTIVE');

  const global = await bedrock().send(new GetInferenceProfileCommand({ inferenceProfileIdentifier: 'global.amazon.nova-micro-v1:0' }));
  const globalRegions = global.models.map((m) => m.modelArn.split(':')[3]);
  for (const r of ['il-central-1', 'sa-east-1', 'eu-west-1']) assert.ok(globalRegions.includes(r), r);

  await assert.rejects(bedrock().send(new GetInferenceProfileCommand({ inferenceProfileIdentifier: 'apac.amazon.nova-micro-v1:0' })),
    (e) => e.name === 'ResourceNotFoundException' && e.$metadata.httpStatusCode === 404);
});

test('ListGuardrails / GetGuardrail parse the content and sensitive-information policies', async () => {
  await control('accounts/111111111111', {
    guardrails: {
      'us-east-1': [{
        guardrailId: 'gr0000000001', name: 'baseline', version: '1',
        contentPolicy: { filters: [{ type: 'PROMPT_ATTACK', inputStrength: 'HIGH', outputStrength: 'NONE' }] },
        sensitiveInformationPolicy: { piiEntities: [{ type: 'EMAIL', action: 'ANONYMIZE' }], regexes: [] },
      }],
    },
  });
  const list = await bedrock().send(new ListGuardrailsCommand({}));
  assert.equal(list.guardrails.length, 1);
  assert.equal(list.guardrails[0].id, 'gr0000000001');
  assert.equal(list.guardrails[0].version, 'DRAFT');
  assert.ok(list.guardrails[0].updatedAt instanceof Date);

  const g = await bedrock().send(new GetGuardrailCommand({ guardrailIdentifier: 'gr0000000001', guardrailVersion: '1' }));
  assert.equal(g.name, 'baseline');
  assert.equal(g.version, '1');
  assert.equal(g.status, 'READY');
  assert.equal(g.guardrailArn, 'arn:aws:bedrock:us-east-1:111111111111:guardrail/gr0000000001');
  const attack = g.contentPolicy.filters.find((f) => f.type === 'PROMPT_ATTACK');
  assert.equal(attack.inputStrength, 'HIGH');
  assert.equal(g.sensitiveInformationPolicy.piiEntities[0].type, 'EMAIL');
  assert.ok(g.createdAt instanceof Date);
});

test('Put / List / Delete enforced guardrail configuration', async () => {
  const client = bedrock();
  const put = await client.send(new PutEnforcedGuardrailConfigurationCommand({
    guardrailInferenceConfig: {
      guardrailIdentifier: 'gr0000000001', guardrailVersion: '1',
      selectiveContentGuarding: { system: 'COMPREHENSIVE', messages: 'COMPREHENSIVE' },
    },
  }));
  assert.match(put.configId, /^[a-z0-9]+$/);
  assert.ok(put.updatedAt instanceof Date);
  assert.equal(put.updatedBy, 'arn:aws:iam::111111111111:user/compliance-admin');

  const list = await client.send(new ListEnforcedGuardrailsConfigurationCommand({}));
  assert.equal(list.guardrailsConfig.length, 1);
  const config = list.guardrailsConfig[0];
  assert.equal(config.configId, put.configId);
  assert.equal(config.owner, 'ACCOUNT');
  assert.equal(config.guardrailVersion, '1');
  assert.equal(config.selectiveContentGuarding.messages, 'COMPREHENSIVE');

  await client.send(new DeleteEnforcedGuardrailConfigurationCommand({ configId: put.configId }));
  assert.equal((await client.send(new ListEnforcedGuardrailsConfigurationCommand({}))).guardrailsConfig.length, 0);
});

test('IAM CreateServiceSpecificCredential / ListServiceSpecificCredentials for bedrock.amazonaws.com', async () => {
  const created = await iam.send(new CreateServiceSpecificCredentialCommand({
    UserName: 'compliance-admin', ServiceName: 'bedrock.amazonaws.com', CredentialAgeDays: 30,
  }));
  const key = created.ServiceSpecificCredential;
  assert.equal(key.UserName, 'compliance-admin');
  assert.equal(key.ServiceName, 'bedrock.amazonaws.com');
  assert.equal(key.Status, 'Active');
  assert.ok(key.ServiceCredentialSecret.startsWith('ABSK'));
  assert.ok(key.ServiceCredentialAlias.length > 0);
  assert.ok(key.CreateDate instanceof Date);
  const days = (key.ExpirationDate - key.CreateDate) / 86_400_000;
  assert.equal(Math.round(days), 30);

  const list = await iam.send(new ListServiceSpecificCredentialsCommand({ ServiceName: 'bedrock.amazonaws.com', AllUsers: true }));
  assert.equal(list.ServiceSpecificCredentials.length, 1);
  const listed = list.ServiceSpecificCredentials[0];
  assert.equal(listed.ServiceSpecificCredentialId, key.ServiceSpecificCredentialId);
  assert.equal(listed.ServiceCredentialSecret, undefined);

  await assert.rejects(iam.send(new CreateServiceSpecificCredentialCommand({ UserName: 'ghost', ServiceName: 'bedrock.amazonaws.com' })),
    (e) => e.name === 'NoSuchEntityException' || e.name === 'NoSuchEntity');

  // The new key is a bearer token the SDK can use (httpBearerAuth).
  const withKey = new BedrockClient({
    region: 'us-east-1', endpoint: url, maxAttempts: 1,
    token: { token: key.ServiceCredentialSecret }, authSchemePreference: ['httpBearerAuth'],
  });
  const retention = await withKey.send(new GetAccountDataRetentionCommand({}));
  assert.equal(retention.mode, 'provider_data_share');
});
