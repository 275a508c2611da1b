import type { Metadata } from 'next'
import { createLocalReq } from 'payload'

import { FormDialog } from '@/components/FormDialog'
import { Money } from '@/components/Money'
import { paymentMethodOptions } from '@/components/paymentMethods'
import { StorePicker } from '@/components/StorePicker'
import { dayOnly, todayIn } from '@/domain/dates'
import { toAmountInput } from '@/domain/money'
import { openScreen } from '@/server/screen'
import { cardSummary } from '@/services/cards'
import { sqlFor } from '@/ledger/db'

import { CloseStatementButton } from './CloseStatementButton'

export const metadata: Metadata = { title: 'Cards' }

/** A statement's state in words: open while its period runs; once closed, how far it is paid. */
function statementStatus(isClosed: boolean, status: string | null | undefined): string {
  if (!isClosed) return 'Open'
  return `Closed · ${{ open: 'unpaid', partial: 'partly paid', paid: 'paid', overdue: 'overdue' }[status ?? 'open'] ?? status}`
}

// Card bills and payables are paid from the bank first.
const METHODS = [...paymentMethodOptions].sort((a, b) => Number(b.value === 'bank_transfer') - Number(a.value === 'bank_transfer'))

export default async function CardsPage({ searchParams }: { searchParams: Promise<{ store?: string }> }) {
  const screen = await openScreen('/cards', (await searchParams).store)
  if (!screen.ok) return screen.page
  const { user, payload, stores, store } = screen

  const month = todayIn(store.timezone).slice(0, 7)
  const req = await createLocalReq({ user }, payload)
  const [summary, statements, payables] = await Promise.all([
    cardSummary(await sqlFor(req), store.id),
    payload.find({ collection: 'credit-card-invoices', where: { store: { equals: store.id } }, sort: '-startDate', limit: 300, depth: 0, user, overrideAccess: false }),
    payload.find({
      collection: 'payment-statuses',
      where: { and: [{ store: { equals: store.id } }, { monthYear: { equals: month } }] },
      sort: 'dueDate',
      limit: 100,
      depth: 0,
      user,
      overrideAccess: false,
    }),
  ])
  const money = (minor: number, owed = false) => <Money minor={minor} currency={store.currency} locale={store.locale} owed={owed} />
  const day = (iso?: string | null) => (iso ? new Intl.DateTimeFormat(store.locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(iso)) : '–')
  const cardOptions = summary.filter((row) => row.card.active).map((row) => ({ value: String(row.card.id), label: `${row.card.name} ••${row.card.last4}` }))

  return (
    <section className="sections">
      <div className="pos__header">
        <h1>Cards</h1>
        <div className="row">
          <StorePicker stores={stores} current={store.id} />
          <FormDialog
            title="Add a card"
            buttonLabel="Add card"
            submitLabel="Add card"
            endpoint="/api/credit-cards"
            currency={store.currency}
            locale={store.locale}
            extra={{ store: store.id, currency: store.currency }}
            fields={[
              { name: 'name', label: 'Card name', kind: 'text', required: true },
              { name: 'last4', label: 'Last 4 digits', kind: 'text', required: true },
              { name: 'cardholder', label: 'Cardholder', kind: 'text', required: true },
              { name: 'closingDay', label: 'Closing day (1–31)', kind: 'number', required: true, initial: '25' },
              { name: 'dueDay', label: 'Due day (1–31)', kind: 'number', required: true, initial: '15' },
            ]}
          />
          {cardOptions.length > 0 && (
            <FormDialog
              title="Record a card charge"
              buttonLabel="Record card charge"
              submitLabel="Record charge"
              confirm={{ text: 'Card charge of {amount} recorded' }}
              endpoint="/api/transactions"
              currency={store.currency}
              locale={store.locale}
              buttonClass="button button--primary"
              extra={{ store: store.id, type: 'expense', kind: 'expense', method: 'credit_card' }}
              fields={[
                { name: 'creditCard', label: 'Card', kind: 'select', options: cardOptions },
                { name: 'amount', label: 'Amount', kind: 'money', required: true },
                { name: 'date', label: 'Date', kind: 'date', initial: todayIn(store.timezone) },
                { name: 'notes', label: 'What for', kind: 'text' },
              ]}
            />
          )}
        </div>
      </div>

      <div className="stats" data-testid="card-summary">
        {summary.map((row) => (
          <div className="stat" key={row.card.id}>
            <div className="stat__label">
              {row.card.name} ••{row.card.last4} · {row.card.cardholder}
            </div>
            <div className="stat__value">{money(row.open.totalAmount)}</div>
            <div className="muted">
              open {row.open.count} · closed {row.closed.count} · due {money(row.closed.amountDue, true)}
              {row.closed.overdue > 0 ? ` · ${row.closed.overdue} overdue` : ''}
            </div>
          </div>
        ))}
        {summary.length === 0 && <p className="muted">No cards yet. Add the business’s credit cards to track their statements.</p>}
      </div>

      <div className="panel">
        <h2>Statements</h2>
        <div className="table-wrap">
          <table className="table" data-testid="statements">
            <thead>
              <tr>
                <th>Card · period</th>
                <th className="num">Days</th>
                <th className="num">Purchases</th>
                <th className="num">Total</th>
                <th className="num">Due</th>
                <th>Due date</th>
                <th>Status</th>
                <th aria-label="Actions" />
              </tr>
            </thead>
            <tbody>
              {statements.docs.map((statement) => (
                <tr key={statement.id} data-testid={`statement-${statement.id}`}>
                  <td>{statement.label}</td>
                  <td className="num">{statement.billingPeriodDays}</td>
                  <td className="num">{statement.purchasesCount}</td>
                  <td className="num">{money(statement.totalAmount ?? 0)}</td>
                  <td className="num">{money(statement.amountDue ?? 0, statement.isClosed ?? false)}</td>
                  <td>{day(statement.dueDate)}</td>
                  <td>
                    <span className={`chip chip--${statement.isClosed ? (statement.status === 'open' ? 'unpaid' : statement.status) : 'open'}`} data-testid="statement-status">
                      {statementStatus(statement.isClosed ?? false, statement.status)}
                    </span>
                  </td>
                  <td>
                    <div className="row">
                      {!statement.isClosed && (
                        <CloseStatementButton
                          id={statement.id}
                          label={statement.label ?? ''}
                          startDate={dayOnly(statement.startDate)!}
                          endDate={dayOnly(statement.endDate)!}
                          today={todayIn(store.timezone)}
                        />
                      )}
                      {statement.isClosed && (statement.amountDue ?? 0) > 0 && (
                        <FormDialog
                          title={`Pay ${statement.label}`}
                          buttonLabel="Pay"
                          submitLabel="Record payment"
                          confirm={{ text: `Paid {amount} towards ${statement.label}` }}
                          endpoint="/api/transactions"
                          currency={store.currency}
                          locale={store.locale}
                          buttonClass="button button--ok"
                          extra={{ store: store.id, type: 'expense', kind: 'card_payment', creditCardInvoice: statement.id }}
                          fields={[
                            { name: 'amount', label: 'Amount', kind: 'money', required: true, initial: toAmountInput(statement.amountDue ?? 0, store.currency) },
                            { name: 'method', label: 'Paid from', kind: 'select', options: METHODS },
                          ]}
                        />
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>

      <div className="panel">
        <div className="pos__header">
          <h2>Payables of {month}</h2>
          <FormDialog
            title="Add a payable"
            buttonLabel="Add payable"
            submitLabel="Add"
            endpoint="/api/payment-statuses"
            currency={store.currency}
            locale={store.locale}
            extra={{ store: store.id, monthYear: month, currency: store.currency }}
            fields={[
              { name: 'name', label: 'Name', kind: 'text', required: true, initial: 'Shop rent' },
              {
                name: 'paymentType',
                label: 'Type',
                kind: 'select',
                options: [
                  { value: 'fixed', label: 'Fixed (rent)' },
                  { value: 'variable', label: 'Variable (utilities)' },
                ],
              },
              { name: 'expectedAmount', label: 'Expected amount', kind: 'money' },
              { name: 'dueDate', label: 'Due date', kind: 'date', required: true, initial: `${month}-05` },
            ]}
          />
        </div>
        <table className="table" data-testid="payables">
          <thead>
            <tr>
              <th>Payable</th>
              <th>Type</th>
              <th>Due</th>
              <th className="num">Expected</th>
              <th className="num">Paid</th>
              <th>Status</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {payables.docs.map((payable) => (
              <tr key={payable.id}>
                <td>{payable.name}</td>
                <td>{payable.paymentType.replace('_', ' ')}</td>
                <td>{day(payable.dueDate)}</td>
                <td className="num">{money(payable.expectedAmount ?? 0)}</td>
                <td className="num">{money(payable.amountPaid ?? 0)}</td>
                <td>
                  <span className={`chip chip--${payable.status}`}>{payable.status}</span>
                </td>
                <td>
                  {payable.paymentType !== 'credit_card' && payable.status !== 'paid' && (
                    <FormDialog
                      title={`Pay ${payable.name}`}
                      buttonLabel="Pay"
                      submitLabel="Record expense"
                      confirm={{ text: `Paid {amount} for ${payable.name}` }}
                      endpoint="/api/transactions"
                      currency={store.currency}
                      locale={store.locale}
                      buttonClass="button button--ok"
                      extra={{ store: store.id, type: 'expense', kind: 'expense', paymentStatus: payable.id, notes: payable.name }}
                      fields={[
                        { name: 'amount', label: 'Amount', kind: 'money', required: true },
                        { name: 'method', label: 'Paid from', kind: 'select', options: METHODS },
                      ]}
                    />
                  )}
                </td>
              </tr>
            ))}
            {payables.docs.length === 0 && (
              <tr>
                <td colSpan={7} className="muted">
                  Nothing scheduled for this month.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  )
}
