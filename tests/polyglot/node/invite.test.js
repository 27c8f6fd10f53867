'use strict';
// A Node.js gRPC client (grpc-js + proto-loader, proto loaded at run time
// from proto/) invites through guest-invitation-server --dev.
//
// Usage: node invite.test.js PATH/TO/guest-invitation-server
//    or: GUESTINV_SERVER_BIN=... node --test invite.test.js
// Needs `npm ci --prefix tests/polyglot/node` first.

const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { after, before, describe, it } = require('node:test');

// A missing node_modules must fail loudly, not look like a passing run.
function requireDependency(name) {
  try {
    return require(name);
  } catch (error) {
    if (error.code !== 'MODULE_NOT_FOUND') throw error;
    console.error(`${name} is not installed: run ` +
                  '`npm ci --prefix tests/polyglot/node`');
    process.exit(1);
  }
}
const grpc = requireDependency('@grpc/grpc-js');
const protoLoader = requireDependency('@grpc/proto-loader');

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const PROTO_DIR = path.join(REPO_ROOT, 'proto');
const STARTUP_TIMEOUT_MS = 60000;
const RPC_TIMEOUT_MS = 30000;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function serverBinary() {
  const fromArgs = process.argv.slice(2).find((arg) => !arg.startsWith('-'));
  const binary = process.env.GUESTINV_SERVER_BIN || fromArgs;
  if (!binary) {
    console.error('usage: node invite.test.js PATH/TO/guest-invitation-server ' +
                  '(or set GUESTINV_SERVER_BIN)');
    process.exit(2);
  }
  return binary;
}

function loadPackage(file) {
  const definition = protoLoader.loadSync(file, {
    keepCase: true, longs: String, enums: String, defaults: true,
    oneofs: true, includeDirs: [PROTO_DIR],
  });
  return grpc.loadPackageDefinition(definition);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// guest-invitation-server --dev on 127.0.0.1, port read from --port-file.
class DevServer {
  constructor(binary) {
    this.binary = binary;
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gi-polyglot-node-'));
    this.portFile = path.join(this.dir, 'port');
    this.logFile = path.join(this.dir, 'server.log');
    this.exited = null;
  }

  async start() {
    const log = fs.openSync(this.logFile, 'w');
    this.child = spawn(this.binary, ['--dev', '--listen=127.0.0.1:0',
                                     `--port-file=${this.portFile}`],
                       { cwd: this.dir, stdio: ['ignore', log, log] });
    fs.closeSync(log);
    this.child.on('exit', (code, signal) => { this.exited = { code, signal }; });
    // Never leave a server behind, even if the test process bails out.
    this.killOnExit = () => this.child.kill('SIGKILL');
    process.on('exit', this.killOnExit);
    this.address = `127.0.0.1:${await this.waitForPort()}`;
  }

  async waitForPort() {
    const deadline = Date.now() + STARTUP_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (this.exited) {
        throw new Error(`server exited (${JSON.stringify(this.exited)}) ` +
                        `before writing its port\n${this.logTail()}`);
      }
      // The file may be caught half-written: retry until it parses.
      const text = fs.existsSync(this.portFile)
        ? fs.readFileSync(this.portFile, 'utf8').trim() : '';
      if (/^\d+$/.test(text)) return Number(text);
      await sleep(50);
    }
    throw new Error(`no port file after ${STARTUP_TIMEOUT_MS} ms\n${this.logTail()}`);
  }

  async waitUntilServing(healthClient) {
    const deadline = Date.now() + STARTUP_TIMEOUT_MS;
    let last = 'no answer';
    while (Date.now() < deadline) {
      try {
        const response = await unary(healthClient, 'Check', { service: '' }, 5000);
        if (response.status === 'SERVING') return;
        last = response.status;
      } catch (error) {
        last = `${error.code}: ${error.details}`;
      }
      await sleep(200);
    }
    throw new Error(`server not SERVING (last: ${last})\n${this.logTail()}`);
  }

  // SIGTERM lets the server drain; SIGKILL if it lingers.
  async stop() {
    if (this.child && !this.exited) {
      this.child.kill('SIGTERM');
      for (let i = 0; i < 100 && !this.exited; ++i) await sleep(100);
      if (!this.exited) this.child.kill('SIGKILL');
    }
    if (this.killOnExit) process.removeListener('exit', this.killOnExit);
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  logTail(lines = 40) {
    if (!fs.existsSync(this.logFile)) return '(no server log)';
    const all = fs.readFileSync(this.logFile, 'utf8').split('\n');
    return `--- server log (tail) ---\n${all.slice(-lines).join('\n')}`;
  }
}

function unary(client, method, request, timeoutMs = RPC_TIMEOUT_MS) {
  return new Promise((resolve, reject) => {
    client[method](request, { deadline: Date.now() + timeoutMs },
                   (error, response) => (error ? reject(error) : resolve(response)));
  });
}

describe('guest-invitation-server --dev from Node.js', () => {
  const server = new DevServer(serverBinary());
  let client;
  let health;

  before(async () => {
    await server.start();
    const api = loadPackage('guestinvitation/v1/guest_invitation.proto');
    const healthApi = loadPackage('grpc/health/v1/health.proto');
    const credentials = grpc.credentials.createInsecure();
    client = new api.guestinvitation.v1.GuestInvitationService(server.address, credentials);
    health = new healthApi.grpc.health.v1.Health(server.address, credentials);
    await server.waitUntilServing(health);
  });

  after(async () => {
    if (client) client.close();
    if (health) health.close();
    await server.stop();
  });

  it('invites carol@contoso.com', async () => {
    const response = await unary(client, 'CreateInvitation', {
      invited_user_email_address: 'carol@contoso.com',
      invite_redirect_url: 'https://myapp.fabrikam.com',
      invited_user_display_name: 'Polyglot Node',
      request_id: crypto.randomUUID(),
    });
    const invitation = response.invitation;
    assert.match(invitation.invited_user_id, GUID);
    assert.ok(invitation.invite_redeem_url.length > 0, 'redeem URL is empty');
    assert.equal(invitation.status, 'INVITATION_STATUS_PENDING_ACCEPTANCE');
  });

  it('rejects an invalid request with INVALID_ARGUMENT and details', async () => {
    await assert.rejects(
      unary(client, 'CreateInvitation', {
        invited_user_email_address: 'not-an-email',
        invite_redirect_url: 'https://myapp.fabrikam.com',
        request_id: crypto.randomUUID(),
      }),
      (error) => {
        assert.equal(error.code, grpc.status.INVALID_ARGUMENT, error.message);
        const details = error.metadata.get('grpc-status-details-bin');
        assert.ok(details.length > 0 && details[0].length > 0,
                  'no grpc-status-details-bin trailer');
        return true;
      });
  });
});
