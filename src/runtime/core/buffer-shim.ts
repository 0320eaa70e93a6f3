/**
 * A small `Buffer`: what `fs.readFileSync(path)` returns without an encoding, and what lessons use for
 * Basic auth (`Buffer.from('user:pass').toString('base64')`). A Uint8Array with Node's text
 * encodings (utf8, base64, base64url, hex, latin1); not the whole Node API.
 */
import { INSPECT_CUSTOM } from './inspect.ts';

export type BufferEncoding = 'utf8' | 'utf-8' | 'base64' | 'base64url' | 'hex' | 'latin1' | 'binary' | 'ascii';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function bytesToBinary(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 0x8000) out += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return out;
}

function binaryToBytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
  return bytes;
}

function decodeText(text: string, encoding: BufferEncoding): Uint8Array {
  switch (encoding) {
    case 'base64':
    case 'base64url': {
      const standard = text.replace(/-/g, '+').replace(/_/g, '/').replace(/[^A-Za-z0-9+/]/g, '');
      return binaryToBytes(atob(standard + '='.repeat((4 - (standard.length % 4)) % 4)));
    }
    case 'hex': {
      const pairs = text.match(/[0-9a-fA-F]{2}/g) ?? [];
      return Uint8Array.from(pairs, (pair) => parseInt(pair, 16));
    }
    case 'latin1':
    case 'binary':
    case 'ascii':
      return binaryToBytes(text);
    default:
      return encoder.encode(text);
  }
}

export class SandboxBuffer extends Uint8Array {
  static override from(value: unknown, encodingOrMap?: unknown, length?: number): SandboxBuffer {
    if (typeof value === 'string') return SandboxBuffer.wrap(decodeText(value, (encodingOrMap as BufferEncoding | undefined) ?? 'utf8'));
    // Buffer.from(arrayBuffer, byteOffset, length): a view on the same memory, as in Node.
    if (value instanceof ArrayBuffer) return new SandboxBuffer(value, typeof encodingOrMap === 'number' ? encodingOrMap : 0, length ?? value.byteLength - (typeof encodingOrMap === 'number' ? encodingOrMap : 0));
    return SandboxBuffer.wrap(Uint8Array.from(value as ArrayLike<number>));
  }

  static wrap(bytes: Uint8Array): SandboxBuffer {
    return new SandboxBuffer(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength);
  }

  static alloc(size: number, fill = 0): SandboxBuffer {
    return new SandboxBuffer(size).fill(fill);
  }

  /** Node hands out uninitialised memory; here it is zeroed (official SDKs call it: the AWS SDK's JSON codec). */
  static allocUnsafe(size: number): SandboxBuffer {
    return new SandboxBuffer(size);
  }

  static allocUnsafeSlow(size: number): SandboxBuffer {
    return new SandboxBuffer(size);
  }

  static isBuffer(value: unknown): value is SandboxBuffer {
    return value instanceof SandboxBuffer;
  }

  static byteLength(value: string | Uint8Array, encoding: BufferEncoding = 'utf8'): number {
    return typeof value === 'string' ? decodeText(value, encoding).length : value.byteLength;
  }

  static concat(list: readonly Uint8Array[]): SandboxBuffer {
    const out = new SandboxBuffer(list.reduce((sum, part) => sum + part.length, 0));
    let offset = 0;
    for (const part of list) {
      out.set(part, offset);
      offset += part.length;
    }
    return out;
  }

  override toString(encoding: BufferEncoding = 'utf8'): string {
    switch (encoding) {
      case 'base64':
        return btoa(bytesToBinary(this));
      case 'base64url':
        return btoa(bytesToBinary(this)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
      case 'hex':
        return Array.from(this, (byte) => byte.toString(16).padStart(2, '0')).join('');
      case 'latin1':
      case 'binary':
      case 'ascii':
        return bytesToBinary(this);
      default:
        return decoder.decode(this);
    }
  }

  equals(other: Uint8Array): boolean {
    return other.length === this.length && this.every((byte, i) => byte === other[i]);
  }

  toJSON(): { type: 'Buffer'; data: number[] } {
    return { type: 'Buffer', data: Array.from(this) };
  }

  [INSPECT_CUSTOM](): string {
    const shown = Array.from(this.subarray(0, 50), (byte) => byte.toString(16).padStart(2, '0')).join(' ');
    const more = this.length > 50 ? ` ... ${this.length - 50} more bytes` : '';
    return `<Buffer${shown ? ` ${shown}` : ''}${more}>`;
  }
}
