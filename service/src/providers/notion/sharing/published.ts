import { isFullDatabase, type DataSourceObjectResponse } from '@notionhq/client';
import type { NotionContext } from '../context.js';
import { step } from '../api/errors.js';

/**
 * The Coaching plans database's public URL while it is published to the web, else null. Publishing
 * a database publishes every page in it, those made later included, so this is asked before any
 * plan text is written (https://developers.notion.com/reference/database: `public_url`).
 */
export async function databasePublicUrl(ctx: NotionContext, dataSource: DataSourceObjectResponse): Promise<string | null> {
  const parent = dataSource.parent as { type: string; database_id?: string };
  if (parent.type !== 'database_id' || !parent.database_id) return null;
  const databaseId = parent.database_id;
  const database = await step('databases.retrieve', () => ctx.client.databases.retrieve({ database_id: databaseId }));
  return isFullDatabase(database) ? database.public_url : null;
}

/** What to do about it, for the plan's failure, the audit and GET /api/health. */
export function publishedDatabaseProblem(publicUrl: string): string {
  return (
    `the Coaching plans database is published to the web (${publicUrl}), so every page in it, a new plan included, can be read by anyone with the link. ` +
    'In Notion open the database, choose Share > Publish and click Unpublish (and unpublish any page above it)'
  );
}
