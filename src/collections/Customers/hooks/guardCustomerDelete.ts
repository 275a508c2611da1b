import type { CollectionBeforeDeleteHook } from 'payload'

import { RuleError } from '@/domain/errors'
import { sqlFor } from '@/ledger/db'
import { customerHasHistory } from '@/services/removeCustomer'

/**
 * Payload's other delete routes (bulk REST, GraphQL, the admin's "delete permanently") follow
 * the rule of DELETE /api/customers/:id (services/removeCustomer): a customer with ledger
 * history is never destroyed. They cannot trash instead, so they refuse and say how.
 */
export const guardCustomerDelete: CollectionBeforeDeleteHook = async ({ id, req }) => {
  if (await customerHasHistory(await sqlFor(req), Number(id))) {
    throw new RuleError('this customer has bills or payments in the ledger: it is kept — move it to the trash instead (DELETE /api/customers/:id does)', 'id', 409)
  }
}
