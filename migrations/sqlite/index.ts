import * as migration_20261124_223431_initial from './20261124_223431_initial';

export const migrations = [
  {
    up: migration_20261124_223431_initial.up,
    down: migration_20261124_223431_initial.down,
    name: '20261124_223431_initial'
  },
];
