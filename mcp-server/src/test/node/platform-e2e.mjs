#!/usr/bin/env node
// The platform's end-to-end scenario through MCP with the official TypeScript SDK, as two people:
// a creator (who accepts confirmations through elicitation) and an approver (another org admin).
//
//   node platform-e2e.mjs --http URL --token CREATOR --approver-token APPROVER [--timeout-ms N]
//
// dataset → train → model (two versions) → deploy (built-in runtime, weak profile) → evaluate →
// prompt-injection simulation (weak fails, hardened passes) → canary release → approval by the other
// person → promote through every stage → rollback. Prints ONE JSON object: every step with its
// checks; exit 0 whenever the scenario ran (the Java test asserts), 2 on a crash.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';

function parseArgs(argv) {
  const opts = { timeoutMs: 300000 };
  for (let i = 0; i < argv.length; i += 2) {
    const value = argv[i + 1];
    switch (argv[i]) {
      case '--http': opts.http = value; break;
      case '--token': opts.token = value; break;
      case '--approver-token': opts.approverToken = value; break;
      case '--timeout-ms': opts.timeoutMs = Number(value); break;
      default: throw new Error(`unknown argument ${argv[i]}`);
    }
  }
  if (!opts.http || !opts.token || !opts.approverToken) throw new Error('need --http, --token and --approver-token');
  return opts;
}

async function connect(opts, token, elicitations) {
  const client = new Client({ name: 'aitip-platform-e2e', version: '1.0.0' }, { capabilities: { elicitation: {} } });
  client.setRequestHandler(ElicitRequestSchema, async (request) => {
    elicitations.push(request.params.message);
    return { action: 'accept', content: { confirm: true } };
  });
  const transport = new StreamableHTTPClientTransport(new URL(opts.http),
    { requestInit: { headers: { Authorization: `Bearer ${token}` } } });
  await client.connect(transport, { timeout: 60000 });
  return client;
}

const envelope = (r) => {
  if (r?.structuredContent) return r.structuredContent;
  const text = r?.content?.find((c) => c.type === 'text')?.text;
  try { return text ? JSON.parse(text) : null; } catch { return null; }
};
const check = (name, pass, detail) => ({ name, pass: Boolean(pass), ...(detail === undefined ? {} : { detail }) });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function call(client, opts, name, args) {
  const reply = envelope(await client.callTool({ name, arguments: args }, undefined, { timeout: opts.timeoutMs }));
  return { status: reply?.status, result: reply?.result ?? null, error: reply?.error ?? null, approval: reply?.approval ?? null };
}

/** Polls a read tool until `done(result)` holds or the time is up; returns the last result. */
async function until(client, opts, name, args, done, seconds = 240) {
  let last;
  for (let waited = 0; waited < seconds * 1000; waited += 1000) {
    last = await call(client, opts, name, args);
    if (last.result && done(last.result)) return last;
    await sleep(1000);
  }
  return last;
}

async function scenario(creator, approver, opts, ctx) {
  const steps = [];
  const step = (name, checks, data) => { steps.push({ name, ok: checks.every((c) => c.pass), checks, data }); };
  const suffix = Date.now().toString(36);

  const dataset = await call(creator, opts, 'dataset_register',
    { name: `support-chats-${suffix}`, uri: 's3://aitip-e2e/support-chats.jsonl', format: 'jsonl', description: 'customer service chats' });
  const datasetId = dataset.result?.id ?? dataset.result?.dataset_id;
  step('dataset_register', [check('registered', dataset.status === 'succeeded' && /^ds-/.test(datasetId), dataset)]);

  const submit = await call(creator, opts, 'training_submit',
    { model: 'tiny-chat', dataset: datasetId, config: { epochs: 1, learning_rate: 0.1 } });
  const jobId = submit.result?.job_id;
  const waited = await call(creator, opts, 'training_wait', { job_id: jobId, timeout_seconds: 240 });
  const jobStatus = waited.result?.status ?? waited.result?.job?.status;
  step('train', [check('submitted', /^train-/.test(jobId), submit), check('succeeded', jobStatus === 'succeeded', waited)]);

  const modelName = `tiny-chat-${suffix}`;
  const v1 = await call(creator, opts, 'model_register', { name: modelName, job_id: jobId, framework: 'pytorch' });
  // v2: the safety-tuned build of the same model, an artifact made elsewhere (the built-in runtime's hardened profile)
  const v2 = await call(creator, opts, 'model_register', { name: modelName, uri: 'builtin://tiny-chat?profile=hardened' });
  step('model_register', [
    check('v1 registered', v1.status === 'succeeded', v1),
    check('v2 registered', v2.status === 'succeeded' && v2.result?.version?.version === 'v2', v2),
    check('lineage to the job', JSON.stringify(v1.result).includes(jobId), v1.result),
  ]);

  const deploy = await call(creator, opts, 'inference_deploy',
    { name: `support-bot-${suffix}`, model: modelName, model_version: 'v1', runtime: 'builtin', profile: 'weak' });
  const serviceId = deploy.result?.service_id ?? deploy.result?.id;
  const ready = await until(creator, opts, 'inference_get', { service: serviceId }, (r) => r.status === 'ready' || r.status === 'failed');
  step('inference_deploy', [check('deploying', /^svc-/.test(serviceId), deploy), check('ready', ready?.result?.status === 'ready', ready)]);

  const evaluation = await call(creator, opts, 'evaluation_run',
    { model: modelName, model_version: 'v1', benchmark: 'gsm8k', target: serviceId });
  const evalResult = evaluation.result ?? {};
  const score = evalResult.score ?? evalResult.aggregates?.score ?? evalResult.metrics?.exact_match;
  step('evaluation_run', [
    check('evaluated', evaluation.status === 'succeeded' && /^eval-/.test(evalResult.eval_id ?? ''), evaluation),
    check('a real score between 0 and 1', typeof score === 'number' && score > 0 && score < 1, evalResult),
  ]);

  const weak = await call(creator, opts, 'simulation_run', { target: serviceId, scenario: 'prompt_injection' });
  const hardenedDeploy = await call(creator, opts, 'inference_deploy',
    { name: `support-bot-hardened-${suffix}`, model: modelName, model_version: 'v2', runtime: 'builtin', profile: 'hardened' });
  const hardenedId = hardenedDeploy.result?.service_id ?? hardenedDeploy.result?.id;
  const hardenedReady = await until(creator, opts, 'inference_get', { service: hardenedId },
    (r) => r.status === 'ready' || r.status === 'failed');
  const hardened = await call(creator, opts, 'simulation_run', { target: hardenedId, scenario: 'prompt_injection' });
  step('simulation_run', [
    check('weak model fails', weak.status === 'succeeded' && weak.result?.passed === false, weak.result?.safety_score),
    check('planted leak found', weak.result?.by_detector?.canary > 0, weak.result?.by_detector),
    check('hardened model passes', hardened.result?.passed === true && hardened.result?.safety_score === 100,
      { deploy: hardenedDeploy, ready: hardenedReady?.result?.status, simulation: hardened }),
  ]);
  await call(creator, opts, 'inference_stop', { service: hardenedId });

  const release = await call(creator, opts, 'release_create',
    { model: modelName, model_version: 'v2', strategy: 'canary', stages: [10, 50, 100], service: serviceId, profile: 'hardened' });
  const releaseId = release.result?.release_id ?? release.result?.id;
  const selfApproval = await call(creator, opts, 'release_approve', { release_id: releaseId, comment: 'my own' });
  const approval = await call(approver, opts, 'release_approve', { release_id: releaseId, comment: 'safety simulation passed' });
  step('release_create+approve', [
    check('created', /^rel-/.test(releaseId ?? ''), release),
    check('creator cannot approve', selfApproval.error?.code === 'PERMISSION_DENIED', selfApproval.error),
    check('another admin approves', approval.status === 'succeeded', approval),
  ]);

  const promotions = [];
  for (let i = 0; i < 3; i++) {
    let promoted = await call(creator, opts, 'release_promote', { release_id: releaseId });
    if (promoted.status === 'pending_approval' && promoted.approval?.id) {
      // the policy engine holds a release to production for another person's approval
      const decided = await call(approver, opts, 'approvals_decide', { approval_id: promoted.approval.id, decision: 'approve' });
      promoted = { ...promoted, approvals_decide: decided };
    }
    const state = await call(creator, opts, 'release_get', { release_id: releaseId });
    promotions.push({ promoted, state: state.result });
  }
  const finalState = promotions.at(-1)?.state ?? {};
  const service = await call(creator, opts, 'inference_get', { service: serviceId });
  step('release_promote', [
    check('three promotions went through', promotions.every((p) => p.promoted.status === 'succeeded'
      || p.promoted.approvals_decide?.status === 'succeeded'), promotions),
    check('only the step to 100 % waited for approval', promotions.map((p) => p.promoted.status).join() ===
      'succeeded,succeeded,pending_approval' && promotions[2].promoted.approval?.rule === 'approval.production-release',
      promotions.map((p) => [p.promoted.status, p.promoted.approval?.rule])),
    check('release in production', finalState.status === 'production', finalState),
    check('service serves v2 as stable', JSON.stringify(service.result ?? {}).includes('v2'), service.result),
  ]);

  const before = ctx.elicitations.length;
  const rollback = await call(creator, opts, 'release_rollback', { release_id: releaseId, reason: 'e2e rollback' });
  const rolledBack = await call(creator, opts, 'release_get', { release_id: releaseId });
  step('release_rollback', [
    check('confirmed through elicitation', ctx.elicitations.length > before, ctx.elicitations.slice(before)),
    check('rolled back', rollback.status === 'succeeded' && rolledBack.result?.status === 'rolled_back', { rollback, state: rolledBack.result }),
  ]);
  await call(creator, opts, 'inference_stop', { service: serviceId });
  return steps;
}

async function main() {
  const out = { client: 'typescript-sdk', steps: [] };
  let creator;
  let approver;
  try {
    const opts = parseArgs(process.argv.slice(2));
    const ctx = { elicitations: [] };
    creator = await connect(opts, opts.token, ctx.elicitations);
    approver = await connect(opts, opts.approverToken, []);
    out.steps = await scenario(creator, approver, opts, ctx);
    out.ok = out.steps.every((s) => s.ok);
  } catch (e) {
    out.error = { message: e?.message ?? String(e), stack: e?.stack };
  }
  await creator?.close().catch(() => {});
  await approver?.close().catch(() => {});
  process.stdout.write(JSON.stringify(out) + '\n');
  return out.error ? 2 : 0;
}

main().then((code) => process.exit(code));
