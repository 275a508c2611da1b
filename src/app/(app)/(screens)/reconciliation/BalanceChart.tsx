'use client'

import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'

import { compactMoney, tooltipMoney } from '@/components/chartMoney'

export interface BalanceDay {
  date: string
  in: number
  out: number
  balance: number
}

/** Money in / out by day (bars) and the running balance (line); amounts in minor units. */
export function BalanceChart({ data, currency, locale }: { data: BalanceDay[]; currency: string; locale: string }) {
  const dayLabel = (day: string) => new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`))
  if (data.length === 0) return <p className="muted">No money moved in this period.</p>
  return (
    <div className="chart" role="img" aria-label="Running balance by day, with money in and out">
      <ResponsiveContainer width="100%" height={300}>
        <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="date" tickFormatter={dayLabel} minTickGap={16} />
          <YAxis allowDecimals={false} width={72} tickFormatter={(value: number) => compactMoney(value, currency, locale)} />
          <Tooltip labelFormatter={(label) => dayLabel(String(label))} formatter={(value) => tooltipMoney(value, currency, locale)} />
          <Legend />
          <Bar isAnimationActive={false} dataKey="in" name="In" fill="#079455" />
          <Bar isAnimationActive={false} dataKey="out" name="Out" fill="#d92d20" />
          <Line isAnimationActive={false} dataKey="balance" name="Balance" type="stepAfter" stroke="#155eef" strokeWidth={2} dot={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  )
}
