import { isFullDataSource, isHTTPResponseError, type DataSourceObjectResponse, type UpdateDataSourceParameters } from '@notionhq/client';
import { getDataSource, type NotionContext } from './context.js';
import { step } from './api/errors.js';
import { STATUS, type PropertyKey } from './properties.js';

/**
 * Properties the service adds to the Coaching plans database itself when they are missing, so an
 * upgrade that needs a new one (`Plan ID`) works without an admin. None of them grants access: the
 * four Person properties do, through the database's access rules, which only a person can set in
 * Notion, so those are left to an admin. A property that exists with another type is never changed
 * (that would lose what people wrote in it).
 */
const ADDED_BY_SERVICE: Record<Extract<PropertyKey, 'Plan ID' | 'Start' | 'End' | 'Status'>, NonNullable<UpdateDataSourceParameters['properties']>[string]> = {
  'Plan ID': { rich_text: {} },
  Start: { date: {} },
  End: { date: {} },
  Status: {
    select: {
      options: [
        { name: STATUS.active, color: 'green' },
        { name: STATUS.closed, color: 'gray' },
      ],
    },
  },
};

/** After a refusal, how long before asking Notion again (health checks may come every minute). */
const RETRY_REFUSED_MS = 10 * 60_000;

export interface SchemaRepair {
  dataSource: DataSourceObjectResponse;
  /** Property names added just now. */
  added: string[];
  /** Why the missing ones could not be added (Notion's refusal), when it refused. */
  refused?: string;
}

/**
 * The data source, with the properties of ADDED_BY_SERVICE that were missing added through
 * data_sources.update (https://developers.notion.com/reference/update-a-data-source). Adding is
 * idempotent, so two callers at once do no harm. When Notion refuses (an integration without the
 * "Update content" capability answers 403 restricted_resource,
 * https://developers.notion.com/reference/capabilities), the refusal is returned for the setup
 * report to say what to add by hand, and is not asked again for a while.
 */
export async function addMissingProperties(ctx: NotionContext, maxAgeMs?: number): Promise<SchemaRepair> {
  const dataSource = await getDataSource(ctx, maxAgeMs);
  const missing = (Object.keys(ADDED_BY_SERVICE) as (keyof typeof ADDED_BY_SERVICE)[]).filter((key) => !dataSource.properties[ctx.names[key]]);
  if (missing.length === 0) return { dataSource, added: [] };
  const refusal = ctx.schemaRefusal;
  if (refusal && ctx.clock.now() - refusal.at < RETRY_REFUSED_MS) return { dataSource, added: [], refused: refusal.reason };
  const properties = Object.fromEntries(missing.map((key) => [ctx.names[key], ADDED_BY_SERVICE[key]]));
  try {
    const updated = await step('dataSources.update', () => ctx.client.dataSources.update({ data_source_id: ctx.dataSourceId, properties }));
    delete ctx.schemaRefusal;
    delete ctx.schema;
    const fresh = isFullDataSource(updated) ? updated : await getDataSource(ctx, 0);
    ctx.schema = { at: ctx.clock.now(), dataSource: fresh };
    return { dataSource: fresh, added: missing.map((key) => ctx.names[key]) };
  } catch (error) {
    const cause = (error as Error).cause;
    // A refusal (403, or any 4xx the docs do not list for this case) will not pass on its own: say
    // what to add. Rate limits and outages are thrown, to be tried again.
    if (!isHTTPResponseError(cause) || cause.status < 400 || cause.status >= 500 || cause.status === 429 || cause.status === 409) throw error;
    const reason = `Notion answered ${cause.status} ${cause.code}: ${cause.message}`;
    ctx.schemaRefusal = { at: ctx.clock.now(), reason };
    return { dataSource, added: [], refused: reason };
  }
}
