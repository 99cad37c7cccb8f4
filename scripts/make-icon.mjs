// Draws the app icon (resources/icon.png, 512×512) in code, so the repository holds
// no opaque artwork: a white house with a yellow door on the app's navy. Run
// `node scripts/make-icon.mjs` after changing the drawing; the PNG is committed.
import { writeFileSync } from 'node:fs'
import { deflateSync } from 'node:zlib'

const size = 512
const samples = 4
const navy = [22, 58, 95]
const white = [255, 255, 255]
const yellow = [242, 201, 76]

const inRoundedSquare = (x, y) => {
  const r = 96
  const cx = Math.min(Math.max(x, r), size - r)
  const cy = Math.min(Math.max(y, r), size - r)
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r
}
const inRoof = (x, y) => y >= 112 && y <= 256 && Math.abs(x - 256) <= ((y - 112) / 144) * 150
const inHouse = (x, y) => inRoof(x, y) || (x >= 156 && x <= 356 && y >= 250 && y <= 400)
const inDoor = (x, y) => x >= 226 && x <= 286 && y >= 304 && y <= 400

/** RGBA of one point, or null outside the icon. */
function colourAt(x, y) {
  if (!inRoundedSquare(x, y)) return null
  if (inDoor(x, y)) return yellow
  if (inHouse(x, y)) return white
  return navy
}

const rows = []
for (let py = 0; py < size; py++) {
  const row = Buffer.alloc(1 + size * 4)
  for (let px = 0; px < size; px++) {
    const sum = [0, 0, 0, 0]
    for (let sy = 0; sy < samples; sy++) {
      for (let sx = 0; sx < samples; sx++) {
        const c = colourAt(px + (sx + 0.5) / samples, py + (sy + 0.5) / samples)
        if (!c) continue
        sum[0] += c[0]
        sum[1] += c[1]
        sum[2] += c[2]
        sum[3] += 255
      }
    }
    const covered = sum[3] / 255
    const o = 1 + px * 4
    if (covered > 0) for (let i = 0; i < 3; i++) row[o + i] = Math.round(sum[i] / covered)
    row[o + 3] = Math.round(sum[3] / (samples * samples))
  }
  rows.push(row)
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
const crc32 = (buf) => {
  let c = 0xffffffff
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
const chunk = (type, data) => {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([len, body, crc])
}
const header = Buffer.alloc(13)
header.writeUInt32BE(size, 0)
header.writeUInt32BE(size, 4)
header[8] = 8 // bits per channel
header[9] = 6 // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
  chunk('IEND', Buffer.alloc(0))
])
const out = new URL('../resources/icon.png', import.meta.url)
writeFileSync(out, png)
console.log(`wrote ${out.pathname} (${png.length} bytes)`)
