import { APP_PATH, launch, openApp } from '../../test/browser/harness';
import { serveStatic } from '../../test/browser/server';
const dir = '/tmp/denver-lens-bench/scale-1-fbcc877a156d';
const server = await serveStatic({ [APP_PATH]: '' + (process.env.DIST ?? '/tmp/lens-bench-copy/dist'), ...(process.env.DEFAULTS ? {} : { [`${APP_PATH}data/`]: '/tmp/benchdbg' }), '/bench-data/': dir });
const b = await launch();
b.context.setDefaultTimeout(60000);
const mode = process.argv[2] ?? 'close';
let { page, errors } = await openApp(b.context, server);
if (process.env.CP) await page.evaluate(() => window.lens.query("CHECKPOINT"));
if (process.env.FAIL) console.log(await page.evaluate(() => window.lens.ingestUrl("nope.zip").then(() => "ok", (e) => String(e))));
const s = process.argv[3] === "noingest" ? { inserted: -1 } : await page.evaluate((u) => window.lens.ingestUrl(u), `${server.url}/bench-data/${process.env.WIN ?? "base"}/traffic_accidents.csv.zip`);
console.log('ingested', s.inserted, errors);
if (mode === 'close') { await page.close(); ({ page, errors } = await openApp(b.context, server)); }
else if (mode === 'reload') { await page.reload(); await page.evaluate(() => window.lens.ready); }
else { await page.goto('about:blank'); await page.goto(`${server.url}${APP_PATH}`); await page.evaluate(() => window.lens.ready); }
console.log('reopened', await page.evaluate(() => window.lens.query('SELECT count(*) n FROM traffic_accidents')), errors);
await b.close(); await server.close();
