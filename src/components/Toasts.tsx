'use client'

import Link from 'next/link'
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react'

export interface Toast {
  /** What happened, with the amount: "Collected ₹600.00" */
  text: string
  /** The ledger's reference of it: PAY-000007 */
  reference?: string | null
  /** Where its printable receipt is */
  receipt?: string | null
}

const ToastContext = createContext<(toast: Toast) => void>(() => undefined)

/** Confirms every money action where staff look next: above the screen, until dismissed. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<(Toast & { key: number })[]>([])
  const push = useCallback((toast: Toast) => setToasts((list) => [...list.slice(-2), { ...toast, key: Date.now() + Math.random() }]), [])
  // A confirmation stays long enough to read and to reach "Print receipt", then gets out of the way.
  useEffect(() => {
    if (toasts.length === 0) return
    const timer = setTimeout(() => setToasts((list) => list.slice(1)), 15_000)
    return () => clearTimeout(timer)
  }, [toasts])
  return (
    <ToastContext.Provider value={push}>
      <div className="toasts" role="status" aria-live="polite" data-testid="toasts">
        {toasts.map((toast) => (
          <p className="toast" key={toast.key} data-testid="toast">
            <span>{toast.text}</span>
            {toast.reference && <span className="toast__ref"> · {toast.reference}</span>}
            {toast.receipt && (
              <>
                {' · '}
                <Link href={toast.receipt} className="toast__link">
                  Print receipt
                </Link>
              </>
            )}
            <button type="button" className="toast__close" aria-label="Dismiss" onClick={() => setToasts((list) => list.filter((item) => item.key !== toast.key))}>
              ×
            </button>
          </p>
        ))}
      </div>
      {children}
    </ToastContext.Provider>
  )
}

export const useToast = () => useContext(ToastContext)
