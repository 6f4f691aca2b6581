import { scheduleApr } from './apr.input';
import { previewSchedule } from './schedule';
import { scheduleToJson, type ScheduleJson } from './schedule.format';
import { parsePlanTerms } from './terms.schema';

/**
 * The `schedule` CLI contract in one call: validates JSON terms, builds the schedule and its
 * Regulation Z APR, and returns decimal strings. Throws EngineError naming the bad field.
 */
export function previewScheduleJson(raw: unknown): ScheduleJson & { aprPercent: string } {
  const schedule = previewSchedule(parsePlanTerms(raw));
  return { ...scheduleToJson(schedule), aprPercent: scheduleApr(schedule).aprPercent.toFixed(2) };
}
