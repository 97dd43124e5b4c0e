import * as migration_20261124_215828_initial from './20261124_215828_initial'

export const migrations = [
  {
    up: migration_20261124_215828_initial.up,
    down: migration_20261124_215828_initial.down,
    name: '20261124_215828_initial',
  },
]
