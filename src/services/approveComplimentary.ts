import { APIError, type PayloadRequest } from 'payload'

import { hasRole, storeIdsOf, type AccessUser } from '@/access/roles'

import { sql, sqlFor } from '@/ledger/db'
import { mayUseStore } from '@/access/mayUseStore'
import { notFound } from '@/domain/errors'

export interface ApprovalInput {
  email: string
  password: string
}

const needApproval = () => new APIError('A complimentary bill in this store needs an owner’s approval: the owner signs in here to approve it', 403, { field: 'approval' }, true)

/**
 * Stores may require an owner's approval for complimentary bills (issue 13). A cashier's
 * complimentary checkout then carries the owner's sign-in, checked like a login (wrong
 * passwords count towards the owner's lockout); owners and admins approve their own.
 * Returns the approver's id, kept on the bill, or null when no approval is needed.
 */
export async function approveComplimentary(req: PayloadRequest, storeId: number, approval: ApprovalInput | undefined): Promise<number | null> {
  const user = req.user as AccessUser | null
  const { rows } = await (await sqlFor(req)).execute(sql`SELECT complimentary_approval FROM stores WHERE id = ${storeId}`)
  if (!rows[0] || !mayUseStore(req, storeId)) throw notFound('store')
  if (!rows[0].complimentary_approval || hasRole(user, 'admin', 'owner')) return null
  if (!approval) throw needApproval()
  let approver: AccessUser
  try {
    const result = await req.payload.login({ collection: 'users', data: { email: approval.email, password: approval.password }, depth: 0 })
    approver = result.user as unknown as AccessUser
  } catch {
    throw new APIError('The owner’s email or password is wrong; the complimentary bill was not saved', 403, { field: 'approval' }, true)
  }
  if (!(hasRole(approver, 'admin') || (hasRole(approver, 'owner') && storeIdsOf(approver).includes(storeId)))) {
    throw new APIError('Only an owner of this store can approve a complimentary bill', 403, { field: 'approval' }, true)
  }
  return Number(approver.id)
}
