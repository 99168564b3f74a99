/** A fake Jira Cloud REST v3: enhanced JQL search (nextPageToken), get, create, edit, errors. */
import { adfText } from '../../../src/trackers/adf.js';
import type { FakeHandler, FakeIssue, FakeResponse, FakeStore } from './store.js';

export function fakeJira(
  store: FakeStore,
  project: string,
  email: string,
  token: string,
): FakeHandler {
  const expected = `Basic ${Buffer.from(`${email}:${token}`).toString('base64')}`;
  const keyOf = (i: FakeIssue): string => `${project}-${i.n}`;
  return (req): FakeResponse => {
    const host = `http://${req.headers.host}`;
    const json = (i: FakeIssue): unknown => ({
      id: String(10000 + i.n),
      key: keyOf(i),
      self: `${host}/rest/api/3/issue/${10000 + i.n}`,
      fields: {
        summary: i.title,
        description: {
          type: 'doc',
          version: 1,
          content: i.body
            .split('\n\n')
            .map((p) => ({ type: 'paragraph', content: [{ type: 'text', text: p }] })),
        },
        labels: i.labels,
        duedate: i.due ?? null,
        assignee: i.assignee ? { accountId: i.assignee } : null,
        resolutiondate: i.closedAt ? i.closedAt.replace('Z', '.000+0000') : null,
        status:
          i.state === 'closed'
            ? { name: 'Done', statusCategory: { key: 'done' } }
            : { name: 'To Do', statusCategory: { key: 'new' } },
      },
    });
    if (req.headers.authorization !== expected)
      return {
        status: 401,
        body: 'Client must be authenticated to access this resource.',
        headers: { 'content-type': 'text/html' },
      };
    type Fields = {
      summary?: string;
      description?: unknown;
      labels?: string[];
      duedate?: string;
      assignee?: { accountId: string };
    };
    const invalid = (f: Fields): FakeResponse | undefined => {
      const errors: Record<string, string> = {};
      if (f.summary !== undefined && f.summary.trim() === '')
        errors.summary = 'You must specify a summary of the issue.';
      if (f.assignee && store.badAssignees.has(f.assignee.accountId))
        errors.assignee = `User '${f.assignee.accountId}' cannot be assigned issues.`;
      if (f.labels?.some((l) => /\s/.test(l))) errors.labels = 'The label must not contain spaces.';
      return Object.keys(errors).length
        ? { status: 400, json: { errorMessages: [], errors } }
        : undefined;
    };
    const apply = (i: FakeIssue, f: Fields): void => {
      if (f.summary !== undefined) i.title = f.summary;
      if (f.description !== undefined) i.body = adfText(f.description).replace(/\n/g, '\n\n');
      if (f.labels) i.labels = f.labels;
      if (f.duedate !== undefined) i.due = f.duedate;
      if (f.assignee) i.assignee = f.assignee.accountId;
    };
    if (req.path === '/rest/api/3/search/jql' && req.method === 'GET') {
      const jql = req.query.get('jql') ?? '';
      const label = /labels = "([^"]+)"/.exec(jql)?.[1];
      if (!/project = "[A-Z]+"/.test(jql))
        return {
          status: 400,
          json: { errorMessages: ['Unbounded JQL queries are not allowed here.'], errors: {} },
        };
      const per = Math.min(Number(req.query.get('maxResults') ?? 50), store.pageSize);
      const start = Number(
        Buffer.from(req.query.get('nextPageToken') ?? 'MA==', 'base64').toString(),
      );
      const all = store.issues.filter((i) => !label || i.labels.includes(label));
      const page = all.slice(start, start + per);
      const out: Record<string, unknown> = { issues: page.map(json) };
      // As Jira Cloud does: the key is absent on the last page.
      if (start + per < all.length)
        out.nextPageToken = Buffer.from(String(start + per)).toString('base64');
      return { json: out };
    }
    if (req.path === '/rest/api/3/search')
      return {
        status: 410,
        json: {
          errorMessages: [
            'The requested API has been removed. Please migrate to /rest/api/3/search/jql.',
          ],
        },
      };
    if (req.path === '/rest/api/3/issue' && req.method === 'POST') {
      const f = req.json<{
        fields: Fields & { project?: { key: string }; issuetype?: { name: string } };
      }>().fields;
      if (f.project?.key !== project)
        return {
          status: 400,
          json: { errorMessages: [], errors: { project: 'valid project is required' } },
        };
      const bad = invalid(f);
      if (bad) return bad;
      const issue: FakeIssue = {
        n: store.issues.length + 1,
        title: '',
        body: '',
        labels: [],
        state: 'open',
      };
      apply(issue, f);
      store.issues.push(issue);
      const fault = store.afterCreate.shift();
      const created = {
        id: String(10000 + issue.n),
        key: keyOf(issue),
        self: `${host}/rest/api/3/issue/${10000 + issue.n}`,
      };
      if (fault === 'truncate') return { status: 201, json: created, truncate: true };
      if (fault === 502) return { status: 502, body: '<html>Bad gateway</html>' };
      return { status: 201, json: created };
    }
    const m = /^\/rest\/api\/3\/issue\/([A-Z]+-(\d+))$/.exec(req.path);
    const issue =
      m && m[1]!.startsWith(`${project}-`)
        ? store.issues.find((i) => i.n === Number(m[2]))
        : undefined;
    if (!issue)
      return {
        status: 404,
        json: {
          errorMessages: ['Issue does not exist or you do not have permission to see it.'],
          errors: {},
        },
      };
    if (req.method === 'GET') return { json: json(issue) };
    if (req.method === 'PUT') {
      const f = req.json<{ fields: Fields }>().fields;
      const bad = invalid(f);
      if (bad) return bad;
      apply(issue, f);
      return { status: 204 };
    }
    return { status: 405, json: { errorMessages: ['Method not allowed'] } };
  };
}
