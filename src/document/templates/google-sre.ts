/** The `google-sre` template: the section order of the postmortem example in Google's SRE book. */
import { FRONT_MATTER } from './front-matter-block.js';

export const GOOGLE_SRE_TEMPLATE = `${FRONT_MATTER}
# {{title}}

## Summary

<!-- What happened, in a few sentences. -->

## Impact

<!-- Who and what was affected, with numbers. -->

## Root causes

<!-- Why it could happen: the conditions, not the people. -->

## Trigger

<!-- What set it off. -->

## Resolution

<!-- What stopped it and what repaired it. -->

## Detection

<!-- How we found out, and how long it took. -->

## Action items

| Action | Type | Owner | Ticket |
| ------ | ---- | ----- | ------ |
|  | prevent |  |  |

## Lessons learned

### What went well

- 

### What went wrong

- 

### Where we got lucky

- 

## Timeline

| Time (UTC) | Event |
| ---------- | ----- |
| YYYY-MM-DD HH:mm | What happened |

## Supporting information

<!-- Graphs, logs, links. -->
`;
