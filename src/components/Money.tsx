import { formatMoney } from '@/domain/money'

/** Every amount on screen goes through the one formatter; red when it is owed. */
export function Money({ minor, currency, locale, owed = false }: { minor: number; currency: string; locale: string; owed?: boolean }) {
  return <span className={owed && minor > 0 ? 'money money--owed' : 'money'}>{formatMoney(minor, currency, locale)}</span>
}
