'use strict';
// Fidelity test: drive the real `graph-emulator` binary with Microsoft's own
// Graph JavaScript SDK (@microsoft/microsoft-graph-client, unchanged from
// npm). If the SDK's response handling, error parsing, paging and retry
// middleware work against the emulator, the emulator speaks Graph well enough
// for a client we did not write.
//
// Usage: node fidelity.test.js PATH/TO/graph-emulator
//    or: GRAPH_EMULATOR_BIN=... node fidelity.test.js
// Needs `npm ci --prefix tests/emulator_fidelity` first.
//
// How the emulator's throwaway CA is trusted
// -------------------------------------------
// The SDK calls the global `fetch` (Node 20's built-in undici). That fetch
// takes no https.Agent and no `ca` option, and its `dispatcher` option needs
// an undici Agent, which Node 20 does not expose without installing the
// `undici` package. NODE_EXTRA_CA_CERTS is honoured by every TLS connection
// that uses the default trust store, fetch included, but Node reads it only
// at start-up. So this file runs in two roles:
//   1. launcher (no FIDELITY_STATE_DIR in the environment): starts
//      graph-emulator, waits for <state dir>/endpoint, then re-runs this file
//      as `node --test fidelity.test.js` with NODE_EXTRA_CA_CERTS=<dir>/ca.pem
//      and FIDELITY_STATE_DIR=<dir>, and finally stops the emulator (SIGTERM,
//      then SIGKILL) whatever the outcome;
//   2. tests (FIDELITY_STATE_DIR set): the node:test cases below.
// The SDK itself is configured only with its documented options: baseUrl,
// defaultVersion, authProvider and customHosts. customHosts is needed because
// the SDK's AuthenticationHandler attaches the bearer token only to Graph
// hosts (graph.microsoft.com, ...) or to hosts listed there.

const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const STARTUP_TIMEOUT_MS = 30000;
// caller_is_admin: the paging test invites a Member, which the emulator
// otherwise refuses for an app-only caller (docs/graph-emulator.md).
const BASE_CONFIG = { seed: 42, tenant_policy: { caller_is_admin: true } };
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// A missing node_modules must fail loudly, not look like a passing run.
function requireDependency(name) {
  try {
    return require(name);
  } catch (error) {
    if (error.code !== 'MODULE_NOT_FOUND') throw error;
    console.error(`${name} is not installed: run ` +
                  '`npm ci --prefix tests/emulator_fidelity`');
    process.exit(1);
  }
}

// ---------------------------------------------------------------- launcher

function emulatorBinary() {
  const fromArgs = process.argv.slice(2).find((arg) => !arg.startsWith('-'));
  const binary = process.env.GRAPH_EMULATOR_BIN || fromArgs;
  if (!binary) {
    console.error('usage: node fidelity.test.js PATH/TO/graph-emulator ' +
                  '(or set GRAPH_EMULATOR_BIN)');
    process.exit(2);
  }
  return binary;
}

async function launcher() {
  requireDependency('@microsoft/microsoft-graph-client');
  const binary = emulatorBinary();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gi-emulator-fidelity-'));
  const stateDir = path.join(dir, 'state');
  const configFile = path.join(dir, 'config.json');
  const logFile = path.join(dir, 'emulator.log');
  fs.writeFileSync(configFile, JSON.stringify(BASE_CONFIG));

  const log = fs.openSync(logFile, 'w');
  const emulator = spawn(binary, ['--listen=127.0.0.1:0', `--state-dir=${stateDir}`,
                                  `--config=${configFile}`],
                         { stdio: ['ignore', log, log] });
  fs.closeSync(log);
  let exited = null;
  const exitedPromise = new Promise((resolve) => {
    emulator.on('exit', (code, signal) => { exited = { code, signal }; resolve(); });
    emulator.on('error', (error) => { exited = { error: String(error) }; resolve(); });
  });
  // Last resort if this process dies abruptly.
  const killOnExit = () => { if (!exited) emulator.kill('SIGKILL'); };
  process.on('exit', killOnExit);

  const logTail = (lines = 40) => {
    if (!fs.existsSync(logFile)) return '(no emulator log)';
    const all = fs.readFileSync(logFile, 'utf8').split('\n');
    return `--- graph-emulator log (tail) ---\n${all.slice(-lines).join('\n')}`;
  };

  let child = null;
  const stop = async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    if (!exited) {
      emulator.kill('SIGTERM');
      await Promise.race([exitedPromise, sleep(5000)]);
      if (!exited) {
        emulator.kill('SIGKILL');
        await Promise.race([exitedPromise, sleep(2000)]);
      }
    }
    process.removeListener('exit', killOnExit);
  };
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, async () => {
      await stop();
      fs.rmSync(dir, { recursive: true, force: true });
      process.exit(1);
    });
  }

  let code = 1;
  try {
    const endpointFile = path.join(stateDir, 'endpoint');
    const deadline = Date.now() + STARTUP_TIMEOUT_MS;
    while (!fs.existsSync(endpointFile)) {
      if (exited) throw new Error(`graph-emulator exited (${JSON.stringify(exited)}) before listening`);
      if (Date.now() > deadline) throw new Error(`no ${endpointFile} after ${STARTUP_TIMEOUT_MS} ms`);
      await sleep(50);
    }
    child = spawn(process.execPath, ['--test', __filename], {
      stdio: 'inherit',
      env: {
        ...process.env,
        FIDELITY_STATE_DIR: stateDir,
        NODE_EXTRA_CA_CERTS: path.join(stateDir, 'ca.pem'),
      },
    });
    code = await new Promise((resolve) => {
      child.on('exit', (status, signal) => resolve(status === null ? 1 : status));
      child.on('error', (error) => { console.error(error); resolve(1); });
    });
  } catch (error) {
    console.error(String(error && error.stack || error));
    code = 1;
  } finally {
    await stop();
    if (code !== 0) console.error(logTail());
    if (exited && exited.code !== 0 && exited.signal !== 'SIGTERM') {
      console.error(`graph-emulator did not stop cleanly: ${JSON.stringify(exited)}`);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
  process.exit(code);
}

// ------------------------------------------------------------------- tests

function tests() {
  const { after, afterEach, before, beforeEach, describe, it } = require('node:test');
  const {
    BatchRequestContent, BatchResponseContent, Client, GraphError, PageIterator,
  } = requireDependency('@microsoft/microsoft-graph-client');

  const stateDir = process.env.FIDELITY_STATE_DIR;
  const endpoint = fs.readFileSync(path.join(stateDir, 'endpoint'), 'utf8').trim();
  const credentials = JSON.parse(fs.readFileSync(path.join(stateDir, 'credentials.json'), 'utf8'));
  const host = new URL(endpoint).hostname;  // 127.0.0.1
  const GROUP_ID = '5f1c3a2e-8b4d-4e6f-9a10-1b2c3d4e5f01';  // default "Fabrikam Partners"

  // The emulator's test-only control endpoints (no auth, never counted).
  async function control(method, controlPath, body) {
    const response = await fetch(`${endpoint}/_emulator/${controlPath}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} /_emulator/${controlPath}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : null;
  }
  const ledger = () => control('GET', 'ledger');
  const requestCount = (l, key, status) => ((l.requests[key] || {})[String(status)] || 0);

  // A plain client-credentials form POST, as any OAuth client would send it.
  async function getToken() {
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: credentials.client_id,
      client_secret: credentials.client_secret,
      scope: 'https://graph.microsoft.com/.default',
    });
    const response = await fetch(`${endpoint}/${credentials.tenant_id}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    const body = await response.json();
    assert.equal(response.status, 200, JSON.stringify(body));
    assert.equal(body.token_type, 'Bearer');
    assert.equal(typeof body.access_token, 'string');
    return body.access_token;
  }

  function invitation(email, extra = {}) {
    return {
      invitedUserEmailAddress: email,
      inviteRedirectUrl: 'https://myapps.microsoft.com',
      sendInvitationMessage: false,
      ...extra,
    };
  }

  describe('graph-emulator driven by @microsoft/microsoft-graph-client', () => {
    let client;

    before(async () => {
      assert.ok(process.env.NODE_EXTRA_CA_CERTS, 'launcher must set NODE_EXTRA_CA_CERTS');
      const token = await getToken();
      // Default middleware chain (Authentication, Retry, Redirect, Telemetry,
      // HTTPMessage); only the host differs from production use.
      client = Client.init({
        authProvider: (done) => done(null, token),
        baseUrl: endpoint,           // the SDK joins baseUrl + defaultVersion + path
        defaultVersion: 'v1.0',
        customHosts: new Set([host]),
      });
    });

    beforeEach(async () => { await control('POST', 'reset'); });

    it('POST /invitations returns the documented 201 shape', async () => {
      const email = 'alice.fidelity@fabrikam.example';
      const result = await client.api('/invitations').post(invitation(email, {
        invitedUserDisplayName: 'Alice Fidelity',
      }));
      assert.match(result['@odata.context'], /\$metadata#invitations\/\$entity$/);
      assert.match(result.id, GUID);
      assert.match(result.invitedUser.id, GUID);
      assert.notEqual(result.id, result.invitedUser.id);
      assert.equal(typeof result.inviteRedeemUrl, 'string');
      assert.ok(new URL(result.inviteRedeemUrl).protocol === 'https:', result.inviteRedeemUrl);
      assert.equal(result.status, 'PendingAcceptance');
      assert.equal(result.invitedUserEmailAddress, email);
      assert.equal(result.invitedUserDisplayName, 'Alice Fidelity');
      assert.equal(result.invitedUserType, 'Guest');
      assert.equal(result.inviteRedirectUrl, 'https://myapps.microsoft.com');
      assert.equal(result.sendInvitationMessage, false);

      const l = await ledger();
      assert.equal(l.users.length, 1);
      assert.equal(l.users[0].id, result.invitedUser.id);
      assert.equal(l.users[0].mail, email);
      assert.equal(l.users[0].userType, 'Guest');
      assert.equal(l.users[0].externalUserState, 'PendingAcceptance');
      assert.equal(requestCount(l, 'POST /v1.0/invitations', 201), 1);
    });

    it('group member add succeeds once; a duplicate is a GraphError 400 Request_BadRequest', async () => {
      const invited = await client.api('/invitations').post(invitation('bob.fidelity@contoso.example'));
      const userId = invited.invitedUser.id;
      const ref = { '@odata.id': `${endpoint}/v1.0/directoryObjects/${userId}` };

      await client.api(`/groups/${GROUP_ID}/members/$ref`).post(ref);  // 204, no body
      await assert.rejects(
        client.api(`/groups/${GROUP_ID}/members/$ref`).post(ref),
        (error) => {
          assert.ok(error instanceof GraphError, `not a GraphError: ${error}`);
          assert.equal(error.statusCode, 400);
          assert.equal(error.code, 'Request_BadRequest');
          assert.match(error.message, /already exist/);
          assert.match(error.requestId, GUID);
          return true;
        });

      const l = await ledger();
      assert.equal(l.memberships.length, 1);
      assert.equal(l.memberships[0].group_id, GROUP_ID);
      assert.equal(l.memberships[0].user_id, userId);
      const key = 'POST /v1.0/groups/{id}/members/$ref';
      assert.equal(requestCount(l, key, 204), 1);
      assert.equal(requestCount(l, key, 400), 1);
    });

    it('PageIterator follows @odata.nextLink across $top pages of $filter results', async () => {
      const guestIds = [];
      for (let i = 0; i < 7; ++i) {
        const r = await client.api('/invitations').post(invitation(`guest${i}@paging.example`));
        guestIds.push(r.invitedUser.id);
      }
      // A Member must not show up in a userType eq 'Guest' listing.
      await client.api('/invitations').post(invitation('member@paging.example',
                                                        { invitedUserType: 'Member' }));

      const firstPage = await client.api('/users').filter("userType eq 'Guest'").top(3).get();
      assert.equal(firstPage.value.length, 3);
      assert.ok(firstPage['@odata.nextLink'], 'first page must have @odata.nextLink');
      assert.ok(firstPage['@odata.nextLink'].startsWith(`${endpoint}/v1.0/users?`),
                firstPage['@odata.nextLink']);

      const seen = [];
      const iterator = new PageIterator(client, firstPage, (user) => {
        seen.push(user.id);
        return true;  // keep going
      });
      await iterator.iterate();
      assert.ok(iterator.isComplete());
      assert.deepEqual(seen, guestIds);

      const l = await ledger();
      assert.equal(l.users.length, 8);
      assert.equal(requestCount(l, 'GET /v1.0/users', 200), 3);  // 3 + 3 + 1
    });

    describe('RetryHandler against token-bucket throttling', () => {
      afterEach(async () => { await control('PUT', 'config', BASE_CONFIG); });

      it('writes beyond the budget get 429 + Retry-After and all succeed after retries', async () => {
        // 3 writes per 150 s × 0.01 = 1.5 s: one write back every 0.5 s;
        // Retry-After (time until room, rounded up) is then 1 s, which the
        // SDK's RetryHandler honours instead of its 3 s default delay.
        await control('PUT', 'config', {
          ...BASE_CONFIG,
          throttling: {
            enabled: true, time_scale: 0.01, app_tenant_writes: 3, retry_after: 'integer',
          },
        });
        const count = 8;
        const started = Date.now();
        const ids = [];
        for (let i = 0; i < count; ++i) {
          const r = await client.api('/invitations').post(invitation(`burst${i}@throttle.example`));
          assert.match(r.invitedUser.id, GUID);
          ids.push(r.invitedUser.id);
        }
        const elapsedS = (Date.now() - started) / 1000;
        assert.ok(elapsedS < 25, `took ${elapsedS} s`);

        const l = await ledger();
        assert.ok(l.throttled > 0, `ledger.throttled = ${l.throttled}`);
        assert.ok(requestCount(l, 'POST /v1.0/invitations', 429) > 0,
                  JSON.stringify(l.requests));
        assert.equal(requestCount(l, 'POST /v1.0/invitations', 201), count);
        assert.deepEqual(l.users.map((u) => u.id), ids);  // throttled calls were not applied
      });
    });

    describe('JSON batching with BatchRequestContent / BatchResponseContent', () => {
      afterEach(async () => { await control('PUT', 'config', BASE_CONFIG); });

      // SDK 3.0.7 strips only scheme and host from a Request's URL, so the
      // URL must leave out the version segment for the item url to be
      // relative to the version root (msgraph-sdk-javascript#1178, #1451).
      const item = (id, method, relative, body) => ({
        id,
        request: new Request(`${endpoint}${relative}`, body === undefined
          ? { method }
          : { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
      });
      async function postBatch(content) {
        const raw = await client.api('/$batch').post(await content.getContent());
        return new BatchResponseContent(raw);
      }

      it('two invitation POSTs and a GET come back per id, each counted under its own route', async () => {
        await control('PUT', 'config', { ...BASE_CONFIG, batch: { response_order: 'shuffled' } });
        const content = new BatchRequestContent([
          item('inv-a', 'POST', '/invitations', invitation('carol.batch@fabrikam.example')),
          item('inv-b', 'POST', '/invitations', invitation('dave.batch@contoso.example')),
          item('list', 'GET', "/users?$filter=userType eq 'Guest'"),
        ]);
        const responses = await postBatch(content);
        assert.equal(responses.getResponses().size, 3);

        const a = responses.getResponseById('inv-a');
        const b = responses.getResponseById('inv-b');
        const list = responses.getResponseById('list');
        assert.equal(a.status, 201);
        assert.equal(b.status, 201);
        assert.equal(list.status, 200);
        const aBody = await a.json();
        const bBody = await b.json();
        assert.equal(aBody.invitedUserEmailAddress, 'carol.batch@fabrikam.example');
        assert.match(aBody.invitedUser.id, GUID);
        assert.ok(Array.isArray((await list.json()).value));

        const l = await ledger();
        assert.deepEqual(l.users.map((u) => u.id).sort(),
                         [aBody.invitedUser.id, bBody.invitedUser.id].sort());
        assert.equal(l.batches, 1);
        assert.equal(l.batch_items, 3);
        assert.equal(requestCount(l, 'POST /v1.0/invitations', 201), 2);
        assert.equal(requestCount(l, 'GET /v1.0/users', 200), 1);
        assert.equal(requestCount(l, 'POST /v1.0/$batch', 200), 1);
      });

      it('addDependency sequences items; a failed dependency gives 424', async () => {
        const ok = new BatchRequestContent([
          item('1', 'POST', '/invitations', invitation('erin.batch@fabrikam.example')),
          item('2', 'GET', "/users?$filter=mail eq 'erin.batch@fabrikam.example'"),
        ]);
        ok.addDependency('2', '1');
        const okResponses = await postBatch(ok);
        assert.equal(okResponses.getResponseById('1').status, 201);
        const found = okResponses.getResponseById('2');
        assert.equal(found.status, 200);
        assert.equal((await found.json()).value.length, 1);  // ran after the invite

        const failing = new BatchRequestContent([
          item('1', 'POST', '/invitations', invitation('not-an-address')),
          item('2', 'POST', '/invitations', invitation('frank.batch@fabrikam.example')),
        ]);
        failing.addDependency('2', '1');
        const failed = await postBatch(failing);
        assert.equal(failed.getResponseById('1').status, 400);
        const dependent = failed.getResponseById('2');
        assert.equal(dependent.status, 424);
        assert.equal((await dependent.json()).error.code, 'FailedDependency');

        const l = await ledger();
        assert.deepEqual(l.users.map((u) => u.mail), ['erin.batch@fabrikam.example']);
        assert.equal(requestCount(l, 'POST /v1.0/invitations', 424), 1);
      });

      it('a throttled item is a 429 with retry-after inside the 200 envelope and is not applied', async () => {
        await control('PUT', 'config', {
          ...BASE_CONFIG,
          throttling: { enabled: true, app_tenant_writes: 1, retry_after: 'integer' },
        });
        const content = new BatchRequestContent([
          item('w1', 'POST', '/invitations', invitation('gina.batch@fabrikam.example')),
          item('w2', 'POST', '/invitations', invitation('hank.batch@fabrikam.example')),
        ]);
        const responses = await postBatch(content);
        const statuses = ['w1', 'w2'].map((id) => responses.getResponseById(id).status);
        assert.deepEqual(statuses, [201, 429]);
        const throttled = responses.getResponseById('w2');
        assert.match(throttled.headers.get('retry-after'), /^[0-9]+$/);
        assert.equal((await throttled.json()).error.code, 'TooManyRequests');

        const l = await ledger();
        assert.deepEqual(l.users.map((u) => u.mail), ['gina.batch@fabrikam.example']);
        assert.equal(l.throttled, 1);
        assert.equal(requestCount(l, 'POST /v1.0/invitations', 429), 1);
      });
    });
  });
}

if (process.env.FIDELITY_STATE_DIR) {
  tests();
} else {
  launcher().catch((error) => { console.error(error); process.exit(1); });
}
