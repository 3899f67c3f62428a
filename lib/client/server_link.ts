/**
 * The client's connection to the server: dialing with retries, and one
 * request-reply exchange at a time over the framed protocol.
 *
 * @module
 */
import type { HostPort } from "../config/setting.ts";
import { writeAll } from "../protocol/byte_stream.ts";
import { FrameReader } from "../protocol/frame_reader.ts";
import { decodeMessage, type Message } from "../protocol/messages.ts";
import { ProtocolError } from "../protocol/protocol_error.ts";
import { closeQuietly } from "../runtime/close_quietly.ts";
import type { ClientContext } from "./client_context.ts";

/** The server closed the connection before answering. */
export class ConnectionLostError extends Error {
  /** Creates the error. */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "ConnectionLostError";
  }
}

/** Options for {@linkcode ServerLink.connect}. */
export interface ConnectOptions {
  /** Attempts before giving up (default 20). */
  attempts?: number;
  /** Abandons the dialing (SIGTERM). */
  signal?: AbortSignal;
}

const FIRST_RETRY_DELAY_MILLIS = 100;
const MAX_RETRY_DELAY_MILLIS = 2_000;

/**
 * One TCP connection to the server. `request` sends a whole frame and reads
 * one whole reply; a lost connection is a {@linkcode ConnectionLostError}.
 */
export class ServerLink implements Disposable {
  #conn: Deno.TcpConn;
  #reader: FrameReader;

  private constructor(conn: Deno.TcpConn) {
    this.#conn = conn;
    this.#reader = new FrameReader(conn);
  }

  /**
   * Dials `address`, retrying refused or unreachable attempts with a
   * capped exponential backoff (the server may still be starting).
   */
  static async connect(
    address: HostPort,
    options: ConnectOptions = {},
  ): Promise<ServerLink> {
    const attempts = options.attempts ?? 20;
    let delay = FIRST_RETRY_DELAY_MILLIS;
    for (let attempt = 1;; attempt++) {
      try {
        return new ServerLink(await Deno.connect(address));
      } catch (error) {
        if (attempt >= attempts || !isRetriableDialError(error)) throw error;
      }
      await sleep(delay, options.signal);
      delay = Math.min(delay * 2, MAX_RETRY_DELAY_MILLIS);
    }
  }

  /** Sends a frame without waiting for a reply. */
  async send(frame: Uint8Array): Promise<void> {
    try {
      await writeAll(this.#conn, frame);
    } catch (error) {
      throw new ConnectionLostError(`Cannot send: ${describe(error)}`, {
        cause: error,
      });
    }
  }

  /** Reads the next reply. */
  async receive(): Promise<Message> {
    let frame;
    try {
      frame = await this.#reader.next();
    } catch (error) {
      if (error instanceof ProtocolError && !error.fatal) throw error;
      throw new ConnectionLostError(
        `Cannot read the reply: ${describe(error)}`,
        {
          cause: error,
        },
      );
    }
    if (frame === null) {
      throw new ConnectionLostError(
        "Cannot read the reply: the server closed the connection",
      );
    }
    return decodeMessage(frame);
  }

  /** Sends a frame and reads the reply. */
  async request(frame: Uint8Array): Promise<Message> {
    await this.send(frame);
    return await this.receive();
  }

  /**
   * Closes the socket as soon as `signal` aborts, interrupting any pending
   * read, then calls `onClosed`. Dispose to stop watching.
   */
  closeWhen(signal: AbortSignal, onClosed: () => void): Disposable {
    const close = () => {
      this.close();
      onClosed();
    };
    signal.addEventListener("abort", close, { once: true });
    return {
      [Symbol.dispose]: () => signal.removeEventListener("abort", close),
    };
  }

  /** Closes the socket (safe to call twice). */
  close(): void {
    closeQuietly(this.#conn);
  }

  /** Closes the socket. */
  [Symbol.dispose](): void {
    this.close();
  }
}

/** Logs the close of a client socket at shutdown. */
export function logClose(context: ClientContext): void {
  context.log.info("close_socket", "success", { client_id: context.config.id });
}

/** Whether a failed dial is worth another try. */
export function isRetriableDialError(error: unknown): boolean {
  return error instanceof Deno.errors.ConnectionRefused ||
    error instanceof Deno.errors.ConnectionReset ||
    error instanceof Deno.errors.TimedOut ||
    error instanceof Deno.errors.NotConnected ||
    (error instanceof Error &&
      /lookup|resolve|unreachable/i.test(error.message));
}

/** Waits `millis`, or rejects as soon as `signal` aborts. */
export function sleep(millis: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(done, millis);
    signal?.addEventListener("abort", stop, { once: true });

    function done() {
      signal?.removeEventListener("abort", stop);
      resolve();
    }
    function stop() {
      clearTimeout(timer);
      reject(signal!.reason);
    }
  });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
