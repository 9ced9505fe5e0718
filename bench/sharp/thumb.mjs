// The sharp side of Mosaic's thumbnail benchmark (see ../README.md).
//
//   node thumb.mjs [--warmup 2] [--runs 9] [--out sharp.json] [--diagnose] (--list FILES.txt | FILE...)
//       For each file, one at a time: `warmup` untimed runs, then `runs` timed runs; JSON on stdout or in --out.
//   node thumb.mjs --serve [--warmup 2] [--runs 9] --out sharp.json
//       The same measurements, one run per request, so another program (Mosaic.Bench) can interleave them with its
//       own: it writes {"op":"thumb","file":"…","count":true} lines to stdin and reads {"ms":…} lines from stdout;
//       {"op":"finish"} writes the same JSON document as the list mode to --out.
//
// The measured step is what Mosaic's `thumb` variant is: 360 px wide, never enlarged, autorotated, sRGB, WebP
// quality 80, metadata stripped (sharp keeps none unless told to). The input is read into memory once, as Mosaic's
// imaging host receives bytes. sharp's libvips operation cache is off, as in Mosaic's host (vips_cache_set_max(0)),
// so a repeat cannot be answered from the previous run; everything else is sharp's default, as a Node.js imageboard
// would run it (sharp.concurrency() is 1 on glibc Linux without jemalloc: one libvips thread per image).
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { createInterface } from 'node:readline';
import sharp from 'sharp';

const THUMB_WIDTH = 360;
const QUALITY = 80;
const SAMPLE_SIDE = 1600;
const ANALYSIS_SIDE = 256;

function parse(argv) {
  const options = { list: null, warmup: 2, runs: 9, out: null, diagnose: false, serve: false, files: [] };
  for (let i = 0; i < argv.length; i++) {
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${argv[i]} needs a value`);
      return argv[++i];
    };
    switch (argv[i]) {
      case '--list': options.list = value(); break;
      case '--warmup': options.warmup = Number.parseInt(value(), 10); break;
      case '--runs': options.runs = Number.parseInt(value(), 10); break;
      case '--out': options.out = value(); break;
      case '--diagnose': options.diagnose = true; break;
      case '--serve': options.serve = true; break;
      default:
        if (argv[i].startsWith('--')) throw new Error(`unknown argument ${argv[i]}`);
        options.files.push(argv[i]);
    }
  }
  if (options.list) options.files.push(...readFileSync(options.list, 'utf8').split('\n').filter((l) => l.length > 0));
  if (!options.serve && options.files.length === 0) throw new Error('no files: give --list FILE or file names');
  if (options.serve && !options.out) throw new Error('--serve needs --out');
  if (!(options.runs >= 1) || !(options.warmup >= 0)) throw new Error('--runs must be at least 1 and --warmup at least 0');
  return options;
}

function timing(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const n = sorted.length;
  const median = n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  const p90 = sorted[Math.max(0, Math.ceil(0.9 * n) - 1)];
  const round = (ms) => Math.round(ms * 1000) / 1000;
  return { medianMs: round(median), p90Ms: round(p90), minMs: round(sorted[0]), samplesMs: samples.map(round) };
}

/** The measured step. */
const thumb = (input) =>
  sharp(input, { failOn: 'truncated' })
    .autoOrient()
    .resize({ width: THUMB_WIDTH, withoutEnlargement: true })
    .webp({ quality: QUALITY })
    .toBuffer({ resolveWithObject: true });

/** Diagnostics: the thumbnail's decode + resize alone (to raw sRGB pixels) … */
const decodeResize = (input) =>
  sharp(input, { failOn: 'truncated' })
    .autoOrient()
    .resize({ width: THUMB_WIDTH, withoutEnlargement: true })
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });

/** … and its WebP encode alone, from those pixels. */
const encode = ({ data, info }) =>
  sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } }).webp({ quality: QUALITY }).toBuffer();

/**
 * Diagnostics: Mosaic's whole variant set (Features/Posts/Variants.cs) done the plain sharp way, one pipeline per
 * output, sequentially, plus the 256 px analysis pixels: what the "full pipeline" goal compares with, in sharp.
 */
async function variants(input, meta) {
  const alpha = meta.hasAlpha;
  const fallback = (s) => (alpha ? s.png({ compressionLevel: 6 }) : s.jpeg({ quality: 82, optimiseCoding: true, progressive: true }));
  const fit = (width, height) => sharp(input, { failOn: 'truncated' }).autoOrient()
    .resize({ width, height, fit: 'inside', withoutEnlargement: true });
  await fit(THUMB_WIDTH * 2).webp({ quality: 78 }).toBuffer();
  await fit(THUMB_WIDTH).webp({ quality: QUALITY }).toBuffer();
  await fallback(fit(THUMB_WIDTH)).toBuffer();
  await fit(SAMPLE_SIDE, SAMPLE_SIDE).webp({ quality: 85 }).toBuffer();
  await (alpha ? fit(SAMPLE_SIDE, SAMPLE_SIDE).png({ compressionLevel: 6 })
    : fit(SAMPLE_SIDE, SAMPLE_SIDE).jpeg({ quality: 85, optimiseCoding: true, progressive: true })).toBuffer();
  if (Math.max(meta.width, meta.height) > SAMPLE_SIDE) {
    const full = sharp(input, { failOn: 'truncated' }).autoOrient();
    await (alpha ? full.png({ compressionLevel: 6 }) : full.jpeg({ quality: 92, optimiseCoding: true, progressive: true })).toBuffer();
  }
  await fit(ANALYSIS_SIDE, ANALYSIS_SIDE).toColourspace('srgb').raw().toBuffer();
}

const options = parse(process.argv.slice(2));
sharp.cache(false);
const defaultConcurrency = sharp.concurrency();
const otherConcurrency = defaultConcurrency === 1 ? Math.min(availableParallelism(), 4) : 1;

/** Per file: its bytes, header and the samples of each measured operation. */
const state = new Map();
async function entry(file) {
  let e = state.get(file);
  if (!e) {
    const input = readFileSync(file);
    e = { file, input, meta: await sharp(input).metadata(), samples: {}, cpu: {}, last: null, raw: null };
    state.set(file, e);
  }
  return e;
}

const operations = {
  thumb: async (e) => { e.last = await thumb(e.input); },
  decode: async (e) => { e.raw = await decodeResize(e.input); },
  encode: async (e) => { e.raw ??= await decodeResize(e.input); return encode(e.raw); },
  'thumb-other': async (e) => {
    sharp.concurrency(otherConcurrency);
    try { await thumb(e.input); } finally { sharp.concurrency(defaultConcurrency); }
  },
  variants: (e) => variants(e.input, e.meta),
};

/**
 * Runs one operation once on one file; returns the wall milliseconds of the sharp call alone and the CPU time of this
 * whole process meanwhile (every thread: libvips' and libuv's workers, and JavaScript).
 */
async function runOnce(op, file, count) {
  const e = await entry(file);
  const run = operations[op];
  if (!run) throw new Error(`unknown op ${op}`);
  if (op === 'encode') e.raw ??= await decodeResize(e.input);
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  await run(e);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  if (count) {
    (e.samples[op] ??= []).push(ms);
    (e.cpu[op] ??= []).push(cpuMs);
  }
  return { ms, cpuMs };
}

function document() {
  const files = [...state.values()];
  const measured = files.filter((e) => e.samples.thumb);
  const diagnosed = files.filter((e) => e.samples.decode || e.samples.encode || e.samples['thumb-other'] || e.samples.variants);
  const median = (e, op) => (e.samples[op] ? timing(e.samples[op]).medianMs : null);
  return {
    tool: 'sharp',
    versions: sharp.versions,
    concurrency: defaultConcurrency,
    uvThreadpoolSize: Number.parseInt(process.env.UV_THREADPOOL_SIZE ?? '4', 10),
    simd: sharp.simd(),
    cache: false,
    warmup: options.warmup,
    runs: options.runs,
    maxRssKb: process.resourceUsage().maxRSS,
    images: measured.map((e) => ({
      file: e.file, bytes: e.input.length, width: e.meta.width, height: e.meta.height,
      thumb: timing(e.samples.thumb),
      thumbCpuMs: Math.round((e.cpu.thumb.reduce((a, b) => a + b, 0) / e.cpu.thumb.length) * 1000) / 1000,
      thumbBytes: e.last.data.length, thumbWidth: e.last.info.width, thumbHeight: e.last.info.height,
    })),
    diagnostics: diagnosed.length === 0 ? null : {
      otherConcurrency,
      images: diagnosed.map((e) => ({
        file: e.file,
        decodeResizeMs: median(e, 'decode'),
        encodeWebpMs: median(e, 'encode'),
        thumbOtherConcurrencyMs: median(e, 'thumb-other'),
        variantsMs: median(e, 'variants'),
      })),
    },
  };
}

function write() {
  const json = JSON.stringify(document(), null, 2);
  if (options.out) writeFileSync(options.out, json);
  else process.stdout.write(json + '\n');
}

if (options.serve) {
  // One request at a time: the reader is paused until the reply is written.
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim().length === 0) continue;
    let reply;
    try {
      const request = JSON.parse(line);
      if (request.op === 'finish') {
        write();
        reply = { done: true };
      } else {
        reply = await runOnce(request.op, request.file, request.count === true);
      }
    } catch (error) {
      reply = { error: String(error?.message ?? error) };
    }
    process.stdout.write(JSON.stringify(reply) + '\n');
  }
} else {
  const ops = options.diagnose ? ['thumb', 'decode', 'encode', 'thumb-other', 'variants'] : ['thumb'];
  for (const file of options.files) {
    for (const op of ops) {
      for (let i = 0; i < options.warmup + options.runs; i++) await runOnce(op, file, i >= options.warmup);
    }
    const t = timing(state.get(file).samples.thumb);
    process.stderr.write(`sharp  thumb ${file.split('/').pop().padEnd(44)} ${t.medianMs.toFixed(1).padStart(8)} ms\n`);
  }
  write();
}
