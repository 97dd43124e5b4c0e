/** Keys that reach an object's prototype when a naive parser or merge follows them. */
const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'] as const

export const isPrototypeKey = (key: string): boolean =>
  (PROTOTYPE_KEYS as readonly string[]).includes(key)
