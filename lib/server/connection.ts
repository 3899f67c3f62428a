/**
 * Serving one TCP connection: frames in, replies out, until the peer closes
 * or the stream can no longer be trusted.
 *
 * @module
 */
import { writeAll } from "../protocol/byte_stream.ts";
import { encodeFrame, type Frame } from "../protocol/frame.ts";
import { FrameReader } from "../protocol/frame_reader.ts";
import { MessageType } from "../protocol/message_type.ts";
import {
  decodeMessage,
  encodeMessage,
  type Message,
} from "../protocol/messages.ts";
import { ProtocolError } from "../protocol/protocol_error.ts";
import type { ErrorCodeName } from "../protocol/error_code.ts";
import type { EventLogger } from "../runtime/logging.ts";
import type { EventDetails } from "../runtime/log_line.ts";
import { closeQuietly } from "../runtime/close_quietly.ts";
import { AgencyRequests, RequestRefused } from "./agency_requests.ts";
import type { LotteryOffice } from "./lottery_office.ts";

/** What serving a connection needs. */
export interface ServeConnectionOptions {
  office: LotteryOffice;
  agencies: number;
  log: EventLogger;
  /** Aborted at shutdown. */
  signal: AbortSignal;
}

/** Serves `conn` until it ends, then closes it and logs the close. */
export async function serveConnection(
  conn: Deno.TcpConn,
  options: ServeConnectionOptions,
): Promise<void> {
  const ip = conn.remoteAddr.hostname;
  try {
    await new ConnectionSession(conn, ip, options).run();
  } finally {
    closeQuietly(conn);
    options.log.info("close_socket", "success", { ip });
  }
}

class ConnectionSession {
  #conn: Deno.TcpConn;
  #ip: string;
  #options: ServeConnectionOptions;
  #reader: FrameReader;
  #requests: AgencyRequests;

  constructor(conn: Deno.TcpConn, ip: string, options: ServeConnectionOptions) {
    this.#conn = conn;
    this.#ip = ip;
    this.#options = options;
    this.#reader = new FrameReader(conn);
    this.#requests = new AgencyRequests(options);
  }

  async run(): Promise<void> {
    while (!this.#options.signal.aborted) {
      const frame = await this.#nextFrame();
      if (frame === null) return;

      const replies = await this.#respond(frame);
      if (replies === null) return;
      if (!await this.#send(replies)) return;
    }
  }

  /** The next frame, or null when the connection is over. */
  async #nextFrame(): Promise<Frame | null> {
    try {
      return await this.#reader.next();
    } catch (error) {
      if (this.#options.signal.aborted) return null;
      if (error instanceof ProtocolError) {
        this.#logFailure(error.code, error);
        await this.#send([errorReply(error.code, error.message)]);
        return null;
      }
      this.#logFailure(undefined, error);
      return null;
    }
  }

  /** Replies to a frame; null means close the connection. */
  async #respond(frame: Frame): Promise<Uint8Array[] | null> {
    if (frame.type === MessageType.ECHO) return this.#echo(frame);
    try {
      const replies = await this.#dispatch(decodeMessage(frame));
      return replies.map(encodeMessage);
    } catch (error) {
      return this.#refusal(frame, error);
    }
  }

  /** Echo replies with the very bytes received, so netcat can compare. */
  #echo(frame: Frame): Uint8Array[] {
    const text = new TextDecoder().decode(frame.payload);
    this.#options.log.info("receive_message", "success", {
      ip: this.#ip,
      msg: text,
    });
    return [encodeFrame(frame.type, frame.payload)];
  }

  #dispatch(message: Message): Promise<Message[]> | Message[] {
    const requests = this.#requests;
    switch (message.type) {
      case "HELLO":
        return requests.hello(message);
      case "BET":
        return requests.bet(message);
      case "BET_BATCH":
        return requests.batch(message);
      case "FINISHED":
        return requests.finished(message);
      case "WINNERS_QUERY":
        return requests.winners(message);
    }
    throw new RequestRefused(
      "UNEXPECTED_MESSAGE",
      `Cannot serve ${message.type}: only the server sends it`,
    );
  }

  /** Turns a failed request into an ERROR reply, or null to hang up. */
  #refusal(frame: Frame, error: unknown): Uint8Array[] | null {
    if (this.#options.signal.aborted) {
      return [
        errorReply("SHUTTING_DOWN", "Cannot serve: the server is stopping"),
      ];
    }
    if (error instanceof RequestRefused || error instanceof ProtocolError) {
      if (!isLoggedByRequests(frame, error)) {
        this.#logFailure(error.code, error);
      }
      return [errorReply(error.code, error.message)];
    }
    if (isLoggedByRequests(frame, error)) {
      return [errorReply("STORAGE_FAILURE", "Cannot store the bets")];
    }
    this.#logFailure(undefined, error);
    return null;
  }

  async #send(frames: Uint8Array[]): Promise<boolean> {
    try {
      for (const frame of frames) await writeAll(this.#conn, frame);
      return true;
    } catch (error) {
      if (!this.#options.signal.aborted) {
        const reason = error instanceof Error ? error.message : String(error);
        this.#options.log.error("send_message", "fail", {
          ip: this.#ip,
          reason,
        });
      }
      return false;
    }
  }

  /** Logs a failed frame; `code` is absent for a socket or internal error. */
  #logFailure(code: ErrorCodeName | undefined, error: unknown) {
    const details: EventDetails = { ip: this.#ip };
    if (code !== undefined) details.code = code;
    details.reason = error instanceof Error ? error.message : String(error);
    this.#options.log.error("receive_message", "fail", details);
  }
}

/** Bet and batch requests log their own failures under the course's names. */
function isLoggedByRequests(frame: Frame, error: unknown): boolean {
  const storing = frame.type === MessageType.BET ||
    frame.type === MessageType.BET_BATCH;
  return storing && !(error instanceof ProtocolError);
}

function errorReply(code: ErrorCodeName, reason: string): Uint8Array {
  return encodeMessage({ type: "ERROR", code, sequence: 0, reason });
}
