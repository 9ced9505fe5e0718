#!/usr/bin/env bash
# Regenerates the image fixtures (small, synthetic, committed) with the vips CLI and make-fixtures.py.
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
# A 640x480 "photo": smooth colour gradients plus structure, so JPEG behaves like a real picture.
vips xyz "$tmp/xy.v" 640 480
vips extract_band "$tmp/xy.v" "$tmp/x.v" 0
vips extract_band "$tmp/xy.v" "$tmp/y.v" 1
vips linear "$tmp/x.v" "$tmp/r.v" 0.398 0
vips linear "$tmp/y.v" "$tmp/g.v" 0.531 0
vips sines "$tmp/s.v" 640 480 --hfreq 3 --vfreq 2
vips linear "$tmp/s.v" "$tmp/b.v" 100 128
vips bandjoin "$tmp/r.v $tmp/g.v $tmp/b.v" "$tmp/rgb.v"
vips cast "$tmp/rgb.v" "$tmp/rgb8.v" uchar
vips jpegsave "$tmp/rgb8.v" photo.jpg --Q 85 --strip
vips resize "$tmp/rgb8.v" "$tmp/small.v" 0.375
# Transparency: the photo with an alpha gradient.
vips extract_band "$tmp/small.v" "$tmp/a8.v" 0
vips bandjoin "$tmp/small.v $tmp/a8.v" "$tmp/rgba.v"
vips pngsave "$tmp/rgba.v" alpha.png --strip
# 16 bits per sample.
vips cast "$tmp/small.v" "$tmp/rgb16a.v" ushort
vips linear "$tmp/rgb16a.v" "$tmp/rgb16b.v" 257 0
vips cast "$tmp/rgb16b.v" "$tmp/rgb16.v" ushort
vips copy "$tmp/rgb16.v" "$tmp/rgb16i.v" --interpretation rgb16
vips pngsave "$tmp/rgb16i.v" sixteen-bit.png --bitdepth 16 --strip
# CMYK JPEG through libvips' built-in CMYK profile.
vips icc_export "$tmp/small.v" "$tmp/cmyk.v" --output-profile cmyk
vips jpegsave "$tmp/cmyk.v" cmyk.jpg --Q 85 --strip
# WebP still.
vips webpsave "$tmp/rgb8.v" photo.webp --Q 80 --strip
# Everything else is crafted byte by byte.
python3 make-fixtures.py
