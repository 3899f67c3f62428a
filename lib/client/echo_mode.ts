/**
 * Exercises 1–4: the echo client. For each of `loop.amount` messages it
 * connects, sends `[CLIENT <id>] Message N°<k>` as an ECHO frame, checks the
 * reply is the same bytes, hangs up, and waits `loop.period`.
 *
 * @module
 */
import { encodeMessage } from "../protocol/messages.ts";
import type { ClientContext, ModeOutcome } from "./client_context.ts";
import { logClose, ServerLink, sleep } from "./server_link.ts";

/** Runs the echo loop; 0 when every message came back unchanged. */
export async function runEchoMode(
  context: ClientContext,
): Promise<ModeOutcome> {
  const { config, log, signal } = context;
  const clientId = config.id;

  for (let k = 1; k <= config.loopAmount; k++) {
    if (signal.aborted) return 0;
    const msg = `[CLIENT ${clientId}] Message N°${k}`;
    const echoed = await exchangeEcho(context, msg);
    if (signal.aborted) return 0;
    if (!echoed) return 1;

    log.info("receive_message", "success", { client_id: clientId, msg });
    if (k < config.loopAmount) {
      await sleep(config.loopPeriodMillis, signal).catch(() => {});
    }
  }

  if (signal.aborted) return 0;
  log.info("loop_finished", "success", { client_id: clientId });
  return 0;
}

/** One connect-send-receive-close round; logs and returns false on failure. */
async function exchangeEcho(
  context: ClientContext,
  msg: string,
): Promise<boolean> {
  const { config, log, signal } = context;
  const frame = encodeMessage({ type: "ECHO", text: msg });
  try {
    using link = await ServerLink.connect(config.serverAddress, { signal });
    using _stop = link.closeWhen(signal, () => logClose(context));
    const reply = await link.request(frame);
    if (reply.type === "ECHO" && reply.text === msg) return true;
    log.error("receive_message", "fail", {
      client_id: config.id,
      msg,
      reason: "the reply differs from the message sent",
    });
  } catch (error) {
    if (signal.aborted) return false;
    const reason = error instanceof Error ? error.message : String(error);
    log.error("receive_message", "fail", { client_id: config.id, reason });
  }
  return false;
}
