/** The `default` template: the sections of the Google SRE, PagerDuty and Atlassian formats together. */
import { FRONT_MATTER } from './front-matter-block.js';

export const DEFAULT_TEMPLATE = `${FRONT_MATTER}
# {{title}}

## Summary

<!-- Two or three sentences a reader outside the team understands: what broke, for whom, for how long, and how it ended. -->

## Impact

<!-- Numbers: users, requests or orders affected, error ratio, duration, money, SLO budget spent. Say what was not affected too. -->

## Timeline

<!-- One row per moment, in UTC, oldest first. Link the evidence (log file:line, graph, chat message). Mark detection, mitigation and resolution. -->

| Time (UTC) | Event | Source | Actor |
| ---------- | ----- | ------ | ----- |
| YYYY-MM-DD HH:mm | What happened | evidence | who or what acted |

## Detection

<!-- How and when we found out: an alert, a customer, a person who noticed. How long from the start? What would have caught it sooner? -->

## Response

<!-- Who was paged and who joined, how the incident was declared and coordinated, what got in the way. -->

## Recovery

<!-- What stopped the impact (mitigation) and what made things whole again (resolution). Could it be automated? -->

## Root cause

<!-- The conditions in the system that made this possible. Describe mechanisms, not people: keep asking why until the answer is something we can change. -->

## Five whys

<!-- Start from the impact; each answer becomes the next question. Stop at something a team can fix, never at a person. -->

1. Why ...?
2. Why ...?
3. Why ...?
4. Why ...?
5. Why ...?

## Contributing factors

<!-- Everything that made it possible, worse or longer. Group them: immediate (the trigger), contributing, systemic. -->

**Immediate**

- 

**Contributing**

- 

**Systemic**

- 

## What went well

- 

## What went wrong

- 

## Where we got lucky

- 

## Lessons learned

- 

## Action items

<!-- Specific, owned and dated. Type: prevent, detect, mitigate or process. Link each to its ticket. -->

| ID | Action | Owner | Due | Priority | Type | Status | Ticket |
| -- | ------ | ----- | --- | -------- | ---- | ------ | ------ |
| 1 |  |  |  |  |  | open |  |

## Follow-up

<!-- The review about four weeks on: were the action items done, did they work, has it happened again? -->
`;
