/** `slack`: the incident channel's messages in the window, from a workspace export or the Web API. */
import { z } from 'zod';
import { ConfigError } from '../../errors.js';
import { defineConnector } from '../connector.js';
import { collectFromApi } from './api-collect.js';
import { collectFromExport } from './export-collect.js';

const Options = z
  .strictObject({
    /** A workspace export: its folder or the .zip, relative to the working directory. */
    export: z.string().min(1).optional(),
    /** The variable holding a token with channels:history (and users:read for names). */
    token_env: z.string().min(1).optional(),
    /** Channel id (C…) or name; with an export, all channels when absent. */
    channel: z.string().min(1).optional(),
    url: z.string().url().default('https://slack.com/api'),
    /** The workspace's subdomain (`acme` for acme.slack.com), for permalinks. */
    workspace: z.string().min(1).optional(),
  })
  .superRefine((o, ctx) => {
    if ((o.export === undefined) === (o.token_env === undefined)) {
      ctx.addIssue({
        code: 'custom',
        message: 'give either `export` (a workspace export) or `token_env` (the Web API), not both',
      });
    } else if (o.token_env !== undefined && o.channel === undefined) {
      ctx.addIssue({ code: 'custom', path: ['channel'], message: 'the Web API needs `channel`' });
    }
  });
type Options = z.infer<typeof Options>;

export const slack = defineConnector<Options>({
  id: 'slack',
  description:
    'Slack messages of the incident channel: a workspace export or conversations.history',
  options: Options,
  describe: (o) =>
    o.export !== undefined
      ? `slack export ${o.export}${o.channel ? ` channel ${o.channel}` : ''}`
      : `GET ${o.url}/conversations.history channel=${o.channel}`,
  auth(o, env) {
    if (o.token_env === undefined) return {};
    const token = env[o.token_env];
    if (!token) throw new ConfigError(`token_env: environment variable ${o.token_env} is not set`);
    return { authorization: `Bearer ${token}` };
  },
  async collect(ctx, o) {
    if (o.export !== undefined) {
      await collectFromExport(ctx, {
        export: o.export,
        channel: o.channel,
        workspace: o.workspace,
      });
    } else {
      await collectFromApi(ctx, { url: o.url, channel: o.channel!, workspace: o.workspace });
    }
  },
});
