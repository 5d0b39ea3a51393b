import type { Test } from 'tap'
import type { LeaseStore } from '../../src/coordination/lease-store.js'
import { STORE_FACTORIES } from './factories.js'

/** The lease part of every store of factories.ts: the PostgreSQL factory added there runs these tests too. */
export const LEASE_FACTORIES = STORE_FACTORIES.map((factory) => ({
  name: factory.name,
  open: async (t: Test): Promise<LeaseStore> => (await factory.open(t)).leases
}))
