import type { Server } from 'node:http';
import { Server as NetServer } from 'node:net';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { PlatformProblem, platformProblems } from '../errors/platform.problems';

export interface DrainOutcome {
  /** Every request that had arrived finished, and no database work was left running. */
  completed: boolean;
  /** Requests still running when the drain time ran out (their connections were cut). */
  cut: number;
  ms: number;
}

const POLL_MS = 20;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The HTTP side of a graceful shutdown. Counts the requests in flight and, once drain() is called:
 *
 * - stops accepting connections;
 * - lets every request already received run to the end, its response carrying `Connection: close`
 *   so that keep-alive clients reconnect elsewhere;
 * - refuses a request that still arrives on an open keep-alive connection with 503 `shutting-down`
 *   (problem+json, `Retry-After`, `Connection: close`), readiness included. Idle keep-alive
 *   connections are kept open for this until the drain ends: http.Server#close() would destroy
 *   them at once, and a request a client had just written on one would then be lost to a reset,
 *   with no way for the client to tell whether it ran;
 * - waits, up to the drain time, until no request is in flight and the pool has no connection
 *   checked out: a request whose client went away keeps running on the server and may be in the
 *   middle of a transaction, which must be allowed to finish before the pool closes;
 * - when the time is up, cuts what is left.
 *
 * Fastify's own `return503OnClosing` answers a non-problem body, and Nest's close() destroys
 * providers before it stops the server; neither bounds the wait. Hence this, run before app.close().
 */
@Injectable()
export class ServerLifecycle implements OnModuleInit {
  private draining = false;
  private inFlight = 0;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly dataSource: DataSource,
  ) {}

  get isDraining(): boolean {
    return this.draining;
  }

  /** Requests received and not yet answered (or abandoned by their client). */
  get requestsInFlight(): number {
    return this.inFlight;
  }

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onRequest', (_request, reply, done) => {
      if (this.draining) return done(platformProblems.raise(PlatformProblem.ShuttingDown));
      this.inFlight += 1;
      // 'close' follows both a finished response and a connection the client dropped.
      reply.raw.once('close', () => (this.inFlight -= 1));
      done();
    });
    fastify.addHook('onSend', (_request, reply, payload, done) => {
      if (this.draining) void reply.header('Connection', 'close');
      done(null, payload);
    });
  }

  async drain(drainMs: number): Promise<DrainOutcome> {
    const started = Date.now();
    this.draining = true;
    const server = this.adapterHost.httpAdapter.getHttpServer() as Server;
    // net.Server#close: stop listening without http.Server#close's immediate closeIdleConnections().
    const closed = server.listening
      ? new Promise<void>((resolve) => NetServer.prototype.close.call(server, () => resolve()))
      : Promise.resolve();
    const deadline = started + drainMs;
    while ((this.inFlight > 0 || this.poolBusy() > 0) && Date.now() < deadline) await sleep(POLL_MS);
    const cut = this.inFlight;
    const completed = cut === 0 && this.poolBusy() === 0;
    // Idle keep-alive sockets, a client still sending headers, or requests past the deadline.
    server.closeAllConnections();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([closed, new Promise((resolve) => (timer = setTimeout(resolve, 1_000)))]);
    clearTimeout(timer);
    return { completed, cut, ms: Date.now() - started };
  }

  /** Second signal: no more waiting. */
  abort(): void {
    this.draining = true;
    (this.adapterHost.httpAdapter.getHttpServer() as Server).closeAllConnections();
  }

  /** Connections of the runtime pool checked out by requests (or waited for). */
  private poolBusy(): number {
    const pool = (this.dataSource.driver as unknown as { master?: Pool }).master;
    if (!pool) return 0;
    return pool.totalCount - pool.idleCount + pool.waitingCount;
  }
}
