/** The options of a `type: journald` source in aftermath.yaml. */
import { z } from 'zod';

const LEVEL = '(?:[0-7]|emerg|alert|crit|err|warning|notice|info|debug)';
const PRIORITY = new RegExp(`^${LEVEL}(?:\\.\\.${LEVEL})?$`);

export const JournaldOptions = z.strictObject({
  /** Units to read (`-u` each); every unit when absent. Globs are journalctl's. */
  units: z.array(z.string().min(1)).min(1).optional(),
  /**
   * A prefix that runs journalctl elsewhere, e.g. `[ssh, -o, BatchMode=yes, web-1]`. ssh joins the
   * arguments into a remote shell line, so units with shell characters need their own quoting.
   */
  command: z.array(z.string().min(1)).min(1).optional(),
  /** `-p`: a level (0-7 or emerg…debug) or a range `err..warning`. */
  priority: z
    .union([
      z.number().int().min(0).max(7),
      z.string().regex(PRIORITY, 'a level 0-7, emerg…debug, or a range like err..warning'),
    ])
    .optional(),
  /** More journalctl arguments, e.g. `[_HOSTNAME=web-1]` or `[--directory, /var/log/journal/remote]`. */
  extra_args: z.array(z.string()).optional(),
});

export type JournaldOptions = z.infer<typeof JournaldOptions>;
