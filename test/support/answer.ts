/**
 * Answers typed from the routes themselves (AppType): `call('GET', `/api/plans/${id}`)` reads
 * `json` as that route's answer, `{ plan: PlanDetail }`, with no type written in the test. Paths are
 * matched segment by segment against the app's route patterns (`/api/plans/:id`), a query string
 * aside; a path no route of AppType serves (pages, feeds, webhooks) reads as `unknown`.
 * For requests the types would refuse (bad input on purpose), tests use these helpers too;
 * `hono/testing`'s testClient suits a test that sends only what the types allow.
 */
import type { ExtractSchema } from 'hono/types';
import type { AppType } from '../../service/src/http/app.js';
import type { DashboardPage, DashboardResponse, EditConflict, ErrorResponse } from '../../service/src/http/api-types.js';

type Routes = ExtractSchema<AppType>;

type Segments<Path extends string> = Path extends `${infer Head}/${infer Rest}` ? [Head, ...Segments<Rest>] : [Path];
type WithoutQuery<Path extends string> = Path extends `${infer Bare}?${string}` ? Bare : Path;
/** `http://localhost:8787/api/x` is `/api/x` (tests that sign in by cookie send the full address). */
type WithoutOrigin<Path extends string> = Path extends `${'http' | 'https'}://${string}/${infer Rest}` ? `/${Rest}` : Path;
/** Same number of segments, each a `:param` of the pattern or equal to it. */
type SegmentsMatch<Pattern extends string[], Path extends string[]> = Pattern extends [infer P extends string, ...infer PatternRest extends string[]]
  ? Path extends [infer S extends string, ...infer PathRest extends string[]]
    ? P extends `:${string}`
      ? SegmentsMatch<PatternRest, PathRest>
      : S extends P
        ? SegmentsMatch<PatternRest, PathRest>
        : false
    : false
  : Path extends []
    ? true
    : false;
/** The route pattern that serves `Path` (each member of a union of paths on its own). */
type RouteOf<Path extends string> = Path extends string
  ? { [Pattern in keyof Routes & string]: SegmentsMatch<Segments<Pattern>, Segments<WithoutQuery<WithoutOrigin<Path>>>> extends true ? Pattern : never }[keyof Routes & string]
  : never;
type Endpoint<Method extends string, Path extends string> = Routes[RouteOf<Path>] extends infer Methods
  ? `$${Lowercase<Method>}` extends keyof Methods
    ? Methods[`$${Lowercase<Method>}`]
    : never
  : never;

/**
 * GET /api/dashboard answers every plan in full without parameters and one page of rows with them
 * (API.md); AppType says "either", the path says which.
 */
type DashboardFor<Path extends string, Body> = Body extends DashboardPage | DashboardResponse ? (Path extends `${string}?${string}` ? DashboardPage : DashboardResponse) : Body;

/** The JSON a route answers on success, as AppType says; `unknown` for a path it does not type. */
export type AnswerBody<Method extends string, Path extends string> = [Endpoint<Method, Path>] extends [never]
  ? unknown
  : Endpoint<Method, Path> extends { output: infer Output }
    ? DashboardFor<Path, Output>
    : unknown;

export type ErrorBody = ErrorResponse['error'];

/** An answer, read as a client reads it. */
export interface Answer<Body = unknown> {
  status: number;
  headers: Headers;
  text: string;
  /** The body as the route's success answer (check `status` first); null when the body is not JSON. */
  json: Body;
  /** The error, when the body is the API's error shape (`{"error": {code, message, issues}}`). */
  error: ErrorBody | undefined;
  /** What an error answer carries besides `error`: a failed create's `plan`, an edit conflict's `current` and `by` (EditConflict). */
  extra: Partial<EditConflict> & Record<string, unknown>;
}

/** Read a response: its text once, then the JSON views of it. */
export async function readAnswer<Body>(response: Response): Promise<Answer<Body>> {
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = null;
  }
  const { error, ...extra } = isErrorShape(parsed) ? parsed : { error: undefined };
  return { status: response.status, headers: response.headers, text, json: parsed as Body, error, extra };
}

function isErrorShape(value: unknown): value is ErrorResponse & Record<string, unknown> {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === 'object' && error !== null && 'code' in error && 'message' in error;
}
