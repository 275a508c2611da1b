import type { Metadata } from 'next'

import { StorePicker } from '@/components/StorePicker'
import { openScreen } from '@/server/screen'

import { ServiceEditor } from './ServiceEditor'

export const metadata: Metadata = { title: 'Price list' }

/** SPEC §12: the store's catalogue of services — what the POS's service field searches. */
export default async function ServicesPage({ searchParams }: { searchParams: Promise<{ store?: string }> }) {
  const screen = await openScreen('/services', (await searchParams).store)
  if (!screen.ok) return screen.page
  const { user, payload, stores, store } = screen
  const { docs } = await payload.find({ collection: 'services', where: { store: { equals: store.id } }, sort: 'name', limit: 1000, depth: 0, user, overrideAccess: false })
  const services = [...docs].sort((a, b) => Number(b.active !== false) - Number(a.active !== false))
  const registered = Boolean(store.tax.gstin)

  return (
    <section className="sections">
      <div className="pos__header">
        <h1>Price list</h1>
        <StorePicker stores={stores} current={store.id} />
      </div>
      <p className="muted">
        The POS’s service field searches this list: picking a service fills its price and {store.tax.taxLabel} rate; anything else can still be typed.{' '}
        {store.tax.pricesIncludeTax ? `Prices include ${store.tax.taxLabel}.` : `${store.tax.taxLabel} is added to these prices.`}{' '}
        {registered ? '' : `This store has no tax number, so its bills carry no ${store.tax.taxLabel} whatever the rates say (bills of supply).`}
      </p>
      <div className="panel">
        <h2>Add a service</h2>
        <ServiceEditor store={{ id: store.id, currency: store.currency }} taxLabel={store.tax.taxLabel} />
      </div>
      <div className="panel" data-testid="price-list">
        <h2>
          {services.filter((service) => service.active !== false).length} services offered
          {services.some((service) => service.active === false) ? ` · ${services.filter((service) => service.active === false).length} retired` : ''}
        </h2>
        <div className="service-row muted" aria-hidden="true">
          <span>Service</span>
          <span>SAC / HSN</span>
          <span>Price</span>
          <span>{store.tax.taxLabel} %</span>
          <span />
          <span />
        </div>
        {services.map((service) => (
          <ServiceEditor
            key={`${service.id}-${service.updatedAt}`}
            store={{ id: store.id, currency: store.currency }}
            taxLabel={store.tax.taxLabel}
            service={{ id: service.id, name: service.name, sac: service.sac ?? null, price: service.price, taxRate: service.taxRate, active: service.active !== false }}
          />
        ))}
        {services.length === 0 && <p className="muted">No services yet: add the first above.</p>}
      </div>
    </section>
  )
}
