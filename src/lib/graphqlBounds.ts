/**
 * Bounds of a GraphQL query, checked by the request guard before GraphQL parses it for real
 * (Payload bounds its complexity; an error raised from a validation rule of ours would be
 * formatted by another copy of graphql-js than graphql-http's, so the check lives here):
 *
 * - its text: at most GRAPHQL_QUERY_LIMIT characters, nested at most GRAPHQL_NESTING_LIMIT
 *   brackets (the parser recurses);
 * - its selections: at most GRAPHQL_DEPTH_LIMIT levels, fragments followed — relations cycle
 *   (a transaction's reversalOf is a transaction), so a small query could ask for any depth;
 * - its pages: a `limit` from 1 to 1000 and no `pagination: false`, as REST (for admins too:
 *   their unbounded lists are REST's).
 */
import { Kind, parse, visit, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode, type ValueNode } from 'graphql'

import { pageProblem } from './pageBounds'

export const GRAPHQL_QUERY_LIMIT = 20_000
export const GRAPHQL_NESTING_LIMIT = 40
export const GRAPHQL_DEPTH_LIMIT = 10

/** The deepest nesting of { ( [ in GraphQL text, outside strings and comments (no recursion). */
function textNesting(query: string): number {
  let depth = 0
  let deepest = 0
  for (let i = 0; i < query.length; i++) {
    const char = query[i]
    if (char === '#') {
      while (i < query.length && query[i] !== '\n') i++
    } else if (char === '"') {
      const block = query.startsWith('"""', i)
      const end = block
        ? query.indexOf('"""', i + 3)
        : (() => {
            let j = i + 1
            while (j < query.length && query[j] !== '"' && query[j] !== '\n') j += query[j] === '\\' ? 2 : 1
            return j
          })()
      i = end < 0 ? query.length : end + (block ? 2 : 0)
    } else if (char === '{' || char === '(' || char === '[') {
      deepest = Math.max(deepest, ++depth)
    } else if (char === '}' || char === ')' || char === ']') depth--
  }
  return deepest
}

/** Levels of selections of each operation, fragments followed (each fragment measured once). */
function selectionDepth(document: DocumentNode): number {
  const fragments = new Map<string, FragmentDefinitionNode>()
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition)
  }
  const measured = new Map<string, number>()
  const depthOf = (set: SelectionSetNode | undefined, visiting: Set<string>): number => {
    if (!set) return 0
    let deepest = 0
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) deepest = Math.max(deepest, selection.selectionSet ? 1 + depthOf(selection.selectionSet, visiting) : 0)
      else if (selection.kind === Kind.INLINE_FRAGMENT) deepest = Math.max(deepest, depthOf(selection.selectionSet, visiting))
      else {
        const name = selection.name.value
        if (!measured.has(name)) {
          const fragment = fragments.get(name)
          if (!fragment || visiting.has(name)) continue // unknown or cyclic: GraphQL reports those
          measured.set(name, depthOf(fragment.selectionSet, new Set([...visiting, name])))
        }
        deepest = Math.max(deepest, measured.get(name)!)
      }
    }
    return deepest
  }
  let deepest = 0
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) deepest = Math.max(deepest, 1 + depthOf(definition.selectionSet, new Set()))
  }
  return deepest
}

/** Why this query is refused (400), or null. A query that does not parse is left to GraphQL. */
export function graphqlQueryProblem(query: string, variables: Record<string, unknown> = {}): { field: string; message: string } | null {
  if (query.length > GRAPHQL_QUERY_LIMIT) return { field: 'query', message: `is longer than ${GRAPHQL_QUERY_LIMIT} characters` }
  if (textNesting(query) > GRAPHQL_NESTING_LIMIT) return { field: 'query', message: `nests deeper than ${GRAPHQL_NESTING_LIMIT} brackets` }
  let document: DocumentNode
  try {
    document = parse(query)
  } catch {
    return null
  }
  // `{ Customers { docs { id } } }` is 3 levels: the operation, Customers, docs
  if (selectionDepth(document) > GRAPHQL_DEPTH_LIMIT) return { field: 'query', message: `is nested too deep: at most ${GRAPHQL_DEPTH_LIMIT} levels of selections` }
  const valueOf = (node: ValueNode): unknown => {
    if (node.kind === Kind.VARIABLE) return variables[node.name.value]
    if (node.kind === Kind.INT) return Number(node.value)
    if (node.kind === Kind.BOOLEAN) return node.value
    if (node.kind === Kind.NULL) return null
    return 'not a number'
  }
  let problem: { field: string; message: string } | null = null
  visit(document, {
    Field(node) {
      const args = Object.fromEntries((node.arguments ?? []).map((argument) => [argument.name.value, valueOf(argument.value)]))
      if ('limit' in args || 'pagination' in args) problem ??= pageProblem(args.limit, args.pagination)
    },
  })
  return problem
}
