import type { FastifyBaseLogger } from 'fastify';
import { maskPhone } from '../../kernel/audit/audit.js';

/** Sends a text message. Plug a real SMS provider in with `setSmsGateway` at start-up. */
export interface SmsGateway {
  send(phone: string, text: string): Promise<void>;
}

/** The default gateway: writes the message to the server log (development and demo; no SMS is sent). */
export function logSmsGateway(log: Pick<FastifyBaseLogger, 'info'>): SmsGateway {
  return {
    async send(phone, text) {
      log.info({ sms: { to: maskPhone(phone), text } }, `SMS to ${maskPhone(phone)}: ${text}`);
    },
  };
}

/** Keeps every message in memory; tests read the codes from it. */
export function capturingSmsGateway() {
  const sent: { phone: string; text: string }[] = [];
  return {
    sent,
    /** The 6-digit code of the last message to this phone. */
    lastCode(phone: string): string | undefined {
      const m = [...sent].reverse().find((s) => s.phone === phone);
      return m?.text.match(/\d{6}/)?.[0];
    },
    async send(phone: string, text: string) {
      sent.push({ phone, text });
    },
  } satisfies SmsGateway & Record<string, unknown>;
}

let current: SmsGateway | null = null;
let fallback: SmsGateway | null = null;

/** Chooses the gateway (null: back to the log gateway). */
export function setSmsGateway(g: SmsGateway | null): void {
  current = g;
}
/** Called by the routes with the app's logger, for the default gateway. */
export function setFallbackSmsGateway(g: SmsGateway): void {
  fallback ??= g;
}
export function smsGateway(): SmsGateway {
  const g = current ?? fallback;
  if (!g) throw new Error('no SMS gateway configured');
  return g;
}
