/** The slice of Node's EventEmitter that `process` and `fs.FSWatcher` need. */
type Listener = (...args: unknown[]) => void;

export class Emitter {
  private readonly listenersByEvent = new Map<string | symbol, Listener[]>();

  on(event: string | symbol, listener: Listener): this {
    this.listenersByEvent.set(event, [...(this.listenersByEvent.get(event) ?? []), listener]);
    return this;
  }

  addListener(event: string | symbol, listener: Listener): this {
    return this.on(event, listener);
  }

  once(event: string | symbol, listener: Listener): this {
    const wrapper: Listener = (...args) => {
      this.off(event, wrapper);
      listener(...args);
    };
    return this.on(event, wrapper);
  }

  off(event: string | symbol, listener: Listener): this {
    this.listenersByEvent.set(event, (this.listenersByEvent.get(event) ?? []).filter((item) => item !== listener));
    return this;
  }

  removeListener(event: string | symbol, listener: Listener): this {
    return this.off(event, listener);
  }

  removeAllListeners(event?: string | symbol): this {
    if (event === undefined) this.listenersByEvent.clear();
    else this.listenersByEvent.delete(event);
    return this;
  }

  listeners(event: string | symbol): Listener[] {
    return [...(this.listenersByEvent.get(event) ?? [])];
  }

  listenerCount(event: string | symbol): number {
    return this.listenersByEvent.get(event)?.length ?? 0;
  }

  emit(event: string | symbol, ...args: unknown[]): boolean {
    const listeners = this.listeners(event);
    for (const listener of listeners) listener(...args);
    return listeners.length > 0;
  }
}
