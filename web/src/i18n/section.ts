/** A catalogue section: Swedish first; the English must have exactly the same keys (checked by tsc and i18n.test.ts). */
export function section<T>(sv: T, en: NoInfer<DeepStrings<T>>): { sv: T; en: DeepStrings<T> } {
  return { sv, en };
}

export type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };
