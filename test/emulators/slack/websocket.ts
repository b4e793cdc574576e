import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * The server side of a WebSocket (RFC 6455), just enough for Socket Mode: text messages both ways, ping/pong,
 * and the close handshake. No extensions (permessage-deflate is not offered back, so clients send plain frames).
 * The repository has no WebSocket server package, and the client (@slack/socket-mode, on undici's WebSocket)
 * is the real one, so this side only has to speak the protocol correctly.
 */

/** https://www.rfc-editor.org/rfc/rfc6455#section-1.3 */
const ACCEPT_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const OP = { continuation: 0x0, text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const;
/** Far above any Socket Mode message; a client sending more is broken. */
const MAX_MESSAGE_BYTES = 1024 * 1024;

export interface WebSocketHandlers {
  onText(text: string): void;
  onClose(code: number | undefined): void;
}

export class ServerWebSocket {
  private buffer = Buffer.alloc(0);
  private fragments: Buffer[] = [];
  private closing = false;

  private constructor(
    private readonly socket: Duplex,
    private readonly handlers: WebSocketHandlers,
  ) {
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('close', () => this.handlers.onClose(undefined));
    socket.on('error', () => socket.destroy());
  }

  /** Completes the opening handshake of an `upgrade` request; undefined (and a 400 sent) when it is not one. */
  static accept(req: IncomingMessage, socket: Duplex, handlers: WebSocketHandlers): ServerWebSocket | undefined {
    const key = req.headers['sec-websocket-key'];
    if (req.headers.upgrade?.toLowerCase() !== 'websocket' || typeof key !== 'string') {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      return undefined;
    }
    const accept = createHash('sha1').update(`${key}${ACCEPT_GUID}`).digest('base64');
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    return new ServerWebSocket(socket, handlers);
  }

  sendText(text: string): void {
    if (!this.closing) this.frame(OP.text, Buffer.from(text, 'utf8'));
  }

  /** Starts the close handshake; the socket ends when the client answers (or at once if it is gone). */
  close(code = 1000): void {
    if (this.closing) return;
    this.closing = true;
    const body = Buffer.alloc(2);
    body.writeUInt16BE(code);
    this.frame(OP.close, body);
    this.socket.end();
  }

  /** Drops the connection without a close frame, as a network failure would. */
  destroy(): void {
    this.closing = true;
    this.socket.destroy();
  }

  private frame(opcode: number, payload: Buffer): void {
    // Server frames are never masked (RFC 6455 §5.1); lengths past 16 bits use the 64-bit form.
    let head: Buffer;
    if (payload.length < 126) {
      head = Buffer.from([0x80 | opcode, payload.length]);
    } else if (payload.length < 0x10000) {
      head = Buffer.alloc(4);
      head[0] = 0x80 | opcode;
      head[1] = 126;
      head.writeUInt16BE(payload.length, 2);
    } else {
      head = Buffer.alloc(10);
      head[0] = 0x80 | opcode;
      head[1] = 127;
      head.writeBigUInt64BE(BigInt(payload.length), 2);
    }
    if (!this.socket.destroyed) this.socket.write(Buffer.concat([head, payload]));
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const frame = this.nextFrame();
      if (!frame) return;
      this.handle(frame.fin, frame.opcode, frame.payload);
    }
  }

  /** One complete frame off the buffer, unmasked; undefined until all of it has arrived. */
  private nextFrame(): { fin: boolean; opcode: number; payload: Buffer } | undefined {
    const b = this.buffer;
    if (b.length < 2) return undefined;
    const first = b[0] as number;
    const second = b[1] as number;
    let length = second & 0x7f;
    let offset = 2;
    if (length === 126) {
      if (b.length < 4) return undefined;
      length = b.readUInt16BE(2);
      offset = 4;
    } else if (length === 127) {
      if (b.length < 10) return undefined;
      length = Number(b.readBigUInt64BE(2));
      offset = 10;
    }
    if (length > MAX_MESSAGE_BYTES) {
      this.close(1009);
      this.buffer = Buffer.alloc(0);
      return undefined;
    }
    const masked = (second & 0x80) !== 0;
    if (!masked) {
      // "The server MUST close the connection upon receiving a frame that is not masked." (§5.1)
      this.close(1002);
      this.buffer = Buffer.alloc(0);
      return undefined;
    }
    if (b.length < offset + 4 + length) return undefined;
    const mask = b.subarray(offset, offset + 4);
    const payload = Buffer.from(b.subarray(offset + 4, offset + 4 + length));
    for (let i = 0; i < payload.length; i++) payload[i] = (payload[i] as number) ^ (mask[i % 4] as number);
    this.buffer = b.subarray(offset + 4 + length);
    return { fin: (first & 0x80) !== 0, opcode: first & 0x0f, payload };
  }

  private handle(fin: boolean, opcode: number, payload: Buffer): void {
    if (opcode === OP.ping) {
      this.frame(OP.pong, payload);
      return;
    }
    if (opcode === OP.pong) return;
    if (opcode === OP.close) {
      const code = payload.length >= 2 ? payload.readUInt16BE(0) : undefined;
      if (!this.closing) {
        // Echo the close (§5.5.1), then end our side.
        this.closing = true;
        this.frame(OP.close, payload.subarray(0, 2));
        this.socket.end();
      }
      this.handlers.onClose(code);
      return;
    }
    if (opcode === OP.text || opcode === OP.binary || opcode === OP.continuation) {
      this.fragments.push(payload);
      if (!fin) return;
      const message = Buffer.concat(this.fragments);
      this.fragments = [];
      this.handlers.onText(message.toString('utf8'));
    }
  }
}
