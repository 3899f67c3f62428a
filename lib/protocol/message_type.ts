/**
 * Message type bytes. Client-to-server types are below 0x80, replies from
 * the server have the high bit set.
 *
 * @module
 */

/** Type values by name. */
export const MessageType = {
  ECHO: 0x01,
  HELLO: 0x02,
  BET: 0x03,
  BET_BATCH: 0x04,
  FINISHED: 0x05,
  WINNERS_QUERY: 0x06,
  ACK: 0x81,
  ERROR: 0x82,
  WINNERS: 0x83,
} as const;

/** The name of a message type. */
export type MessageTypeName = keyof typeof MessageType;
