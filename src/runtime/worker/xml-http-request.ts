/**
 * `XMLHttpRequest` on the program's `fetch`, so a client that prefers XHR (axios, which node-vault
 * uses) talks to the simulated network like everything else and never sends a real request. The
 * parts such clients use: open/send/abort, request and response headers, `responseType` ('', 'text',
 * 'json', 'arraybuffer', 'blob'), `timeout`, the `on*` handlers and `addEventListener` for
 * readystatechange, load, error, abort, timeout and loadend. Synchronous requests are refused, as a
 * Worker's real XHR cannot block on the page's network either.
 */

type Handler = ((this: SandboxXMLHttpRequest, event: Event) => unknown) | null;
const EVENTS = ['readystatechange', 'loadstart', 'load', 'error', 'abort', 'timeout', 'loadend'] as const;
type XhrEvent = (typeof EVENTS)[number];

export class SandboxXMLHttpRequest extends EventTarget {
  static readonly UNSENT = 0;
  static readonly OPENED = 1;
  static readonly HEADERS_RECEIVED = 2;
  static readonly LOADING = 3;
  static readonly DONE = 4;

  readyState = 0;
  status = 0;
  statusText = '';
  responseURL = '';
  responseType: XMLHttpRequestResponseType = '';
  response: unknown = '';
  timeout = 0;
  withCredentials = false;
  readonly upload = new EventTarget();

  onreadystatechange: Handler = null;
  onloadstart: Handler = null;
  onload: Handler = null;
  onerror: Handler = null;
  onabort: Handler = null;
  ontimeout: Handler = null;
  onloadend: Handler = null;

  #method = 'GET';
  #url = '';
  #headers = new Headers();
  #responseHeaders: Headers | undefined;
  #text = '';
  #controller: AbortController | undefined;
  #ended = false;

  get responseText(): string {
    if (this.responseType !== '' && this.responseType !== 'text') throw new DOMException("The value is only accessible if the object's 'responseType' is '' or 'text'", 'InvalidStateError');
    return this.#text;
  }

  open(method: string, url: string | URL, async = true): void {
    if (async === false) throw new DOMException('Synchronous XMLHttpRequest is not supported in the sandbox: use the asynchronous form (or fetch).', 'InvalidAccessError');
    this.#method = method.toUpperCase();
    this.#url = String(url);
    this.#headers = new Headers();
    this.#responseHeaders = undefined;
    this.status = 0;
    this.#ended = false;
    this.#setState(1);
  }

  setRequestHeader(name: string, value: string): void {
    if (this.readyState !== 1) throw new DOMException("Failed to execute 'setRequestHeader' on 'XMLHttpRequest': The object's state must be OPENED.", 'InvalidStateError');
    this.#headers.append(name, value);
  }

  getResponseHeader(name: string): string | null {
    return this.#responseHeaders?.get(name) ?? null;
  }

  getAllResponseHeaders(): string {
    if (!this.#responseHeaders) return '';
    let out = '';
    this.#responseHeaders.forEach((value, name) => (out += `${name}: ${value}\r\n`));
    return out;
  }

  overrideMimeType(): void {}

  send(body?: BodyInit | null): void {
    if (this.readyState !== 1) throw new DOMException("Failed to execute 'send' on 'XMLHttpRequest': The object's state must be OPENED.", 'InvalidStateError');
    const controller = new AbortController();
    this.#controller = controller;
    let timedOut = false;
    const timer = this.timeout > 0 ? setTimeout(() => ((timedOut = true), controller.abort()), this.timeout) : undefined;
    this.#fire('loadstart');
    const hasBody = body !== undefined && body !== null && this.#method !== 'GET' && this.#method !== 'HEAD';
    fetch(this.#url, { method: this.#method, headers: this.#headers, ...(hasBody ? { body } : {}), signal: controller.signal }).then(
      async (response) => {
        this.status = response.status;
        this.statusText = response.statusText;
        this.responseURL = response.url || this.#url;
        this.#responseHeaders = response.headers;
        this.#setState(2);
        const bytes = await response.arrayBuffer();
        if (timer !== undefined) clearTimeout(timer);
        if (this.#ended) return;
        this.#setState(3);
        this.#text = new TextDecoder().decode(bytes);
        this.response = this.#decode(bytes, response.headers.get('content-type'));
        this.#finish('load');
      },
      () => {
        if (timer !== undefined) clearTimeout(timer);
        if (this.#ended) return;
        this.status = 0;
        this.#finish(timedOut ? 'timeout' : 'error');
      },
    );
  }

  abort(): void {
    if (this.readyState === 0 || this.readyState === 4 || this.#ended) return;
    this.#controller?.abort();
    this.#finish('abort');
  }

  #decode(bytes: ArrayBuffer, contentType: string | null): unknown {
    switch (this.responseType) {
      case 'arraybuffer':
        return bytes;
      case 'blob':
        return new Blob([bytes], contentType ? { type: contentType } : {});
      case 'json':
        try {
          return JSON.parse(this.#text) as unknown;
        } catch {
          return null;
        }
      default:
        return this.#text;
    }
  }

  #finish(kind: 'load' | 'error' | 'abort' | 'timeout'): void {
    this.#ended = true;
    this.#setState(4);
    this.#fire(kind);
    this.#fire('loadend');
  }

  #setState(state: number): void {
    this.readyState = state;
    this.#fire('readystatechange');
  }

  #fire(type: XhrEvent): void {
    const event = new Event(type);
    const handler = this[`on${type}`];
    if (typeof handler === 'function') handler.call(this, event);
    this.dispatchEvent(event);
  }
}
