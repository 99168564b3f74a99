/** A fake GitLab REST v4 issues API: list with search and x-next-page, get, create, update, errors. */
import type { FakeHandler, FakeIssue, FakeResponse, FakeStore } from './store.js';

export function fakeGitLab(store: FakeStore, project: string, token: string): FakeHandler {
  const base = `/api/v4/projects/${encodeURIComponent(project)}/issues`;
  return (req): FakeResponse => {
    const host = `http://${req.headers.host}`;
    const json = (i: FakeIssue): unknown => ({
      id: 1000 + i.n,
      iid: i.n,
      web_url: `${host}/${project}/-/issues/${i.n}`,
      title: i.title,
      description: i.body,
      state: i.state === 'open' ? 'opened' : 'closed',
      closed_at: i.closedAt ?? null,
      labels: i.labels,
      due_date: i.due ?? null,
      assignees: i.assignee ? [{ id: Number(i.assignee) }] : [],
    });
    if (req.headers['private-token'] !== token)
      return { status: 401, json: { message: '401 Unauthorized' } };
    // The path keeps the project id encoded (`group%2Fproject`), as GitLab expects it.
    const path = req.path;
    if (!path.startsWith(base)) return { status: 404, json: { message: '404 Project Not Found' } };
    const rest = path.slice(base.length);
    type Body = {
      title?: string;
      description?: string;
      labels?: string;
      assignee_ids?: number[];
      due_date?: string;
    };
    const invalid = (b: Body): FakeResponse | undefined => {
      if (b.title !== undefined && b.title.trim() === '')
        return { status: 400, json: { message: { title: ["can't be blank"] } } };
      if (b.assignee_ids?.some((a) => store.badAssignees.has(String(a))))
        return { status: 422, json: { message: { assignee_ids: ['is invalid'] } } };
      if (b.due_date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(b.due_date))
        return { status: 400, json: { error: 'due_date is invalid' } };
      return undefined;
    };
    const apply = (i: FakeIssue, b: Body): void => {
      if (b.title !== undefined) i.title = b.title;
      if (b.description !== undefined) i.body = b.description;
      if (b.labels !== undefined) i.labels = b.labels.split(',').filter(Boolean);
      if (b.assignee_ids?.[0] !== undefined) i.assignee = String(b.assignee_ids[0]);
      if (b.due_date !== undefined) i.due = b.due_date;
    };
    if (rest === '' && req.method === 'GET') {
      const search = (req.query.get('search') ?? '').toLowerCase();
      const label = req.query.get('labels');
      const per = Math.min(Number(req.query.get('per_page') ?? 20), store.pageSize);
      const page = Number(req.query.get('page') ?? 1);
      const all = store.issues.filter(
        (i) =>
          (!label || i.labels.includes(label)) &&
          (search === '' || i.body.toLowerCase().includes(search)),
      );
      const slice = all.slice((page - 1) * per, page * per);
      const more = page * per < all.length;
      return {
        json: slice.map(json),
        headers: {
          'x-page': String(page),
          'x-per-page': String(per),
          'x-next-page': more ? String(page + 1) : '',
          'x-total': String(all.length),
        },
      };
    }
    if (rest === '' && req.method === 'POST') {
      const b = req.json<Body>();
      if (b.title === undefined) return { status: 400, json: { error: 'title is missing' } };
      const bad = invalid(b);
      if (bad) return bad;
      const issue: FakeIssue = {
        n: store.issues.length + 1,
        title: '',
        body: '',
        labels: [],
        state: 'open',
      };
      apply(issue, b);
      store.issues.push(issue);
      const fault = store.afterCreate.shift();
      if (fault === 'truncate') return { status: 201, json: json(issue), truncate: true };
      if (fault === 502) return { status: 502, body: '<html>502 Bad Gateway</html>' };
      return { status: 201, json: json(issue) };
    }
    const m = /^\/(\d+)$/.exec(rest);
    const issue = m ? store.issues.find((i) => i.n === Number(m[1])) : undefined;
    if (!issue) return { status: 404, json: { message: '404 Not found' } };
    if (req.method === 'GET') return { json: json(issue) };
    if (req.method === 'PUT') {
      const b = req.json<Body>();
      const bad = invalid(b);
      if (bad) return bad;
      apply(issue, b);
      return { json: json(issue) };
    }
    return { status: 405, json: { message: '405 Method Not Allowed' } };
  };
}
