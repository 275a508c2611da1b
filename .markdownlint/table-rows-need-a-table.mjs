// A custom markdownlint rule (issue 20): rows of pipes that are not a table render as raw `|`
// text — e.g. a row left after a blank line inside a table, or a table without its `|---|`
// delimiter row. markdownlint's own rules only look at what parses as a table.

const DELIMITER = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/

export default {
  names: ['tally-table-rows', 'table-rows-need-a-table'],
  description: 'Lines of | cells must be a table: a header row, then a |---| delimiter row, with no blank line inside',
  tags: ['table'],
  parser: 'none',
  function: (params, onError) => {
    const lines = params.lines
    let fence = null
    let index = 0
    while (index < lines.length) {
      const line = lines[index]
      const opening = line.match(/^\s*(`{3,}|~{3,})/)
      if (opening) {
        if (fence === null) fence = opening[1][0]
        else if (opening[1][0] === fence) fence = null
        index += 1
        continue
      }
      if (fence === null && /^\s*\|/.test(line)) {
        const start = index
        while (index < lines.length && /^\s*\|/.test(lines[index])) index += 1
        if (!(index - start >= 2 && DELIMITER.test(lines[start + 1]))) {
          onError({
            lineNumber: start + 1,
            detail: 'these rows do not form a table (no header and |---| row right above them), so they render as text',
            context: line.slice(0, 60),
          })
        }
        continue
      }
      index += 1
    }
  },
}
