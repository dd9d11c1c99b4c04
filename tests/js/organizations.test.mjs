// The emulator's AWS Organizations (JSON 1.1) and IAM Identity Center (SSO portal, SSO OIDC), called through the
// official AWS SDK for JavaScript v3: the SDK signs (or, for SSO, sends the bearer token), serialises and parses.
// Run: BEDROCK_EMULATOR_URL=http://127.0.0.1:<port> node --test   (JsSdk.Tests.ps1 does this).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  OrganizationsClient,
  DescribeOrganizationCommand,
  ListAccountsCommand,
  ListAccountsForParentCommand,
  ListChildrenCommand,
  ListRootsCommand,
  paginateListAccounts,
} from '@aws-sdk/client-organizations';
import { SSOClient, GetRoleCredentialsCommand } from '@aws-sdk/client-sso';
import { SSOOIDCClient, CreateTokenCommand } from '@aws-sdk/client-sso-oidc';
import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';

const url = process.env.BEDROCK_EMULATOR_URL;
if (!url) throw new Error('Set BEDROCK_EMULATOR_URL to the emulator address (http://127.0.0.1:<port>).');

const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const org = new OrganizationsClient({ region: 'us-east-1', endpoint: url, credentials, maxAttempts: 1 });

test('Organizations: DescribeOrganization names the management account', async () => {
  const { Organization } = await org.send(new DescribeOrganizationCommand({}));
  assert.equal(Organization.MasterAccountId, '111111111111');
  assert.match(Organization.Id, /^o-/);
  assert.equal(Organization.FeatureSet, 'ALL');
});

test('Organizations: ListAccounts pages with NextToken and parses timestamps', async () => {
  const first = await org.send(new ListAccountsCommand({ MaxResults: 1 }));
  assert.equal(first.Accounts.length, 1);
  assert.ok(first.NextToken, 'a second page');
  const all = [];
  for await (const page of paginateListAccounts({ client: org, pageSize: 1 }, {})) all.push(...page.Accounts);
  const byId = Object.fromEntries(all.map(a => [a.Id, a]));
  assert.equal(byId['111111111111'].Name, 'Management');
  assert.equal(byId['111111111111'].Status, 'ACTIVE');
  assert.ok(byId['111111111111'].JoinedTimestamp instanceof Date);
  const suspended = all.filter(a => a.Status === 'SUSPENDED');
  assert.equal(suspended.length, 1);
});

test('Organizations: an OU subtree through ListRoots, ListChildren and ListAccountsForParent', async () => {
  const { Roots } = await org.send(new ListRootsCommand({}));
  assert.equal(Roots.length, 1);
  const { Children: top } = await org.send(new ListChildrenCommand({ ParentId: Roots[0].Id, ChildType: 'ORGANIZATIONAL_UNIT' }));
  assert.equal(top.length, 1);
  assert.equal(top[0].Type, 'ORGANIZATIONAL_UNIT');
  const { Children: below } = await org.send(new ListChildrenCommand({ ParentId: top[0].Id, ChildType: 'ORGANIZATIONAL_UNIT' }));
  assert.equal(below.length, 2, 'three OUs in all');
  const { Accounts: direct } = await org.send(new ListAccountsForParentCommand({ ParentId: top[0].Id }));
  assert.deepEqual(direct.map(a => a.Status), ['SUSPENDED']);
});

test('Organizations: JSON 1.1 errors parse as the SDK exception types', async () => {
  await assert.rejects(org.send(new ListAccountsForParentCommand({ ParentId: 'ou-zzzz-nonexist' })),
    e => e.name === 'ParentNotFoundException' && e.$metadata.httpStatusCode === 400);
  await assert.rejects(org.send(new ListAccountsForParentCommand({ ParentId: 'not-a-parent' })),
    e => e.name === 'InvalidInputException');
  await assert.rejects(org.send(new ListChildrenCommand({ ParentId: 'r-emu1', ChildType: 'POLICY' })),
    e => e.name === 'InvalidInputException');
});

test('SSO portal: GetRoleCredentials trades the access token for working credentials; a bad token is UnauthorizedException', async () => {
  const sso = new SSOClient({ region: 'us-east-1', endpoint: url, maxAttempts: 1 });
  const { roleCredentials } = await sso.send(new GetRoleCredentialsCommand({ accessToken: 'emulator-sso-access-token', accountId: '111111111111', roleName: 'ReadOnly' }));
  assert.match(roleCredentials.accessKeyId, /^ASIA/);
  assert.ok(roleCredentials.expiration > Date.now(), 'epoch milliseconds in the future');
  const sts = new STSClient({ region: 'us-east-1', endpoint: url, maxAttempts: 1, credentials: {
    accessKeyId: roleCredentials.accessKeyId, secretAccessKey: roleCredentials.secretAccessKey, sessionToken: roleCredentials.sessionToken } });
  const me = await sts.send(new GetCallerIdentityCommand({}));
  assert.equal(me.Account, '111111111111');
  assert.match(me.Arn, /assumed-role\/AWSReservedSSO_ReadOnly_/);
  await assert.rejects(sso.send(new GetRoleCredentialsCommand({ accessToken: 'wrong', accountId: '111111111111', roleName: 'ReadOnly' })),
    e => e.name === 'UnauthorizedException' && e.$metadata.httpStatusCode === 401);
  await assert.rejects(sso.send(new GetRoleCredentialsCommand({ accessToken: 'emulator-sso-access-token', accountId: '999999999999', roleName: 'ReadOnly' })),
    e => e.name === 'ForbiddenException');
});

test('SSO OIDC: CreateToken refreshes with the refresh token; a bad one is InvalidGrantException', async () => {
  const oidc = new SSOOIDCClient({ region: 'us-east-1', endpoint: url, maxAttempts: 1 });
  const token = await oidc.send(new CreateTokenCommand({ clientId: 'client', clientSecret: 'secret', grantType: 'refresh_token', refreshToken: 'emulator-sso-refresh-token' }));
  assert.ok(token.accessToken);
  assert.equal(token.tokenType, 'Bearer');
  assert.equal(token.expiresIn, 3600);
  const sso = new SSOClient({ region: 'us-east-1', endpoint: url, maxAttempts: 1 });
  const { roleCredentials } = await sso.send(new GetRoleCredentialsCommand({ accessToken: token.accessToken, accountId: '111111111111', roleName: 'Admin' }));
  assert.ok(roleCredentials.secretAccessKey);
  await assert.rejects(oidc.send(new CreateTokenCommand({ clientId: 'client', clientSecret: 'secret', grantType: 'refresh_token', refreshToken: 'nope' })),
    e => e.name === 'InvalidGrantException');
});
