#!/usr/bin/env node
// Scripted MCP client (TypeScript SDK) that runs AITIP contract scenarios and prints ONE JSON object.
//
//   node mcp-scenario.mjs --http URL --token T [--steps list,call-readonly,train,schema-error,denied]
//   node mcp-scenario.mjs --stdio "<command> <args...>" --token T [--steps ...]
//   options: --denied-tool NAME (default training_submit), --timeout-ms N (per request, default 180000),
//            --connect-timeout-ms N (initialize; default 60000; a stdio child JVM may need longer)
//
// Exit 0 whenever the scenario ran (each step reports ok/checks; the caller asserts), 2 on a crash
// (bad usage, connection failure). Stdio children get the token as AITIP_TOKEN.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ElicitRequestSchema, ResourceUpdatedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';

const ALL_STEPS = ['list', 'call-readonly', 'train', 'schema-error', 'denied'];
/** Steps run only when named: they stop jobs and depend on --elicitation. */
const EXTRA_STEPS = ['confirm-token', 'confirm-elicit', 'job-resource'];

function parseArgs(argv) {
  const opts = { steps: ALL_STEPS, deniedTool: 'training_submit', timeoutMs: 180000, connectTimeoutMs: 60000, token: '', elicitation: 'none' };
  for (let i = 0; i < argv.length; i++) {
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`missing value for ${argv[i]}`);
      return argv[++i];
    };
    switch (argv[i]) {
      case '--http': opts.http = next(); break;
      case '--stdio': opts.stdio = next(); break;
      case '--token': opts.token = next(); break;
      case '--steps': opts.steps = next().split(',').map((s) => s.trim()).filter(Boolean); break;
      case '--denied-tool': opts.deniedTool = next(); break;
      case '--elicitation': opts.elicitation = next(); break; // none | accept | decline
      case '--timeout-ms': opts.timeoutMs = Number(next()); break;
      case '--connect-timeout-ms': opts.connectTimeoutMs = Number(next()); break;
      default: throw new Error(`unknown argument ${argv[i]}`);
    }
  }
  if (!opts.http === !opts.stdio) throw new Error('give exactly one of --http URL or --stdio "<command> <args>"');
  const unknown = opts.steps.filter((s) => !ALL_STEPS.includes(s) && !EXTRA_STEPS.includes(s));
  if (unknown.length) throw new Error(`unknown steps: ${unknown.join(',')}`);
  return opts;
}

// Splits a command line on whitespace, honouring simple single or double quotes.
function splitCommand(line) {
  const parts = line.match(/"[^"]*"|'[^']*'|\S+/g) ?? [];
  return parts.map((p) => (/^(["']).*\1$/.test(p) ? p.slice(1, -1) : p));
}

function makeTransport(opts, stderrTail) {
  if (opts.http) {
    const headers = opts.token ? { Authorization: `Bearer ${opts.token}` } : {};
    return new StreamableHTTPClientTransport(new URL(opts.http), { requestInit: { headers } });
  }
  const [command, ...args] = splitCommand(opts.stdio);
  const env = { ...process.env };
  if (opts.token) env.AITIP_TOKEN = opts.token;
  const transport = new StdioClientTransport({ command, args, env, stderr: 'pipe' });
  // Drain the child's stderr (a full pipe would block it) and keep the tail for diagnostics.
  transport.stderr?.on('data', (chunk) => {
    stderrTail.text = (stderrTail.text + chunk.toString()).slice(-4000);
  });
  return transport;
}

const errorInfo = (e) => ({ message: e?.message ?? String(e), code: e?.code, data: e?.data });
const sc = (result) => result?.structuredContent ?? null;

// A CallToolResult may also arrive as text only; read the envelope from structuredContent or JSON text.
function envelope(result) {
  if (sc(result)) return sc(result);
  const text = result?.content?.find((c) => c.type === 'text')?.text;
  try { return text ? JSON.parse(text) : null; } catch { return null; }
}

function check(name, pass, detail) {
  return { name, pass: Boolean(pass), ...(detail === undefined ? {} : { detail }) };
}

function stepResult(checks, extra) {
  return { ok: checks.every((c) => c.pass), checks, ...extra };
}

async function callTool(client, name, args, opts, extraOptions = {}) {
  return client.callTool({ name, arguments: args }, undefined, { timeout: opts.timeoutMs, ...extraOptions });
}

/** Starts a job that runs until stopped; returns its id. */
async function startSleeper(client, opts) {
  const submit = await callTool(client, 'training_submit', { model: 'sleeper', command: 'sleep 300' }, opts);
  return envelope(submit)?.result?.job_id;
}

async function jobStatus(client, jobId, opts) {
  const job = envelope(await callTool(client, 'training_get', { job_id: jobId }, opts))?.result ?? {};
  return job.status ?? job.job?.status ?? null;
}

const steps = {
  /** Without elicitation: a destructive call answers with a token; the same call with the token runs once. */
  async 'confirm-token'(client, ctx, opts) {
    const jobId = await startSleeper(client, opts);
    const first = await callTool(client, 'training_stop', { job_id: jobId }, opts);
    const token = envelope(first)?.confirmation?.token;
    const checks = [
      check('first call isError', first.isError === true),
      check('code CONFIRMATION_REQUIRED', envelope(first)?.error?.code === 'CONFIRMATION_REQUIRED', envelope(first)?.error?.code),
      check('token returned', typeof token === 'string', token),
      check('job still running before confirmation', ['running', 'queued', 'pending'].includes(await jobStatus(client, jobId, opts))),
    ];
    const confirmed = await client.callTool({ name: 'training_stop', arguments: { job_id: jobId },
      _meta: { 'aitip/confirmation_token': token } }, undefined, { timeout: opts.timeoutMs });
    const replay = await client.callTool({ name: 'training_stop', arguments: { job_id: jobId },
      _meta: { 'aitip/confirmation_token': token } }, undefined, { timeout: opts.timeoutMs });
    const status = await jobStatus(client, jobId, opts);
    checks.push(
      check('confirmed call succeeded', confirmed.isError !== true && envelope(confirmed)?.status === 'succeeded',
        envelope(confirmed)?.status),
      check('job cancelled', status === 'cancelled', status),
      check('token is single use', envelope(replay)?.error?.code === 'CONFIRMATION_REPLAYED', envelope(replay)?.error?.code),
      check('replay answered with a fresh token', typeof envelope(replay)?.confirmation?.token === 'string'
        && envelope(replay).confirmation.token !== token, envelope(replay)?.confirmation),
    );
    return stepResult(checks, { job_id: jobId, first, confirmed, replay });
  },

  /** With elicitation: the server asks the user through the client, and runs the call once they accept. */
  async 'confirm-elicit'(client, ctx, opts) {
    const jobId = await startSleeper(client, opts);
    const before = ctx.elicitations.length;
    const result = await callTool(client, 'training_stop', { job_id: jobId }, opts);
    const asked = ctx.elicitations.length - before;
    const status = await jobStatus(client, jobId, opts);
    const accepted = opts.elicitation === 'accept';
    return stepResult([
      check('server asked by elicitation', asked === 1, asked),
      accepted
        ? check('accepted call succeeded', result.isError !== true, envelope(result)?.status)
        : check('declined call refused', envelope(result)?.error?.code === 'CONFIRMATION_REQUIRED', envelope(result)?.error?.code),
      accepted
        ? check('job cancelled', status === 'cancelled', status)
        : check('job not stopped', ['running', 'queued', 'pending'].includes(status), status),
    ], { job_id: jobId, elicitation: ctx.elicitations.at(-1) ?? null, result });
  },

  /**
   * A training job as a subscribable resource: the template is listed, resources/subscribe succeeds,
   * notifications/resources/updated arrives while the job runs and ends, and the read shows the end.
   */
  async 'job-resource'(client, ctx, opts) {
    const templates = (await client.listResourceTemplates()).resourceTemplates ?? [];
    const submit = await callTool(client, 'training_submit',
      { model: 'resource-watch', command: 'sleep 1; echo first; sleep 1; echo second' }, opts);
    const jobId = envelope(submit)?.result?.job_id;
    const uri = `aitip://training/jobs/${jobId}`;
    await client.subscribeResource({ uri });
    const deadline = Date.now() + 60000;
    let read = null;
    let job = null;
    while (Date.now() < deadline) {
      read = await client.readResource({ uri });
      job = JSON.parse(read.contents?.[0]?.text ?? '{}').job ?? null;
      if (['succeeded', 'failed', 'cancelled'].includes(job?.status)) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    // the end's notification may trail the read that saw it
    const waitUntil = Date.now() + 5000;
    while (!ctx.updated.includes(uri) && Date.now() < waitUntil) await new Promise((r) => setTimeout(r, 100));
    const logs = JSON.parse(read?.contents?.[0]?.text ?? '{}').logs ?? [];
    let missing = null;
    try {
      await client.readResource({ uri: 'aitip://training/jobs/train-00000000' });
    } catch (e) {
      missing = errorInfo(e);
    }
    await client.unsubscribeResource({ uri });
    return stepResult([
      check('template listed', templates.some((t) => t.uriTemplate === 'aitip://training/jobs/{job_id}'),
        templates.map((t) => t.uriTemplate)),
      check('job submitted', typeof jobId === 'string', jobId),
      check('read shows the job ended', job?.status === 'succeeded', job?.status),
      check('read carries log lines', logs.some((l) => l.line === 'second'), logs.length),
      check('notifications/resources/updated received', ctx.updated.includes(uri), ctx.updated.length),
      check('unknown job is resource-not-found', missing?.code === -32002, missing),
    ], { job_id: jobId, updated: ctx.updated.filter((u) => u === uri).length });
  },

  async list(client, ctx) {
    const raw = await client.listTools();
    ctx.toolNames = raw.tools.map((t) => t.name);
    return stepResult([check('has tools', ctx.toolNames.length > 0, ctx.toolNames.length)],
      { names: ctx.toolNames, raw });
  },

  async 'call-readonly'(client, ctx, opts) {
    const result = await callTool(client, 'dataset_list', { limit: 5 }, opts);
    const env = envelope(result);
    return stepResult([
      check('not isError', result.isError !== true),
      check('status succeeded', env?.status === 'succeeded', env?.status),
    ], { result });
  },

  async train(client, ctx, opts) {
    const submit = await callTool(client, 'training_submit', {
      name: 'ts-sdk-job', model: 'tiny-mlp', config: { epochs: 2, learning_rate: 0.01, batch_size: 16 },
    }, opts);
    const jobId = envelope(submit)?.result?.job_id;
    const checks = [check('submit not isError', submit.isError !== true), check('job_id returned', jobId, jobId)];
    if (!jobId) return stepResult(checks, { submit });

    const progress = [];
    const wait = await callTool(client, 'training_wait', { job_id: jobId, timeout_seconds: 120 }, opts, {
      onprogress: (p) => progress.push(p),
      resetTimeoutOnProgress: true,
    });
    const get = await callTool(client, 'training_get', { job_id: jobId }, opts);
    const job = envelope(get)?.result ?? {};
    const finalStatus = job.status ?? job.job?.status ?? null;
    checks.push(
      check('wait not isError', wait.isError !== true),
      check('progress notifications received', progress.length > 0, progress.length),
      check('final status succeeded', finalStatus === 'succeeded', finalStatus),
    );
    return stepResult(checks, {
      job_id: jobId, final_status: finalStatus, progress_count: progress.length, progress, submit, wait, get,
    });
  },

  async 'schema-error'(client, ctx, opts) {
    const result = await callTool(client, 'training_submit', { model: 42 }, opts);
    const error = envelope(result)?.error ?? null;
    return stepResult([
      check('isError true', result.isError === true),
      check('code INVALID_ARGUMENTS', error?.code === 'INVALID_ARGUMENTS', error?.code),
      check('pointer names /model', typeof error?.pointer === 'string' && error.pointer.includes('/model'),
        error?.pointer),
    ], { error, result });
  },

  async denied(client, ctx, opts) {
    if (!ctx.toolNames) ctx.toolNames = (await client.listTools()).tools.map((t) => t.name);
    const listed = ctx.toolNames.includes(opts.deniedTool);
    const result = await callTool(client, opts.deniedTool, { model: 'tiny-mlp' }, opts);
    const error = envelope(result)?.error ?? null;
    return stepResult([
      check('isError true', result.isError === true),
      check('code PERMISSION_DENIED', error?.code === 'PERMISSION_DENIED', error?.code),
      check('tool not listed', !listed),
    ], { tool: opts.deniedTool, listed_in_tools_list: listed, error, result });
  },
};

async function main() {
  let opts;
  const out = { client: 'typescript-sdk@1.32.2', steps: {} };
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    out.error = errorInfo(e);
    process.stdout.write(JSON.stringify(out) + '\n');
    return 2;
  }
  out.transport = opts.http ? 'http' : 'stdio';
  const stderrTail = { text: '' };
  const elicit = opts.elicitation !== 'none';
  const client = new Client({ name: 'aitip-ts-sdk-scenario', version: '1.0.0' },
    { capabilities: elicit ? { elicitation: {} } : {} });
  const ctx = { elicitations: [], updated: [] };
  client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => { ctx.updated.push(n.params.uri); });
  if (elicit) {
    client.setRequestHandler(ElicitRequestSchema, async (request) => {
      ctx.elicitations.push(request.params);
      return opts.elicitation === 'accept' ? { action: 'accept', content: { confirm: true } } : { action: 'decline' };
    });
  }
  try {
    await client.connect(makeTransport(opts, stderrTail), { timeout: opts.connectTimeoutMs });
  } catch (e) {
    out.error = { step: 'connect', ...errorInfo(e) };
    if (stderrTail.text) out.server_stderr_tail = stderrTail.text;
    process.stdout.write(JSON.stringify(out) + '\n');
    await client.close().catch(() => {});
    return 2;
  }
  out.server = client.getServerVersion() ?? null;
  out.protocol_version = client.transport?.protocolVersion ?? null;
  for (const name of opts.steps) {
    const started = Date.now();
    try {
      out.steps[name] = await steps[name](client, ctx, opts);
    } catch (e) {
      // A thrown error is a failed step (e.g. JSON-RPC error, client-side outputSchema validation).
      out.steps[name] = { ok: false, exception: errorInfo(e) };
    }
    out.steps[name].duration_ms = Date.now() - started;
  }
  out.ok = Object.values(out.steps).every((s) => s.ok);
  await client.close().catch(() => {});
  if (stderrTail.text && !out.ok) out.server_stderr_tail = stderrTail.text;
  process.stdout.write(JSON.stringify(out) + '\n');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stdout.write(JSON.stringify({ ok: false, error: { step: 'crash', ...errorInfo(e) } }) + '\n');
    process.exit(2);
  },
);
