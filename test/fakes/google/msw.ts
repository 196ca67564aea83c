import { http, HttpResponse, type HttpHandler } from 'msw';
import type { GoogleFake } from './fake.js';

/**
 * The fake as msw handlers, for `setupServer(...googleHandlers(fake))`. A `timeout` fault holds the
 * request until the client gives up (its abort signal) or 5 s pass.
 */
export function googleHandlers(fake: GoogleFake): HttpHandler[] {
  const serve = async ({ request }: { request: Request }) => {
    const response = await fake.handle({ method: request.method, url: request.url, headers: request.headers, body: await request.text(), signal: request.signal });
    if (response.hang) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 5000);
        request.signal.addEventListener('abort', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      return HttpResponse.error();
    }
    return new HttpResponse(response.status === 204 ? null : response.body, { status: response.status, headers: response.headers });
  };
  const roots = [...new Set([fake.apiRootUrl, fake.docsRootUrl, fake.gmail.rootUrl])];
  return [http.post(fake.tokenUrl, serve), ...roots.map((root) => http.all(`${root.replace(/\/$/, '')}/*`, serve))];
}
