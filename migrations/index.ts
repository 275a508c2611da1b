import * as migration_20261121_000000_baseline from './20261121_000000_baseline'
import * as migration_20261201_224556_held_money from './20261201_224556_held_money'
import * as migration_20261201_224700_held_money_ledger from './20261201_224700_held_money_ledger'
import * as migration_20261201_224819_staff_screens from './20261201_224819_staff_screens'
import * as migration_20261201_230000_store_links_and_bounds from './20261201_230000_store_links_and_bounds'
import * as migration_20261201_230832_documents from './20261201_230832_documents'
import * as migration_20261202_000000_transaction_references from './20261202_000000_transaction_references'
import * as migration_20261202_010053_after_sale from './20261202_010053_after_sale'
import * as migration_20261202_010054_after_sale_ledger from './20261202_010054_after_sale_ledger'
import * as migration_20261202_011527_tax from './20261202_011527_tax'
import * as migration_20261202_020000_collections from './20261202_020000_collections'
import * as migration_20261202_030000_tax_after_sale from './20261202_030000_tax_after_sale'
import * as migration_20261202_040000_report_ranges from './20261202_040000_report_ranges'
import * as migration_20261202_050000_verify_runs from './20261202_050000_verify_runs'
import * as migration_20261202_060000_customer_list from './20261202_060000_customer_list'

export const migrations = [
  {
    up: migration_20261121_000000_baseline.up,
    down: migration_20261121_000000_baseline.down,
    name: '20261121_000000_baseline',
  },
  {
    up: migration_20261201_224556_held_money.up,
    down: migration_20261201_224556_held_money.down,
    name: '20261201_224556_held_money',
  },
  {
    up: migration_20261201_224700_held_money_ledger.up,
    down: migration_20261201_224700_held_money_ledger.down,
    name: '20261201_224700_held_money_ledger',
  },
  {
    up: migration_20261201_224819_staff_screens.up,
    down: migration_20261201_224819_staff_screens.down,
    name: '20261201_224819_staff_screens',
  },
  {
    up: migration_20261201_230000_store_links_and_bounds.up,
    down: migration_20261201_230000_store_links_and_bounds.down,
    name: '20261201_230000_store_links_and_bounds',
  },
  {
    up: migration_20261201_230832_documents.up,
    down: migration_20261201_230832_documents.down,
    name: '20261201_230832_documents',
  },
  {
    up: migration_20261202_000000_transaction_references.up,
    down: migration_20261202_000000_transaction_references.down,
    name: '20261202_000000_transaction_references',
  },
  {
    up: migration_20261202_010053_after_sale.up,
    down: migration_20261202_010053_after_sale.down,
    name: '20261202_010053_after_sale',
  },
  {
    up: migration_20261202_010054_after_sale_ledger.up,
    down: migration_20261202_010054_after_sale_ledger.down,
    name: '20261202_010054_after_sale_ledger',
  },
  {
    up: migration_20261202_011527_tax.up,
    down: migration_20261202_011527_tax.down,
    name: '20261202_011527_tax',
  },
  {
    up: migration_20261202_020000_collections.up,
    down: migration_20261202_020000_collections.down,
    name: '20261202_020000_collections',
  },
  {
    up: migration_20261202_030000_tax_after_sale.up,
    down: migration_20261202_030000_tax_after_sale.down,
    name: '20261202_030000_tax_after_sale',
  },
  {
    up: migration_20261202_040000_report_ranges.up,
    down: migration_20261202_040000_report_ranges.down,
    name: '20261202_040000_report_ranges',
  },
  {
    up: migration_20261202_050000_verify_runs.up,
    down: migration_20261202_050000_verify_runs.down,
    name: '20261202_050000_verify_runs',
  },
  {
    up: migration_20261202_060000_customer_list.up,
    down: migration_20261202_060000_customer_list.down,
    name: '20261202_060000_customer_list',
  },
]
