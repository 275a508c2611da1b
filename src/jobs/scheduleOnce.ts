/**
 * Every app instance runs the jobs queue (payload.config.ts jobs.autoRun), and their crons fire
 * in the same second. Payload queues a scheduled run after counting the queue, so two instances
 * would both queue the same run (issue 19). Here a task's schedule hook records its slot (queue,
 * task, time) as an Idempotency-Key of owner `jobs:schedule` (src/ledger/idempotency.ts,
 * `claimScheduleSlot`); only the instance whose INSERT wrote it queues the run.
 */
import type { TaskConfig } from 'payload'

import { sqlFor } from '@/ledger/db'
import { claimScheduleSlot } from '@/ledger/idempotency'

/** Payload's BeforeScheduleFn (not exported from the package root). */
type BeforeSchedule = NonNullable<NonNullable<NonNullable<TaskConfig['schedule']>[number]['hooks']>['beforeSchedule']>

/** A schedule's beforeSchedule hook: Payload's own rule, then one instance per slot. */
export const scheduleOnce: BeforeSchedule = async (args) => {
  const decided = await args.defaultBeforeSchedule(args)
  if (!decided.shouldSchedule) return decided
  const { queueable } = args
  const at = decided.waitUntil ?? queueable.waitUntil
  const slot = `${queueable.scheduleConfig.queue}:${queueable.taskConfig?.slug ?? queueable.workflowConfig?.slug ?? '?'}:${at ? at.toISOString() : 'now'}`
  return { ...decided, shouldSchedule: await claimScheduleSlot(await sqlFor(args.req), slot) }
}
