import { devSignInAllowed } from '../auth/identify.js';
import { type Config, ConfigError } from '../config.js';
import type { AppDeps } from '../http/context.js';
import { runPollCycle } from '../poller/poll-cycle.js';
import { createTargetedPoller } from '../poller/targeted-poll.js';
import { buildProviders, type RuntimeProviders } from '../providers/registry.js';
import type { Store } from '../store/types.js';
import type { PlanTemplate } from '../templates/template.js';

export interface ComposeInput {
  config: Config;
  store: Store;
  template: PlanTemplate;
  runtime: RuntimeProviders;
  sessionSecret: string;
  log?: (message: string) => void;
  now?: () => Date;
}

/** Wire the service from its parts; shared by the Node and Workers entry points. */
export function composeService(input: ComposeInput): AppDeps {
  const { config } = input;
  const providers = buildProviders(config, input.runtime);
  if (!providers[config.PROVIDER]) {
    throw new ConfigError([`PROVIDER: "${config.PROVIDER}" is the default for new plans but is not configured (see the README's ${config.PROVIDER} setup)`]);
  }
  const deps: AppDeps = {
    config,
    store: input.store,
    template: input.template,
    providers,
    now: input.now ?? (() => new Date()),
    log: input.log ?? ((message) => console.log(message)),
    identity: {
      tokens: config.API_TOKENS,
      hrEmails: config.HR_EMAILS,
      devSignIn: devSignInAllowed({ host: config.HOST, tokens: config.API_TOKENS, setting: config.DEV_SIGN_IN, publicUrl: config.PUBLIC_URL }),
      sessionSecret: input.sessionSecret,
    },
    runPollCycle: () => runPollCycle(deps, { sweepSharing: true }),
  };
  if (providers.notion) {
    const notionPolls = createTargetedPoller(deps, 'notion', config.WEBHOOK_POLL_DELAY_SECONDS * 1000);
    deps.onNotionPagesChanged = (pageIds) => notionPolls.request(pageIds);
  }
  return deps;
}
