/** The front matter every built-in template starts with; `newDocument` fills in id, title and severity. */
export const FRONT_MATTER = `---
id:
title:
status: draft
severity:
authors: []
reviewers: []
services: []
tags: []
# Times in ISO 8601 with a zone, e.g. 2026-11-22T19:40:00Z
started:
detected:
acknowledged:
mitigated:
resolved:
# Dates: when the postmortem was shared, reviewed, and followed up (about four weeks later)
shared:
review_meeting:
follow_up_review:
---
`;
