/**
 * An agency's conversation with the central: identify, upload batches,
 * say it has finished, ask for its winners. A lost connection is redialed
 * and the unanswered request sent again; the server recognises a resent
 * batch by its session and sequence number and does not store it twice.
 *
 * @module
 */
import type { ErrorCodeName } from "../protocol/error_code.ts";
import { encodeMessage, type Message } from "../protocol/messages.ts";
import type { ClientContext } from "./client_context.ts";
import {
  ConnectionLostError,
  logClose,
  ServerLink,
  sleep,
} from "./server_link.ts";

/** The server answered a request with an ERROR message. */
export class ServerRefusedError extends Error {
  /** The server's error code. */
  readonly code: ErrorCodeName;

  /** Creates the error. */
  constructor(code: ErrorCodeName, reason: string) {
    super(`The server refused the request (${code}): ${reason}`);
    this.name = "ServerRefusedError";
    this.code = code;
  }
}

/** Times a request is sent again after its connection is lost. */
export const MAX_RESENDS = 5;
const RESEND_DELAY_MILLIS = 200;

/** An agency's session with the server, over one connection at a time. */
export class LotterySession implements Disposable {
  #context: ClientContext;
  #session = crypto.getRandomValues(new Uint32Array(1))[0];
  #link?: ServerLink;
  #stopWatch?: Disposable;

  /** A session for the agency `context.config.id`. */
  constructor(context: ClientContext) {
    this.#context = context;
  }

  /** Sends an encoded BET or BET_BATCH frame and waits for its ACK. */
  async store(frame: Uint8Array, sequence: number): Promise<void> {
    const reply = await this.#exchange(frame);
    expectAck(reply, sequence);
  }

  /** Tells the server this agency has sent all its bets. */
  async finish(): Promise<void> {
    const agency = this.#context.config.id;
    expectAck(
      await this.#exchange(encodeMessage({ type: "FINISHED", agency })),
      0,
    );
  }

  /** Asks for this agency's winners; the server answers after the draw. */
  async winners(): Promise<string[]> {
    const agency = this.#context.config.id;
    const query = encodeMessage({ type: "WINNERS_QUERY", agency });
    return await this.#withResends(async (link) => {
      await link.send(query);
      return await readWinners(link);
    });
  }

  /** Closes the connection, if open. */
  [Symbol.dispose](): void {
    this.#drop();
  }

  #exchange(frame: Uint8Array): Promise<Message> {
    return this.#withResends((link) => link.request(frame));
  }

  async #withResends<T>(work: (link: ServerLink) => Promise<T>): Promise<T> {
    for (let resends = 0;; resends++) {
      try {
        return await work(await this.#connected());
      } catch (error) {
        if (!(error instanceof ConnectionLostError)) throw error;
        this.#drop();
        if (resends === MAX_RESENDS || this.#context.signal.aborted) {
          throw error;
        }
        this.#context.log.warning("reconnect", "in_progress", {
          client_id: this.#context.config.id,
          reason: error.message,
        });
      }
      await sleep(RESEND_DELAY_MILLIS, this.#context.signal);
    }
  }

  /** The open connection, dialing and identifying first if needed. */
  async #connected(): Promise<ServerLink> {
    if (this.#link !== undefined) return this.#link;

    const { config, signal } = this.#context;
    const link = await ServerLink.connect(config.serverAddress, { signal });
    this.#stopWatch = link.closeWhen(signal, () => logClose(this.#context));
    this.#link = link;

    const hello = encodeMessage({
      type: "HELLO",
      agency: config.id,
      session: this.#session,
    });
    expectAck(await link.request(hello), 0);
    return link;
  }

  #drop(): void {
    this.#stopWatch?.[Symbol.dispose]();
    this.#link?.close();
    this.#link = undefined;
  }
}

function expectAck(reply: Message, sequence: number): void {
  if (reply.type === "ERROR") {
    throw new ServerRefusedError(reply.code, reply.reason);
  }
  if (reply.type !== "ACK" || reply.sequence !== sequence) {
    throw new ConnectionLostError(
      `Cannot use the reply: expected ACK ${sequence}, received ${reply.type}`,
    );
  }
}

async function readWinners(link: ServerLink): Promise<string[]> {
  const documents: string[] = [];
  for (;;) {
    const reply = await link.receive();
    if (reply.type === "ERROR") {
      throw new ServerRefusedError(reply.code, reply.reason);
    }
    if (reply.type !== "WINNERS") {
      throw new ConnectionLostError(
        `Cannot use the reply: expected WINNERS, received ${reply.type}`,
      );
    }
    documents.push(...reply.documents);
    if (!reply.more) return documents;
  }
}
