/**
 * The same fake over plain HTTP, for out-of-process runs (`wrangler dev`, the Node service started
 * by browser tests): point GOOGLE_API_ROOT_URL, GOOGLE_DOCS_ROOT_URL and GOOGLE_TOKEN_URL at it.
 * Roots must then share this origin, e.g. `${url}/` for the APIs (Gmail too) and `${url}/token`. Then
 * `setUpWorkspace(fake, ...)` gives the environment for the service.
 */
import { createServer, type Server } from 'node:http';
import { GoogleFake } from './fake.js';

export async function startGoogleFakeServer(
  make: (origin: string) => GoogleFake = (origin) =>
    new GoogleFake({ apiRootUrl: `${origin}/`, docsRootUrl: `${origin}/`, gmailRootUrl: `${origin}/`, tokenUrl: `${origin}/token` }),
) {
  let fake: GoogleFake | undefined;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
      void fake!
        .handle({ method: req.method ?? 'GET', url: `http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`, headers, body: Buffer.concat(chunks).toString('utf8') })
        .then(
          (response) => {
            // A `timeout` fault: never answer; the client's own timeout ends it.
            if (response.hang) return;
            res.writeHead(response.status, response.headers);
            res.end(response.body);
          },
          (error: unknown) => {
            res.writeHead(500, { 'content-type': 'text/plain' });
            res.end(String(error));
          },
        );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  fake = make(origin);
  return {
    fake,
    origin,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
