import type { Endpoint } from 'payload'

import { customerDocumentEndpoints } from '@/documents/endpoints'

import { collectEndpoint } from './collect'
import { collectionEndpoints } from './collections'
import { deleteCustomerEndpoint } from './deleteCustomer'
import { importBalancesEndpoint } from './importBalances'
import { listCustomersEndpoint } from './list'
import { listPaymentsEndpoint, recordPaymentEndpoint } from './payments'
import { resolveEndpoint } from './resolve'
import { statementEndpoint } from './statement'
import { takeAdvanceEndpoint } from './takeAdvance'

/** Every custom endpoint of /api/customers (Payload's own REST routes aside). */
export const customerEndpoints: Endpoint[] = [
  // the customers screen's page (before /:id routes)
  listCustomersEndpoint,
  resolveEndpoint,
  importBalancesEndpoint,
  collectEndpoint,
  takeAdvanceEndpoint,
  statementEndpoint,
  listPaymentsEndpoint,
  recordPaymentEndpoint,
  deleteCustomerEndpoint,
  // SPEC §11: promises, the contact log, a reminder now
  ...collectionEndpoints,
  // the customer's documents (statement PDF and email), written with the other documents
  ...customerDocumentEndpoints,
]
