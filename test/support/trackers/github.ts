/** A fake GitHub REST API for issues: list (Link pagination), get, create, update, auth and validation errors. */
import type { FakeHandler, FakeIssue, FakeResponse, FakeStore } from './store.js';

export function fakeGitHub(store: FakeStore, repo: string, token: string): FakeHandler {
  const base = `/repos/${repo}/issues`;
  return (req): FakeResponse => {
    const host = `http://${req.headers.host}`;
    const json = (i: FakeIssue): unknown => ({
      number: i.n,
      html_url: `${host}/${repo}/issues/${i.n}`,
      title: i.title,
      state: i.state,
      closed_at: i.closedAt ?? null,
      body: i.due ? i.body : i.body,
      labels: i.labels.map((name) => ({ name })),
      assignees: i.assignee ? [{ login: i.assignee }] : [],
    });
    const auth = req.headers.authorization ?? '';
    if (auth !== `token ${token}` && auth !== `Bearer ${token}` && auth !== `bearer ${token}`)
      return {
        status: 401,
        json: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' },
      };
    if (!req.path.startsWith(base)) return { status: 404, json: { message: 'Not Found' } };
    const rest = req.path.slice(base.length);
    const invalid = (body: { title?: string; assignees?: string[] }): FakeResponse | undefined => {
      if (body.title !== undefined && body.title.trim() === '')
        return {
          status: 422,
          json: {
            message: 'Validation Failed',
            errors: [{ resource: 'Issue', code: 'missing_field', field: 'title' }],
          },
        };
      const bad = body.assignees?.find((a) => store.badAssignees.has(a));
      if (bad)
        return {
          status: 422,
          json: {
            message: 'Validation Failed',
            errors: [{ value: bad, resource: 'Issue', field: 'assignees', code: 'invalid' }],
          },
        };
      return undefined;
    };
    if (rest === '' && req.method === 'GET') {
      const label = req.query.get('labels');
      const per = Math.min(Number(req.query.get('per_page') ?? 30), store.pageSize);
      const page = Number(req.query.get('page') ?? 1);
      const all = store.issues.filter((i) => !label || i.labels.includes(label));
      const slice = all.slice((page - 1) * per, page * per);
      const headers: Record<string, string> = {};
      if (page * per < all.length)
        headers.link = `<${host}${base}?page=${page + 1}&per_page=${per}>; rel="next"`;
      return { json: slice.map(json), headers };
    }
    if (rest === '' && req.method === 'POST') {
      const body = req.json<{
        title: string;
        body?: string;
        labels?: string[];
        assignees?: string[];
      }>();
      const bad = invalid(body);
      if (bad) return bad;
      const issue: FakeIssue = {
        n: store.issues.length + 1,
        title: body.title,
        body: body.body ?? '',
        labels: body.labels ?? [],
        state: 'open',
      };
      if (body.assignees?.[0]) issue.assignee = body.assignees[0];
      store.issues.push(issue);
      const fault = store.afterCreate.shift();
      if (fault === 'truncate') return { status: 201, json: json(issue), truncate: true };
      if (fault === 502) return { status: 502, body: '<html>Bad gateway</html>' };
      return { status: 201, json: json(issue) };
    }
    const m = /^\/(\d+)$/.exec(rest);
    const issue = m ? store.issues.find((i) => i.n === Number(m[1])) : undefined;
    if (!issue) return { status: 404, json: { message: 'Not Found' } };
    if (req.method === 'GET') return { json: json(issue) };
    if (req.method === 'PATCH') {
      const body = req.json<{
        title?: string;
        body?: string;
        labels?: string[];
        assignees?: string[];
      }>();
      const bad = invalid(body);
      if (bad) return bad;
      if (body.title !== undefined) issue.title = body.title;
      if (body.body !== undefined) issue.body = body.body;
      if (body.labels) issue.labels = body.labels;
      if (body.assignees?.[0]) issue.assignee = body.assignees[0];
      return { json: json(issue) };
    }
    return { status: 404, json: { message: 'Not Found' } };
  };
}
