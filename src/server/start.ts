/** Starts the server on a port and host, and stops it cleanly. */
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from './app.js';
import { isLoopback, newToken } from './auth.js';

export interface StartOptions {
  root: string;
  /** 0 picks a free port. */
  port: number;
  host: string;
  token?: string;
  /** The archive for the Insights page. */
  db?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  /** Set whenever one is required (any non-loopback host) or given. */
  token?: string;
  close(): Promise<void>;
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const token = options.token ?? (isLoopback(options.host) ? undefined : newToken());
  const app = createApp({
    root: options.root,
    ...(token !== undefined ? { token } : {}),
    ...(options.db !== undefined ? { db: options.db } : {}),
  });
  const server = await new Promise<ServerType>((resolvePromise, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, () =>
      resolvePromise(s),
    );
    s.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${shownHost}:${port}/`,
    port,
    ...(token !== undefined ? { token } : {}),
    close: () =>
      new Promise<void>((resolvePromise) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close(() => resolvePromise());
      }),
  };
}
