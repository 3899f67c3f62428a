/**
 * The error codes carried by an `ERROR` message (one byte on the wire).
 *
 * @module
 */

/** Code values by name. */
export const ErrorCode = {
  MALFORMED_PAYLOAD: 1,
  FRAME_TOO_LARGE: 2,
  TRUNCATED_FRAME: 3,
  UNKNOWN_MESSAGE_TYPE: 4,
  UNEXPECTED_MESSAGE: 5,
  INVALID_BET: 6,
  UNKNOWN_AGENCY: 7,
  WRONG_AGENCY: 8,
  NOT_IDENTIFIED: 9,
  SEQUENCE_GAP: 10,
  NOT_FINISHED: 11,
  STORAGE_FAILURE: 12,
  SHUTTING_DOWN: 13,
  AGENCY_FINISHED: 14,
} as const;

/** The name of an error code. */
export type ErrorCodeName = keyof typeof ErrorCode;

const NAMES_BY_VALUE = new Map<number, ErrorCodeName>(
  Object.entries(ErrorCode).map(([name, value]) => [
    value,
    name as ErrorCodeName,
  ]),
);

/** The name of a code value, or `undefined` for an unknown one. */
export function errorCodeName(value: number): ErrorCodeName | undefined {
  return NAMES_BY_VALUE.get(value);
}
