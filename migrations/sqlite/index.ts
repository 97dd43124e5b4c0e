import * as migration_20261124_222200_initial from './20261124_222200_initial';

export const migrations = [
  {
    up: migration_20261124_222200_initial.up,
    down: migration_20261124_222200_initial.down,
    name: '20261124_222200_initial'
  },
];
