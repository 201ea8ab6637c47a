import { z } from '@pal/core/provider';

/** A time in a query: epoch ms, or an ISO 8601 date / date-time; as epoch ms. */
export const timeParam = () =>
  z
    .string()
    .transform((text, ctx) => {
      const ms = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
      if (Number.isFinite(ms)) return ms;
      ctx.addIssue({ code: 'custom', message: `expected epoch ms or an ISO date, got "${text}"` });
      return z.NEVER;
    })
    .optional();

/** A positive whole number in a query. */
export const countParam = (max: number) => z.coerce.number().int().positive().max(max).optional();

/** Epoch ms of the start of the UTC day and month `now` is in. */
export function periodStarts(now: number): { day: number; month: number } {
  const date = new Date(now);
  return {
    day: Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()),
    month: Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1),
  };
}
