"""Crafts the fixtures the vips CLI cannot make: lying headers, EXIF with GPS, a 1000-frame GIF, broken files."""
import os
import struct
import zlib


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png(width, height, rows):
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) + png_chunk(b"IDAT", zlib.compress(rows)) + png_chunk(b"IEND", b"")


# A PNG whose header claims 50000x50000 but holds one row of data: a decompression bomb's header.
with open("bomb-header.png", "wb") as f:
    f.write(png(50000, 50000, b"\x00" + b"\x00\x00\x00" * 50000))

with open("one-pixel.png", "wb") as f:
    f.write(png(1, 1, b"\x00\xff\x80\x00"))


def exif_app1(orientation):
    """A big-endian TIFF block: IFD0 with Orientation and a GPS IFD with a latitude and longitude."""
    entries0 = 2
    ifd0_size = 2 + entries0 * 12 + 4
    gps_offset = 8 + ifd0_size
    gps_entries = 4
    gps_size = 2 + gps_entries * 12 + 4
    data_offset = gps_offset + gps_size
    lat = struct.pack(">IIIIII", 51, 1, 30, 1, 2655, 100)
    lon = struct.pack(">IIIIII", 0, 1, 7, 1, 3970, 100)
    tiff = b"MM\x00\x2a" + struct.pack(">I", 8)
    tiff += struct.pack(">H", entries0)
    tiff += struct.pack(">HHIHH", 0x0112, 3, 1, orientation, 0)
    tiff += struct.pack(">HHII", 0x8825, 4, 1, gps_offset)
    tiff += struct.pack(">I", 0)
    tiff += struct.pack(">H", gps_entries)
    tiff += struct.pack(">HHI", 0x0001, 2, 2) + b"N\x00\x00\x00"
    tiff += struct.pack(">HHII", 0x0002, 5, 3, data_offset)
    tiff += struct.pack(">HHI", 0x0003, 2, 2) + b"W\x00\x00\x00"
    tiff += struct.pack(">HHII", 0x0004, 5, 3, data_offset + len(lat))
    tiff += struct.pack(">I", 0)
    tiff += lat + lon
    payload = b"Exif\x00\x00" + tiff
    return b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload


photo = open("photo.jpg", "rb").read()
assert photo[:2] == b"\xff\xd8"
with open("orientation-6-gps.jpg", "wb") as f:
    f.write(photo[:2] + exif_app1(6) + photo[2:])

with open("truncated.jpg", "wb") as f:
    f.write(photo[: len(photo) // 2])

with open("random.jpg", "wb") as f:
    f.write(os.urandom(4096))

open("empty.jpg", "wb").close()

with open("svg.png", "wb") as f:
    f.write(b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>')


def gif_frames(width, height, frames):
    """An animated GIF with uncompressed LZW: a clear code before every run keeps the code width fixed."""
    palette = bytes([0, 0, 0, 255, 255, 255, 255, 0, 0, 0, 0, 255])  # 4 colours
    out = b"GIF89a" + struct.pack("<HHBBB", width, height, 0xF1, 0, 0) + palette
    out += b"\x21\xff\x0bNETSCAPE2.0\x03\x01\x00\x00\x00"
    min_code = 2
    clear, end = 4, 5
    for i in range(frames):
        out += b"\x21\xf9\x04\x04" + struct.pack("<H", 2) + b"\x00\x00"
        out += b"\x2c" + struct.pack("<HHHHB", 0, 0, width, height, 0)
        pixels = [((x + y + i) // 4) % 4 for y in range(height) for x in range(width)]
        codes = []
        for j, p in enumerate(pixels):
            if j % 2 == 0:
                codes.append(clear)
            codes.append(p)
        codes.append(end)
        bits, nbits, data = 0, 0, bytearray()
        for c in codes:
            bits |= c << nbits
            nbits += 3
            while nbits >= 8:
                data.append(bits & 0xFF)
                bits >>= 8
                nbits -= 8
        if nbits:
            data.append(bits & 0xFF)
        out += bytes([min_code])
        for k in range(0, len(data), 255):
            block = data[k:k + 255]
            out += bytes([len(block)]) + block
        out += b"\x00"
    return out + b"\x3b"


with open("animated-1000.gif", "wb") as f:
    f.write(gif_frames(16, 16, 1000))

with open("animated-3.gif", "wb") as f:
    f.write(gif_frames(64, 48, 3))

# Test-only triggers: with Mosaic:Imaging:EnableTestOperations, these widths make the pipeline hang or crash.
for width, name in ((4242, "hang-4242.png"), (4243, "crash-4243.png")):
    with open(name, "wb") as f:
        f.write(png(width, 1, b"\x00" + b"\x80\x40\x20" * width))
