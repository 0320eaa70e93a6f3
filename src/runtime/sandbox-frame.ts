/**
 * The isolation boundary in the browser: a hidden `<iframe sandbox="allow-scripts">` (an opaque
 * origin: no access to the site's localStorage, IndexedDB, cookies or DOM) whose only job is to start
 * Workers from the bundled worker source and relay messages. Its Content-Security-Policy forbids every
 * network request and script URL except Blob URLs; Blob-URL workers inherit that policy, so learner
 * code cannot reach the network even through `import()`.
 *
 * Page <-> iframe traffic uses a private MessageChannel handed over in the `init` message, so nothing
 * else on the page (and nothing in the worker) can inject relay messages. Each worker gets two more
 * private channels in its first message, before any learner code exists, and the runtime keeps their
 * ports in a closure: one whose other end the page made and sent along with `spawn` (the run's
 * messages go page <-> worker directly, with no hop through the iframe's thread: a re-run is a few
 * milliseconds faster), and one to the relay here, for `crypto.subtle`. Learner code shares the
 * worker's global scope and can call its `postMessage`; whatever arrives that way is reported to the
 * page as forged (`kind: 'forged'`), never relayed.
 */
import type { HostToWorker } from './protocol.ts';
import type { WorkerCrash, WorkerPort } from './worker-runtime.ts';

/** 'unsafe-eval': learner modules are evaluated with eval. 'unsafe-inline': the relay script below. */
export const SANDBOX_FRAME_CSP = "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval' blob: data:; worker-src blob: data:; connect-src 'none'";

/** `spawn` carries the page's end of the new worker's channel as its one transferred port. */
type PageToFrame =
  | { kind: 'spawn'; id: number }
  | { kind: 'terminate'; id: number }
  | { kind: 'ping'; n: number };

type FrameToPage =
  | { kind: 'forged'; id: number }
  | { kind: 'crash'; id: number; reason: string }
  | { kind: 'pong'; n: number };

/** Runs inside the iframe. Plain ES2017, no imports: it is inlined into srcdoc. */
export const RELAY_SCRIPT = `
(function () {
  var port = null;
  var workerUrl = null;
  var workers = new Map();
  // crypto.subtle for the workers (not secure contexts): keys stay here, workers hold handles.
  var SUBTLE = ['encrypt', 'decrypt', 'sign', 'verify', 'digest', 'generateKey', 'deriveKey', 'deriveBits', 'importKey', 'exportKey', 'wrapKey', 'unwrapKey'];
  var keys = new Map();
  var nextKey = 1;
  function isContainer(v) { return v && typeof v === 'object' && !ArrayBuffer.isView(v) && !(v instanceof ArrayBuffer); }
  function keyOut(key) {
    var handle = nextKey++;
    keys.set(handle, key);
    return { __sandboxKey: handle, type: key.type, extractable: key.extractable, algorithm: key.algorithm, usages: key.usages };
  }
  function encodeOut(v) {
    if (typeof CryptoKey !== 'undefined' && v instanceof CryptoKey) return keyOut(v);
    if (isContainer(v) && typeof CryptoKey !== 'undefined' && v.publicKey instanceof CryptoKey) return { publicKey: keyOut(v.publicKey), privateKey: keyOut(v.privateKey) };
    return v;
  }
  function decodeIn(v) {
    if (Array.isArray(v)) return v.map(decodeIn);
    if (!isContainer(v)) return v;
    if (typeof v.__sandboxKey === 'number') {
      var key = keys.get(v.__sandboxKey);
      if (!key) throw new DOMException('The key is not one this sandbox made.', 'InvalidAccessError');
      return key;
    }
    var out = {};
    Object.keys(v).forEach(function (name) { out[name] = decodeIn(v[name]); });
    return out;
  }
  function subtle(workerPort, m) {
    var reply = function (answer) { answer.type = 'subtle-result'; answer.id = m.id; workerPort.postMessage(answer); };
    var fail = function (error) { reply({ error: { name: (error && error.name) || 'OperationError', message: String((error && error.message) || error) } }); };
    if (!self.crypto || !crypto.subtle) return fail({ name: 'NotSupportedError', message: 'crypto.subtle is not available: the page is not served over HTTPS or from localhost' });
    if (SUBTLE.indexOf(m.method) < 0) return fail({ name: 'NotSupportedError', message: 'crypto.subtle has no method ' + m.method });
    Promise.resolve().then(function () { return crypto.subtle[m.method].apply(crypto.subtle, decodeIn(m.args)); }).then(function (value) {
      try { reply({ value: encodeOut(value) }); } catch (error) { fail(error); }
    }, fail);
  }
  function start(id, pagePort) {
    var worker;
    try {
      worker = new Worker(workerUrl, { name: 'sandbox-run-' + id });
    } catch (error) {
      port.postMessage({ kind: 'crash', id: id, reason: 'the worker could not start: ' + error });
      return;
    }
    var channel = new MessageChannel();
    // The worker's first message: its private channels to the page and to this relay (see the module comment).
    worker.postMessage({ kind: 'connect' }, [pagePort, channel.port2]);
    channel.port1.onmessage = function (event) {
      var data = event.data;
      if (data && data.type === 'subtle') subtle(channel.port1, data);
    };
    channel.port1.onmessageerror = function () { port.postMessage({ kind: 'crash', id: id, reason: 'a message could not be read' }); };
    worker.onmessage = function () { port.postMessage({ kind: 'forged', id: id }); };
    worker.onerror = function (event) {
      event.preventDefault();
      port.postMessage({ kind: 'crash', id: id, reason: event.message || 'the worker stopped unexpectedly' });
    };
    worker.onmessageerror = function () { port.postMessage({ kind: 'forged', id: id }); };
    workers.set(id, { worker: worker, port: channel.port1 });
  }
  addEventListener('message', function (event) {
    var data = event.data;
    if (port || event.source !== parent || !data || data.kind !== 'init' || !event.ports[0]) return;
    port = event.ports[0];
    try {
      workerUrl = URL.createObjectURL(new Blob([data.source], { type: 'text/javascript' }));
    } catch (error) {
      workerUrl = 'data:text/javascript;charset=utf-8,' + encodeURIComponent(data.source);
    }
    port.onmessage = function (event) {
      var m = event.data;
      if (m.kind === 'spawn') { if (event.ports[0]) start(m.id, event.ports[0]); }
      else if (m.kind === 'terminate') { var t = workers.get(m.id); if (t) { t.worker.terminate(); t.port.close(); } workers.delete(m.id); }
      else if (m.kind === 'ping') port.postMessage({ kind: 'pong', n: m.n });
    };
  });
})();
`;

export function sandboxFrameDocument(): string {
  return `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${SANDBOX_FRAME_CSP}"></head><body><script>${RELAY_SCRIPT}</script></body></html>`;
}

export class SandboxFrame {
  private readonly iframe: HTMLIFrameElement;
  private readonly channel = new MessageChannel();
  private readonly ports = new Map<number, WorkerPort>();
  /** The page's end of each live worker's channel. */
  private readonly channels = new Map<number, MessagePort>();
  private readonly pongs = new Map<number, () => void>();
  private readonly loaded: Promise<void>;
  private nextId = 1;

  constructor(document: Document, workerSource: string, container: HTMLElement = document.body) {
    this.iframe = document.createElement('iframe');
    this.iframe.setAttribute('sandbox', 'allow-scripts');
    this.iframe.setAttribute('aria-hidden', 'true');
    this.iframe.setAttribute('tabindex', '-1');
    this.iframe.title = 'Sandbox runtime (hidden)';
    this.iframe.style.cssText = 'position:absolute;width:0;height:0;border:0;visibility:hidden';
    this.iframe.srcdoc = sandboxFrameDocument();
    this.loaded = new Promise((resolve) => {
      this.iframe.addEventListener(
        'load',
        () => {
          // '*' because the frame's origin is opaque; the source is public and the port is private.
          this.iframe.contentWindow?.postMessage({ kind: 'init', source: workerSource }, '*', [this.channel.port2]);
          resolve();
        },
        { once: true },
      );
    });
    this.channel.port1.onmessage = (event: MessageEvent<FrameToPage>) => this.receive(event.data);
    container.append(this.iframe);
  }

  private send(message: PageToFrame, transfer: Transferable[] = []): void {
    // Before the frame has loaded, MessagePort messages queue until the other end is handed over.
    this.channel.port1.postMessage(message, transfer);
  }

  private receive(message: FrameToPage): void {
    if (message.kind === 'pong') {
      this.pongs.get(message.n)?.();
      return;
    }
    const port = this.ports.get(message.id);
    if (!port) return;
    if (message.kind === 'forged') port.onForged?.();
    else {
      const crash: WorkerCrash = { reason: message.reason, outOfMemory: false };
      port.onCrash(crash);
    }
  }

  spawn(): WorkerPort {
    const id = this.nextId++;
    // The worker's channel to this page: messages posted before the worker holds its end wait in it.
    const direct = new MessageChannel();
    const port: WorkerPort = {
      post: (message: HostToWorker) => direct.port1.postMessage(message),
      // The relay handles the worker's own messages in order: its pong comes after every forged notice before it.
      flush: async () => {
        await this.isAlive(1000);
      },
      onMessage: () => {},
      onCrash: () => {},
      terminate: () => {
        this.ports.delete(id);
        this.channels.delete(id);
        direct.port1.close();
        this.send({ kind: 'terminate', id });
      },
    };
    direct.port1.onmessage = (event) => port.onMessage(event.data);
    direct.port1.onmessageerror = () => port.onCrash({ reason: 'a message could not be read', outOfMemory: false });
    this.ports.set(id, port);
    this.channels.set(id, direct.port1);
    this.send({ kind: 'spawn', id }, [direct.port2]);
    return port;
  }

  /** True if the frame answers within `ms` (it may have crashed with an out-of-memory worker). */
  async isAlive(ms = 1000): Promise<boolean> {
    await this.loaded;
    const n = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pongs.delete(n);
        resolve(false);
      }, ms);
      this.pongs.set(n, () => {
        clearTimeout(timer);
        this.pongs.delete(n);
        resolve(true);
      });
      this.send({ kind: 'ping', n });
    });
  }

  /** Crashes every live worker's run (the frame is going away) and removes the iframe. */
  dispose(): void {
    for (const port of this.ports.values()) port.onCrash({ reason: 'the sandbox frame was reset', outOfMemory: false });
    this.ports.clear();
    for (const channel of this.channels.values()) channel.close();
    this.channels.clear();
    this.channel.port1.close();
    this.iframe.remove();
  }
}
