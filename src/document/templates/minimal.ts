/** The `minimal` template: what every postmortem needs and nothing more. */
import { FRONT_MATTER } from './front-matter-block.js';

export const MINIMAL_TEMPLATE = `${FRONT_MATTER}
# {{title}}

## Summary

## Impact

## Timeline

| Time (UTC) | Event |
| ---------- | ----- |
| YYYY-MM-DD HH:mm | What happened |

## Root cause

## Action items

| Action | Owner | Due | Type | Ticket |
| ------ | ----- | --- | ---- | ------ |
|  |  |  |  |  |
`;
