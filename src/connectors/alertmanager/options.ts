/** What a `type: alertmanager` source takes in aftermath.yaml. */
import { z } from 'zod';
import { AuthSchema } from '../auth.js';

// One label matcher as Alertmanager's API `filter` parameter takes it: name, operator, quoted value.
const MATCHER = /^\s*[A-Za-z_][A-Za-z0-9_]*\s*(=~|!~|!=|=)\s*"(?:[^"\\]|\\.)*"\s*$/;

export const AlertmanagerOptions = z.strictObject({
  url: z.url({ protocol: /^https?$/ }),
  auth: AuthSchema,
  /** Matchers such as `service="shop-api"` or `severity=~"page|critical"`; all must match. */
  filter: z
    .array(z.string().regex(MATCHER, 'a matcher such as service="shop-api" or env=~"prod.*"'))
    .default([]),
  /** Also the silences that overlap the window. */
  silences: z.boolean().default(true),
});

export type AlertmanagerOptions = z.infer<typeof AlertmanagerOptions>;
