import { http } from 'msw';
import type { NotionFake } from './server.js';
import { FAKE_BASE_URL } from './server.js';

/** msw handlers that send every request for the fake's base URL to the fake. */
export function notionHandlers(fake: NotionFake, baseUrl = FAKE_BASE_URL) {
  return [http.all(`${baseUrl}/*`, ({ request }) => fake.fetch(request))];
}
