import * as migration_20261124_223431_initial from './20261124_223431_initial';
import * as migration_20261125_102417_published_articles from './20261125_102417_published_articles';
import * as migration_20261125_111823_articles_live_by_date from './20261125_111823_articles_live_by_date';
import * as migration_20261202_011329_evidence_in_sign_off from './20261202_011329_evidence_in_sign_off';
import * as migration_20261202_034156_attested_review from './20261202_034156_attested_review';
import * as migration_20261202_042332_notifications from './20261202_042332_notifications';
import * as migration_20261202_044740_review_comments from './20261202_044740_review_comments';
import * as migration_20261202_045817_re_review from './20261202_045817_re_review';
import * as migration_20261202_054109_structured_data_and_governance from './20261202_054109_structured_data_and_governance';
import * as migration_20261202_054901_review_intervals from './20261202_054901_review_intervals';
import * as migration_20261202_071848_disclosures from './20261202_071848_disclosures';
import * as migration_20261202_073934_scheduled_actions from './20261202_073934_scheduled_actions';
import * as migration_20261202_081312_compressed_renderings from './20261202_081312_compressed_renderings';
import * as migration_20261202_174436_published_articles_review_change_index from './20261202_174436_published_articles_review_change_index';
import * as migration_20261202_203528_servable_while_stale from './20261202_203528_servable_while_stale';
import * as migration_20261203_222921_compressed_only_bodies from './20261203_222921_compressed_only_bodies';
import * as migration_20261204_225920_stage_with_status from './20261204_225920_stage_with_status';
import * as migration_20261205_032101_public_search from './20261205_032101_public_search';

export const migrations = [
  {
    up: migration_20261124_223431_initial.up,
    down: migration_20261124_223431_initial.down,
    name: '20261124_223431_initial',
  },
  {
    up: migration_20261125_102417_published_articles.up,
    down: migration_20261125_102417_published_articles.down,
    name: '20261125_102417_published_articles',
  },
  {
    up: migration_20261125_111823_articles_live_by_date.up,
    down: migration_20261125_111823_articles_live_by_date.down,
    name: '20261125_111823_articles_live_by_date',
  },
  {
    up: migration_20261202_011329_evidence_in_sign_off.up,
    down: migration_20261202_011329_evidence_in_sign_off.down,
    name: '20261202_011329_evidence_in_sign_off',
  },
  {
    up: migration_20261202_034156_attested_review.up,
    down: migration_20261202_034156_attested_review.down,
    name: '20261202_034156_attested_review',
  },
  {
    up: migration_20261202_042332_notifications.up,
    down: migration_20261202_042332_notifications.down,
    name: '20261202_042332_notifications',
  },
  {
    up: migration_20261202_044740_review_comments.up,
    down: migration_20261202_044740_review_comments.down,
    name: '20261202_044740_review_comments',
  },
  {
    up: migration_20261202_045817_re_review.up,
    down: migration_20261202_045817_re_review.down,
    name: '20261202_045817_re_review',
  },
  {
    up: migration_20261202_054109_structured_data_and_governance.up,
    down: migration_20261202_054109_structured_data_and_governance.down,
    name: '20261202_054109_structured_data_and_governance',
  },
  {
    up: migration_20261202_054901_review_intervals.up,
    down: migration_20261202_054901_review_intervals.down,
    name: '20261202_054901_review_intervals',
  },
  {
    up: migration_20261202_071848_disclosures.up,
    down: migration_20261202_071848_disclosures.down,
    name: '20261202_071848_disclosures',
  },
  {
    up: migration_20261202_073934_scheduled_actions.up,
    down: migration_20261202_073934_scheduled_actions.down,
    name: '20261202_073934_scheduled_actions',
  },
  {
    up: migration_20261202_081312_compressed_renderings.up,
    down: migration_20261202_081312_compressed_renderings.down,
    name: '20261202_081312_compressed_renderings',
  },
  {
    up: migration_20261202_174436_published_articles_review_change_index.up,
    down: migration_20261202_174436_published_articles_review_change_index.down,
    name: '20261202_174436_published_articles_review_change_index',
  },
  {
    up: migration_20261202_203528_servable_while_stale.up,
    down: migration_20261202_203528_servable_while_stale.down,
    name: '20261202_203528_servable_while_stale',
  },
  {
    up: migration_20261203_222921_compressed_only_bodies.up,
    down: migration_20261203_222921_compressed_only_bodies.down,
    name: '20261203_222921_compressed_only_bodies',
  },
  {
    up: migration_20261204_225920_stage_with_status.up,
    down: migration_20261204_225920_stage_with_status.down,
    name: '20261204_225920_stage_with_status',
  },
  {
    up: migration_20261205_032101_public_search.up,
    down: migration_20261205_032101_public_search.down,
    name: '20261205_032101_public_search'
  },
];
