/**
 * What the server does with each decoded request of one connection, and
 * what it answers. Knows the lottery rules' order (identify, upload,
 * finish, query) but nothing of sockets.
 *
 * @module
 */
import { type Bet, formatDate, validateBet } from "../domain/bet.ts";
import { InvalidBetError } from "../domain/bet.ts";
import type { ErrorCodeName } from "../protocol/error_code.ts";
import type { Message, MessageOf } from "../protocol/messages.ts";
import { splitWinners } from "../protocol/winners_frames.ts";
import type { EventLogger } from "../runtime/logging.ts";
import type { EventDetails } from "../runtime/log_line.ts";
import {
  type LotteryOffice,
  LotteryRefusal,
  type Upload,
} from "./lottery_office.ts";

/** A request refused with an error code; the connection stays usable. */
export class RequestRefused extends Error {
  /** The error code answered. */
  readonly code: ErrorCodeName;

  /** Creates the refusal. */
  constructor(code: ErrorCodeName, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "RequestRefused";
    this.code = code;
  }
}

/** What {@linkcode AgencyRequests} needs. */
export interface AgencyRequestsOptions {
  office: LotteryOffice;
  /** Agencies taking part: valid agency numbers are `1..agencies`. */
  agencies: number;
  log: EventLogger;
}

/** The lottery requests of one connection, in order. */
export class AgencyRequests {
  #options: AgencyRequestsOptions;
  #upload?: Upload;

  /** Serves one connection's requests. */
  constructor(options: AgencyRequestsOptions) {
    this.#options = options;
  }

  /** Identifies the agency behind this connection. */
  hello(request: MessageOf<"HELLO">): Message[] {
    this.#checkAgencyNumber(request.agency);
    this.#upload = { agency: request.agency, session: request.session };
    this.#options.log.debug("hello", "success", { agencia: request.agency });
    return [{ type: "ACK", sequence: 0 }];
  }

  /** Stores one bet (exercise 5). */
  async bet(request: MessageOf<"BET">): Promise<Message[]> {
    const details = { dni: request.bet.document, numero: request.bet.number };
    try {
      await this.#store(request.agency, request.sequence, [request.bet]);
    } catch (error) {
      this.#logFailure("apuesta_almacenada", details, error);
      throw error;
    }
    this.#options.log.info("apuesta_almacenada", "success", details);
    return [{ type: "ACK", sequence: request.sequence }];
  }

  /** Stores a whole batch, or none of it (exercise 6). */
  async batch(request: MessageOf<"BET_BATCH">): Promise<Message[]> {
    const details = { cantidad: request.bets.length };
    let outcome;
    try {
      outcome = await this.#store(
        request.agency,
        request.sequence,
        request.bets,
      );
    } catch (error) {
      this.#logFailure("apuesta_recibida", details, error);
      throw error;
    }
    const logged: EventDetails = { ...details };
    if (outcome === "duplicate") logged.duplicado = true;
    this.#options.log.info("apuesta_recibida", "success", logged);
    return [{ type: "ACK", sequence: request.sequence }];
  }

  /** Records the agency's end of upload; the last one holds the draw. */
  async finished(request: MessageOf<"FINISHED">): Promise<Message[]> {
    const { office, log } = this.#options;
    const agency = this.#requireUpload(request.agency).agency;

    const completesDraw = office.finish(agency);
    log.info("notificacion_fin", "success", { agencia: agency });
    if (completesDraw) {
      log.info("sorteo", "success");
      await office.holdDraw();
    }
    return [{ type: "ACK", sequence: 0 }];
  }

  /** Answers the agency's own winners, once the draw is held. */
  async winners(request: MessageOf<"WINNERS_QUERY">): Promise<Message[]> {
    const agency = this.#requireUpload(request.agency).agency;
    const documents = await this.#options.office.winnersOf(agency)
      .catch(rethrowRefusal);

    this.#options.log.info("consulta_ganadores", "success", {
      agencia: agency,
      cant_ganadores: documents.length,
    });
    return splitWinners(documents);
  }

  async #store(agency: number, sequence: number, bets: readonly Bet[]) {
    const upload = this.#requireUpload(agency);
    if (sequence === 0) {
      throw new RequestRefused(
        "SEQUENCE_GAP",
        "Cannot store batch 0: sequences start at 1",
      );
    }
    const today = new Date();
    bets.forEach((bet, index) => validateForStorage(bet, index, today));
    return await this.#options.office.storeBatch(upload, sequence, bets)
      .catch(rethrowRefusal);
  }

  #requireUpload(agency: number): Upload {
    const upload = this.#upload;
    if (upload === undefined) {
      throw new RequestRefused(
        "NOT_IDENTIFIED",
        "Cannot serve the request: send HELLO first",
      );
    }
    if (upload.agency !== agency) {
      throw new RequestRefused(
        "WRONG_AGENCY",
        `Cannot serve agency ${agency} on a connection of agency ${upload.agency}`,
      );
    }
    return upload;
  }

  #checkAgencyNumber(agency: number): void {
    const { agencies } = this.#options;
    if (agency >= 1 && agency <= agencies) return;
    throw new RequestRefused(
      "UNKNOWN_AGENCY",
      `Cannot accept agency ${agency}: agencies are 1..${agencies}`,
    );
  }

  #logFailure(
    action: string,
    details: EventDetails,
    error: unknown,
  ) {
    const code = error instanceof RequestRefused
      ? error.code
      : "STORAGE_FAILURE";
    const reason = error instanceof Error ? error.message : String(error);
    this.#options.log.error(action, "fail", { ...details, code, reason });
  }
}

function validateForStorage(bet: Bet, index: number, today: Date): void {
  try {
    validateBet(bet, today);
  } catch (error) {
    if (!(error instanceof InvalidBetError)) throw error;
    const shown = `${bet.document}/${formatDate(bet.birthdate)}`;
    throw new RequestRefused(
      "INVALID_BET",
      `Bet ${index + 1} (${shown}): ${error.message}`,
      {
        cause: error,
      },
    );
  }
}

function rethrowRefusal(error: unknown): never {
  if (error instanceof LotteryRefusal) {
    throw new RequestRefused(error.code, error.message, { cause: error });
  }
  throw error;
}
