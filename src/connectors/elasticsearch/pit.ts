/** Opening and closing a point in time: Elasticsearch `/_pit`, OpenSearch `/_search/point_in_time`. */
import { AftermathError } from '../../errors.js';
import type { HttpClient } from '../http.js';
import type { Flavor } from './options.js';

export const KEEP_ALIVE = '1m';

/** Opens a point in time on the index; its id, or the HttpError the server answered. */
export async function openPit(
  http: HttpClient,
  base: string,
  index: string,
  flavor: Flavor,
): Promise<string> {
  const path = flavor === 'elasticsearch' ? '_pit' : '_search/point_in_time';
  const res = await http.request(`${base}/${encodeURIComponent(index)}/${path}`, {
    method: 'POST',
    query: { keep_alive: KEEP_ALIVE },
  });
  const body = res.json<{ id?: unknown; pit_id?: unknown }>();
  const id = flavor === 'elasticsearch' ? body.id : body.pit_id;
  if (typeof id !== 'string' || id === '') {
    throw new AftermathError(
      'elasticsearch/bad-pit',
      `${path}: expected ${flavor === 'elasticsearch' ? '"id"' : '"pit_id"'} in the answer, received ${res.text.slice(0, 100)}`,
    );
  }
  return id;
}

/** Frees the point in time on the server (it would otherwise hold segments until keep_alive ends). */
export async function closePit(
  http: HttpClient,
  base: string,
  flavor: Flavor,
  id: string,
): Promise<void> {
  if (flavor === 'elasticsearch') {
    await http.request(`${base}/_pit`, { method: 'DELETE', body: { id } });
  } else {
    await http.request(`${base}/_search/point_in_time`, {
      method: 'DELETE',
      body: { pit_id: [id] },
    });
  }
}
