/**
 * The only network a program can reach: a table of host name -> handler. Handlers live on the page
 * (or in the Node test), so their state (a vault's secrets, the requests an API received) persists
 * across runs. A request to any other host fails the way an offline fetch does, with a TypeError
 * whose message names the hosts that exist.
 */

/** A fetch-shaped server: the same shape as the vault's `createVaultFetch(engine)`. */
export type RequestHandler = (request: Request) => Promise<Response>;

export class UnknownHostError extends TypeError {
  readonly host: string;
  readonly knownHosts: readonly string[];

  constructor(host: string, knownHosts: readonly string[]) {
    super(
      `fetch failed: ${host} is not reachable, the sandbox is offline. ` +
        `Hosts that exist here: ${knownHosts.length > 0 ? knownHosts.join(', ') : '(none)'}`,
    );
    this.name = 'TypeError';
    this.host = host;
    this.knownHosts = knownHosts;
  }
}

export class SimulatedNetwork {
  private readonly handlers = new Map<string, RequestHandler>();
  /**
   * Told of every request to a host that does not exist, before the program's fetch fails: the
   * grader records it, because a secret sent there has left the program all the same.
   */
  onUnknownHost: ((request: Request) => Promise<void>) | undefined;

  constructor(hosts: Record<string, RequestHandler> = {}) {
    for (const [host, handler] of Object.entries(hosts)) this.addHost(host, handler);
  }

  addHost(host: string, handler: RequestHandler): this {
    this.handlers.set(host.toLowerCase(), handler);
    return this;
  }

  removeHost(host: string): void {
    this.handlers.delete(host.toLowerCase());
  }

  hosts(): string[] {
    return [...this.handlers.keys()].sort();
  }

  /** Routes by host name (ports are ignored: the simulated hosts answer on any). Rejects with UnknownHostError. */
  async handle(request: Request): Promise<Response> {
    const host = new URL(request.url).hostname.toLowerCase();
    const handler = this.handlers.get(host);
    if (!handler) {
      await this.onUnknownHost?.(request);
      throw new UnknownHostError(host, this.hosts());
    }
    return handler(request);
  }
}
