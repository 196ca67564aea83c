import { isHTTPResponseError } from '@notionhq/client';
import type { SetupReport } from '../types.js';
import { sameId } from '../same-id.js';
import type { NotionContext } from './context.js';
import { databasePublicUrl, publishedDatabaseProblem } from './sharing/published.js';
import { schemaProblems, type SchemaProperties } from './properties.js';
import { addMissingProperties } from './schema.js';

/** Why the service did not make the changes itself, and what still works meanwhile. */
function refusedNote(ctx: NotionContext, refused: string, properties: Record<string, unknown>): string {
  const consequence = properties[ctx.names['Plan ID']]
    ? ''
    : ` Until "${ctx.names['Plan ID']}" exists no new Notion plan is created; existing plans are still read, checked and reminded.`;
  return (
    ` The service could not add the missing properties itself (${refused}): add them in Notion, or give the integration the "Update content" capability` +
    ` and full access to the database (the service asks again every 10 minutes).${consequence}`
  );
}

/**
 * Is the "Coaching plans" database set up as the service needs? One report listing everything to
 * add or fix: the token, access to the data source, the properties, the email capability.
 */
export async function checkNotionSetup(ctx: NotionContext): Promise<SetupReport> {
  const problems: string[] = [];
  try {
    // Health checks may come often: the schema is re-read at most every 30 s. Properties the service
    // needs and may add itself (a new version's `Plan ID`) are added here, at start-up.
    const { dataSource, refused } = await addMissingProperties(ctx, 30_000);
    const found = schemaProblems(dataSource.properties as SchemaProperties, ctx.names);
    if (found.length)
      problems.push(
        `The Coaching plans database (data source ${ctx.dataSourceId}) needs changes: ${found.join('; ')}.${refused ? refusedNote(ctx, refused, dataSource.properties) : ''}`,
      );
    // New plans are refused while it is published: say why here too.
    const publicUrl = await databasePublicUrl(ctx, dataSource);
    if (publicUrl) problems.push(`${publishedDatabaseProblem(publicUrl)}. New plans are not created until then.`.replace(/^t/, 'T'));
  } catch (error) {
    const cause = (error as Error).cause ?? error;
    if (isHTTPResponseError(cause) && cause.status === 401) problems.push("NOTION_TOKEN is not accepted by Notion: copy the integration's Internal Integration Secret again.");
    else if (isHTTPResponseError(cause) && (cause.status === 404 || cause.status === 400)) {
      problems.push(
        `NOTION_DATA_SOURCE_ID ${ctx.dataSourceId} was not found: use the data source id of the Coaching plans database (database menu > Manage data sources > Copy data source ID; the id in the database's link is the database id, not this one), and give the integration access (database page > ... > Connections > add it).`,
      );
    } else problems.push(`Could not reach Notion: ${(error as Error).message}`);
    return { ok: false, problems };
  }
  if (ctx.template) {
    try {
      const { templates } = await ctx.client.dataSources.listTemplates({ data_source_id: ctx.dataSourceId });
      const template = ctx.template;
      const found = template.type === 'default' ? templates.some((t) => t.is_default) : templates.some((t) => sameId(t.id, template.template_id));
      if (!found) {
        problems.push(
          template.type === 'default'
            ? 'NOTION_TEMPLATE_ID is "default" but the Coaching plans database has no default template: set one in Notion (New ▾ > ••• next to a template > Set as default), or unset NOTION_TEMPLATE_ID.'
            : `NOTION_TEMPLATE_ID ${template.template_id} is not a template of the Coaching plans database: copy the id from the template's link, or unset NOTION_TEMPLATE_ID.`,
        );
      }
    } catch (error) {
      problems.push(`Could not list the database's templates: ${(error as Error).message}`);
    }
  }
  try {
    const users = await ctx.users.list();
    if (users.byEmail.size === 0 && users.withoutEmail > 0) {
      problems.push('The integration cannot read people\'s emails: in its settings, under Capabilities, choose "Read user information including email addresses".');
    }
  } catch (error) {
    problems.push(`Could not list the workspace's users: ${(error as Error).message}`);
  }
  return { ok: problems.length === 0, problems };
}
