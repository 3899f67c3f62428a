/**
 * Wire-level failures, each with the error code the server answers with.
 *
 * @module
 */
import type { ErrorCodeName } from "./error_code.ts";

/**
 * A frame or payload that breaks the protocol. `code` is what the server
 * answers with; `fatal` says the byte stream can no longer be trusted and the
 * connection must be closed.
 */
export class ProtocolError extends Error {
  /** The error code sent back to the peer. */
  readonly code: ErrorCodeName;

  /** Creates the error. */
  constructor(code: ErrorCodeName, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "ProtocolError";
    this.code = code;
  }

  /** Whether the stream is out of sync after this error. */
  get fatal(): boolean {
    return this.code === "FRAME_TOO_LARGE" || this.code === "TRUNCATED_FRAME";
  }
}
