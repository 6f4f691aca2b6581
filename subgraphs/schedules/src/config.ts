import { z } from 'zod';
import { commonEnv, parseEnv, port, url } from '../../shared/config/env';
import {
  DEFAULT_WAIVER_APPROVAL_THRESHOLD,
  parseApprovalThresholds,
} from './servicing-actions/approval-threshold';

const schedulesEnv = commonEnv.extend({
  PORT: port(4002),
  /** Where plan events for payments are delivered (its /internal/events). */
  PAYMENTS_URL: url(['http:', 'https:']).default('http://127.0.0.1:4003'),
  /** Fixed business date (YYYY-MM-DD) for demos and staff time travel; today (UTC) when unset. */
  BUSINESS_DATE: z.iso.date().optional(),
  /** Largest waiver a staff member applies alone, per currency: `USD:50.00,JPY:5000`. */
  WAIVER_APPROVAL_THRESHOLD: z
    .string()
    .default(DEFAULT_WAIVER_APPROVAL_THRESHOLD)
    .transform((text, ctx) => {
      const { thresholds, issues } = parseApprovalThresholds(text);
      for (const message of issues) ctx.addIssue({ code: 'custom', message });
      return thresholds;
    }),
});

export type SchedulesConfig = ReturnType<typeof loadConfig>;

/** Reads and validates the schedules subgraph's environment; throws naming every bad variable. */
export const loadConfig = (env: Record<string, string | undefined> = process.env) =>
  parseEnv(schedulesEnv, env);
