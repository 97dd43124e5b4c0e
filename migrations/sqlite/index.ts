import * as migration_20261124_223431_initial from './20261124_223431_initial';
import * as migration_20261125_102417_published_articles from './20261125_102417_published_articles';

export const migrations = [
  {
    up: migration_20261124_223431_initial.up,
    down: migration_20261124_223431_initial.down,
    name: '20261124_223431_initial',
  },
  {
    up: migration_20261125_102417_published_articles.up,
    down: migration_20261125_102417_published_articles.down,
    name: '20261125_102417_published_articles'
  },
];
