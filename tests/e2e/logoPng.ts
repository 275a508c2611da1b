import { crc32, deflateSync } from 'node:zlib'

/** A small PNG logo drawn in code (a teal disc with a white bar), for the upload test. */
export function logoPng(size = 96): Buffer {
  const rows: Buffer[] = []
  const centre = (size - 1) / 2
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4) // filter byte + RGBA
    for (let x = 0; x < size; x++) {
      const inside = (x - centre) ** 2 + (y - centre) ** 2 <= (size / 2 - 2) ** 2
      const bar = inside && Math.abs(y - centre) < size / 10 && Math.abs(x - centre) < size / 3
      const [r, g, b, a] = bar ? [255, 255, 255, 255] : inside ? [13, 148, 136, 255] : [0, 0, 0, 0]
      row.set([r, g, b, a], 1 + x * 4)
    }
    rows.push(row)
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(body))
    return Buffer.concat([length, body, crc])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header.set([8, 6, 0, 0, 0], 8) // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ])
}
