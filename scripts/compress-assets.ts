// Precompresses the built web app (brotli and gzip) so the server sends the smallest file a
// phone accepts without compressing on every request.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

function main(dir = 'web/dist') {
  let files = 0;
  let raw = 0;
  let brotli = 0;
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(js|css|html|svg|json)$/.test(name)) {
        const body = readFileSync(path);
        const br = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
        writeFileSync(path + '.br', br);
        writeFileSync(path + '.gz', gzipSync(body, { level: 9 }));
        files++;
        raw += body.length;
        brotli += br.length;
      }
    }
  };
  walk(dir);
  console.log(`compressed ${files} files: ${Math.round(raw / 1024)} KB → ${Math.round(brotli / 1024)} KB brotli`);
}

main(process.argv[2]);
