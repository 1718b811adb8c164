// An independent Standard Webhooks receiver for AITIP's tests: verifies every POST with the npm
// `standardwebhooks` package (not AITIP's code) and prints one JSON line per delivery.
//
//   node webhook-receiver.mjs <whsec_secret> [port]
//   WEBHOOK_FAIL_RATE=0.3  answers that share of verified deliveries with 500 anyway (a flaky receiver)
//   WEBHOOK_DELAY_MS=300   waits a random 0..N ms before answering (a slow receiver: deliveries stay in flight)
//
// First line: {"listening": <port>} (port 0, the default, picks a free loopback port). Then per request:
// {"verified": true, "id": "<webhook-id>", "type": "<payload type>", "timestamp": "<webhook-timestamp>"}
// or {"verified": false, "id": ..., "error": "..."}. Verified deliveries get 204 (or 500 with
// "answered": 500 when WEBHOOK_FAIL_RATE picks them), others 400.
import http from 'node:http';
import { Webhook } from 'standardwebhooks';

const secret = process.argv[2] ?? process.env.WEBHOOK_SECRET;
if (!secret) {
  console.error('usage: node webhook-receiver.mjs <whsec_secret> [port]');
  process.exit(2);
}
const port = Number(process.argv[3] ?? 0);
const webhook = new Webhook(secret);
const failRate = Number(process.env.WEBHOOK_FAIL_RATE ?? 0);
const delayMs = Number(process.env.WEBHOOK_DELAY_MS ?? 0);

function emit(obj) {
  process.stdout.write(JSON.stringify(obj) + '\n');
}

const server = http.createServer((req, res) => {
  const chunks = [];
  let size = 0;
  req.on('data', (chunk) => {
    size += chunk.length;
    if (size <= 1024 * 1024) chunks.push(chunk);
  });
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const id = req.headers['webhook-id'] ?? null;
    try {
      const payload = webhook.verify(body, {
        'webhook-id': req.headers['webhook-id'],
        'webhook-timestamp': req.headers['webhook-timestamp'],
        'webhook-signature': req.headers['webhook-signature'],
      });
      const answered = Math.random() < failRate ? 500 : 204;
      emit({ verified: true, id, type: payload?.type ?? null, timestamp: req.headers['webhook-timestamp'] ?? null,
        host: req.headers['host'] ?? null, subject: payload?.data?.job_id ?? payload?.data?.execution_id ?? null,
        answered });
      setTimeout(() => {
        res.writeHead(answered);
        res.end();
      }, delayMs > 0 ? Math.random() * delayMs : 0);
    } catch (err) {
      emit({ verified: false, id, error: String(err?.message ?? err) });
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end('signature verification failed');
    }
  });
});

server.listen(port, '127.0.0.1', () => emit({ listening: server.address().port }));
process.stdin.on('end', () => server.close(() => process.exit(0)));
process.stdin.resume();
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close(() => process.exit(0)));
