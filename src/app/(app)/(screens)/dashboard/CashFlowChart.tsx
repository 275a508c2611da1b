'use client'

import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'

import { compactMoney, tooltipMoney } from '@/components/chartMoney'

export interface MonthFlow {
  month: string
  income: number
  expense: number
  net: number
}

/** Money in and out by month (bars) and what was left (line); amounts in minor units. */
export function CashFlowChart({ data, currency, locale }: { data: MonthFlow[]; currency: string; locale: string }) {
  const monthLabel = (month: string) => new Intl.DateTimeFormat(locale, { month: 'short', year: '2-digit', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`))
  return (
    <div className="chart" role="img" aria-label="Cash flow by month: income and expense bars, net line">
      <ResponsiveContainer width="100%" height={300}>
        <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="month" tickFormatter={monthLabel} />
          <YAxis allowDecimals={false} width={72} tickFormatter={(value: number) => compactMoney(value, currency, locale)} />
          <Tooltip labelFormatter={(label) => monthLabel(String(label))} formatter={(value) => tooltipMoney(value, currency, locale)} />
          <Legend />
          <Bar isAnimationActive={false} dataKey="income" name="Income" fill="#079455" />
          <Bar isAnimationActive={false} dataKey="expense" name="Expenses" fill="#d92d20" />
          <Line isAnimationActive={false} dataKey="net" name="Net" type="linear" stroke="#155eef" strokeWidth={2} dot={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  )
}
