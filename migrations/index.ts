import * as migration_20261121_093153_initial from './20261121_093153_initial';
import * as migration_20261121_094410_ledger_collections from './20261121_094410_ledger_collections';
import * as migration_20261121_094500_ledger_constraints from './20261121_094500_ledger_constraints';
import * as migration_20261121_101427_customers_trash from './20261121_101427_customers_trash';
import * as migration_20261121_102246_cards_and_payables from './20261121_102246_cards_and_payables';
import * as migration_20261121_102300_cards_constraints from './20261121_102300_cards_constraints';
import * as migration_20261121_111500_report_indexes from './20261121_111500_report_indexes';
import * as migration_20261121_120000_report_totals from './20261121_120000_report_totals';
import * as migration_20261121_121000_invoice_totals from './20261121_121000_invoice_totals';
import * as migration_20261121_130000_checkout_tail from './20261121_130000_checkout_tail';
import * as migration_20261121_140000_summary_slots from './20261121_140000_summary_slots';
import * as migration_20261121_150000_collect_post from './20261121_150000_collect_post';
import * as migration_20261201_090000_store_days from './20261201_090000_store_days';
import * as migration_20261201_224556_held_money from './20261201_224556_held_money';
import * as migration_20261201_224700_held_money_ledger from './20261201_224700_held_money_ledger';
import * as migration_20261201_224819_staff_screens from './20261201_224819_staff_screens';
import * as migration_20261201_230000_store_links_and_bounds from './20261201_230000_store_links_and_bounds';
import * as migration_20261201_230832_documents from './20261201_230832_documents';

export const migrations = [
  {
    up: migration_20261121_093153_initial.up,
    down: migration_20261121_093153_initial.down,
    name: '20261121_093153_initial',
  },
  {
    up: migration_20261121_094410_ledger_collections.up,
    down: migration_20261121_094410_ledger_collections.down,
    name: '20261121_094410_ledger_collections',
  },
  {
    up: migration_20261121_094500_ledger_constraints.up,
    down: migration_20261121_094500_ledger_constraints.down,
    name: '20261121_094500_ledger_constraints',
  },
  {
    up: migration_20261121_101427_customers_trash.up,
    down: migration_20261121_101427_customers_trash.down,
    name: '20261121_101427_customers_trash',
  },
  {
    up: migration_20261121_102246_cards_and_payables.up,
    down: migration_20261121_102246_cards_and_payables.down,
    name: '20261121_102246_cards_and_payables'
  },
  {
    up: migration_20261121_102300_cards_constraints.up,
    down: migration_20261121_102300_cards_constraints.down,
    name: '20261121_102300_cards_constraints'
  },
  {
    up: migration_20261121_111500_report_indexes.up,
    down: migration_20261121_111500_report_indexes.down,
    name: '20261121_111500_report_indexes'
  },
  {
    up: migration_20261121_120000_report_totals.up,
    down: migration_20261121_120000_report_totals.down,
    name: '20261121_120000_report_totals'
  },
  {
    up: migration_20261121_121000_invoice_totals.up,
    down: migration_20261121_121000_invoice_totals.down,
    name: '20261121_121000_invoice_totals'
  },
  {
    up: migration_20261121_130000_checkout_tail.up,
    down: migration_20261121_130000_checkout_tail.down,
    name: '20261121_130000_checkout_tail'
  },
  {
    up: migration_20261121_140000_summary_slots.up,
    down: migration_20261121_140000_summary_slots.down,
    name: '20261121_140000_summary_slots'
  },
  {
    up: migration_20261121_150000_collect_post.up,
    down: migration_20261121_150000_collect_post.down,
    name: '20261121_150000_collect_post'
  },
  {
    up: migration_20261201_090000_store_days.up,
    down: migration_20261201_090000_store_days.down,
    name: '20261201_090000_store_days'
  },
  {
    up: migration_20261201_224556_held_money.up,
    down: migration_20261201_224556_held_money.down,
    name: '20261201_224556_held_money'
  },
  {
    up: migration_20261201_224700_held_money_ledger.up,
    down: migration_20261201_224700_held_money_ledger.down,
    name: '20261201_224700_held_money_ledger'
  },
  {
    up: migration_20261201_224819_staff_screens.up,
    down: migration_20261201_224819_staff_screens.down,
    name: '20261201_224819_staff_screens'
  },
  {
    up: migration_20261201_230000_store_links_and_bounds.up,
    down: migration_20261201_230000_store_links_and_bounds.down,
    name: '20261201_230000_store_links_and_bounds'
  },
  {
    up: migration_20261201_230832_documents.up,
    down: migration_20261201_230832_documents.down,
    name: '20261201_230832_documents'
  },
];
