import type { Access, AccessArgs, AccessResult, Where } from 'payload'

/**
 * Combine access predicates. A predicate may answer true, false or a Where (a row filter);
 * anyOf grants what any grants (Wheres OR-ed), allOf only what all grant (Wheres AND-ed).
 */
export function anyOf(...predicates: Access[]): Access {
  return async (args: AccessArgs) => {
    const filters: Where[] = []
    for (const predicate of predicates) {
      const result: AccessResult = await predicate(args)
      if (result === true) return true
      if (result && typeof result === 'object') filters.push(result)
    }
    if (filters.length === 0) return false
    return filters.length === 1 ? filters[0]! : { or: filters }
  }
}

export function allOf(...predicates: Access[]): Access {
  return async (args: AccessArgs) => {
    const filters: Where[] = []
    for (const predicate of predicates) {
      const result: AccessResult = await predicate(args)
      if (!result) return false
      if (typeof result === 'object') filters.push(result)
    }
    if (filters.length === 0) return true
    return filters.length === 1 ? filters[0]! : { and: filters }
  }
}

export const nobody: Access = () => false
