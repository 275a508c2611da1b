import * as migration_20261121_000000_baseline from './20261121_000000_baseline';
import * as migration_20261202_000000_transaction_references from './20261202_000000_transaction_references';

export const migrations = [
  {
    up: migration_20261121_000000_baseline.up,
    down: migration_20261121_000000_baseline.down,
    name: '20261121_000000_baseline',
  },
  {
    up: migration_20261202_000000_transaction_references.up,
    down: migration_20261202_000000_transaction_references.down,
    name: '20261202_000000_transaction_references',
  },
];
