/**
 * A Slack-compatible incoming webhook on a free local port: keeps every JSON body it is sent, and
 * answers 500 to as many requests as a test asks (a receiver that is down), 200 `ok` otherwise.
 */
import { createServer } from 'node:http';

export interface WebhookReceiver {
  url: string;
  /** Bodies of the requests answered 200, in order. */
  received: { text: string }[];
  /** Every request, refused ones too: method, content type and status given. */
  requests: { method: string; contentType: string; status: number }[];
  failNext(count: number): void;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  let failing = 0;
  const received: { text: string }[] = [];
  const requests: WebhookReceiver['requests'] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const contentType = req.headers['content-type'] ?? '';
      let status = 200;
      let body: unknown = null;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        status = 400;
      }
      const text = typeof body === 'object' && body !== null ? (body as { text?: unknown }).text : undefined;
      if (req.method !== 'POST' || !contentType.startsWith('application/json') || typeof text !== 'string') status = 400;
      else if (failing > 0) {
        failing--;
        status = 500;
      }
      requests.push({ method: req.method ?? '', contentType, status });
      if (status === 200) received.push({ text: text as string });
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(status === 200 ? 'ok' : status === 400 ? 'invalid_payload' : 'internal_error');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/services/T000/B000/secret`,
    received,
    requests,
    failNext(count) {
      failing = count;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
