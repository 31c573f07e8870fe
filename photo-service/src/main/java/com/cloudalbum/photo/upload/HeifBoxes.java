package com.cloudalbum.photo.upload;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.cloudalbum.photo.exif.ExifLocation;
import org.jspecify.annotations.Nullable;

/**
 * The few boxes of a HEIF/AVIF file's {@code meta} that say what the picture is (ISO/IEC 23008-12): the primary
 * item ({@code pitm}), its size from the {@code ispe} property associated with it ({@code ipco}/{@code ipma}), not
 * the first {@code ispe} in the file, which in a grid is one tile's; and where the {@code Exif} item lies
 * ({@code iinf}/{@code iloc}), which may be anywhere in the file. Reads only the bytes it is given, bounds-checked:
 * any malformed or truncated box ends the parse with what was found so far.
 */
final class HeifBoxes {

    /** What was found; each part null when the file does not say (or not within the bytes given). */
    record Layout(@Nullable Integer width, @Nullable Integer height, @Nullable ExifLocation exif) {
    }

    private final byte[] bytes;
    private final int length;
    private long primary = -1;
    private final Map<Long, String> itemTypes = new HashMap<>();
    private final Map<Long, ExifLocation> locations = new HashMap<>();
    private final List<int[]> ispes = new ArrayList<>(); // per ipco index (1-based): {width, height} or null
    private final Map<Long, List<Integer>> associations = new HashMap<>();

    private HeifBoxes(byte[] bytes, int length) {
        this.bytes = bytes;
        this.length = length;
    }

    static Layout parse(byte[] bytes, int length) {
        HeifBoxes boxes = new HeifBoxes(bytes, Math.min(length, bytes.length));
        try {
            boxes.top();
        }
        catch (IndexOutOfBoundsException | IllegalStateException e) {
            // truncated or malformed: keep what was read
        }
        return boxes.layout();
    }

    private Layout layout() {
        Integer width = null;
        Integer height = null;
        for (int index : associations.getOrDefault(primary, List.of())) {
            if (index >= 1 && index <= ispes.size() && ispes.get(index - 1) != null) {
                width = ispes.get(index - 1)[0];
                height = ispes.get(index - 1)[1];
                break;
            }
        }
        ExifLocation exif = null;
        for (Map.Entry<Long, String> item : itemTypes.entrySet()) {
            if ("Exif".equals(item.getValue()) && locations.containsKey(item.getKey())) {
                exif = locations.get(item.getKey());
                break;
            }
        }
        return new Layout(width, height, exif);
    }

    private void top() {
        int at = 0;
        while (at + 8 <= length) {
            long size = u32(at);
            String type = type(at + 4);
            int header = 8;
            if (size == 1) {
                size = u64(at + 8);
                header = 16;
            }
            else if (size == 0) {
                size = length - at;
            }
            if (size < header) {
                return;
            }
            if (type.equals("meta")) {
                children(at + header + 4, (int) Math.min(length, at + size)); // full box: version and flags
                return;
            }
            if (at + size > Integer.MAX_VALUE) {
                return;
            }
            at += (int) size;
        }
    }

    /** The boxes in [from, to): the meta box's and iprp's children. */
    private void children(int from, int to) {
        int at = from;
        while (at + 8 <= to) {
            long size = u32(at);
            if (size < 8 || at + size > to) {
                return;
            }
            int end = (int) (at + size);
            switch (type(at + 4)) {
                case "pitm" -> primary = u8(at + 8) == 0 ? u16(at + 12) : u32(at + 12);
                case "iinf" -> iinf(at + 8, end);
                case "iloc" -> iloc(at + 8, end);
                case "iprp" -> children(at + 8, end);
                case "ipco" -> ipco(at + 8, end);
                case "ipma" -> ipma(at + 8, end);
                default -> {
                }
            }
            at = end;
        }
    }

    private void iinf(int at, int end) {
        int version = u8(at);
        int entry = at + 4 + (version == 0 ? 2 : 4);
        while (entry + 8 <= end) {
            long size = u32(entry);
            if (size < 8 || entry + size > end) {
                return;
            }
            if (type(entry + 4).equals("infe")) {
                int infeVersion = u8(entry + 8);
                int p = entry + 12;
                if (infeVersion >= 2) {
                    long id = infeVersion == 2 ? u16(p) : u32(p);
                    p += (infeVersion == 2 ? 2 : 4) + 2; // item id, protection index
                    itemTypes.put(id, type(p));
                }
            }
            entry += (int) size;
        }
    }

    private void iloc(int at, int end) {
        int version = u8(at);
        int p = at + 4;
        int offsetSize = u8(p) >> 4;
        int lengthSize = u8(p) & 0xF;
        int baseOffsetSize = u8(p + 1) >> 4;
        int indexSize = version == 1 || version == 2 ? u8(p + 1) & 0xF : 0;
        p += 2;
        long count = version < 2 ? u16(p) : u32(p);
        p += version < 2 ? 2 : 4;
        for (long i = 0; i < count && p < end; i++) {
            long id = version < 2 ? u16(p) : u32(p);
            p += version < 2 ? 2 : 4;
            int constructionMethod = 0;
            if (version == 1 || version == 2) {
                constructionMethod = u16(p) & 0xF;
                p += 2;
            }
            p += 2; // data reference index
            long base = sized(p, baseOffsetSize);
            p += baseOffsetSize;
            int extents = u16(p);
            p += 2;
            long firstOffset = -1;
            long total = 0;
            for (int e = 0; e < extents; e++) {
                p += indexSize;
                long offset = sized(p, offsetSize);
                p += offsetSize;
                long extentLength = sized(p, lengthSize);
                p += lengthSize;
                if (e == 0) {
                    firstOffset = offset;
                }
                total += extentLength;
            }
            // file offsets only (method 0) and one contiguous range: what phones and encoders write for Exif
            if (constructionMethod == 0 && extents == 1 && firstOffset >= 0) {
                locations.put(id, new ExifLocation(base + firstOffset, total));
            }
        }
    }

    private void ipco(int at, int end) {
        int p = at;
        while (p + 8 <= end) {
            long size = u32(p);
            if (size < 8 || p + size > end) {
                return;
            }
            ispes.add(type(p + 4).equals("ispe") && size >= 20 ? new int[] {(int) u32(p + 12), (int) u32(p + 16)}
                    : null);
            p += (int) size;
        }
    }

    private void ipma(int at, int end) {
        int version = u8(at);
        boolean wide = (u8(at + 3) & 1) != 0;
        int p = at + 4;
        long count = u32(p);
        p += 4;
        for (long i = 0; i < count && p < end; i++) {
            long id = version < 1 ? u16(p) : u32(p);
            p += version < 1 ? 2 : 4;
            int n = u8(p++);
            List<Integer> indices = new ArrayList<>(n);
            for (int a = 0; a < n; a++) {
                indices.add(wide ? u16(p) & 0x7FFF : u8(p) & 0x7F);
                p += wide ? 2 : 1;
            }
            associations.put(id, indices);
        }
    }

    private long sized(int at, int size) {
        return switch (size) {
            case 0 -> 0;
            case 4 -> u32(at);
            case 8 -> u64(at);
            default -> throw new IllegalStateException("iloc field size " + size);
        };
    }

    private int u8(int at) {
        check(at, 1);
        return bytes[at] & 0xFF;
    }

    private int u16(int at) {
        check(at, 2);
        return (bytes[at] & 0xFF) << 8 | (bytes[at + 1] & 0xFF);
    }

    private long u32(int at) {
        check(at, 4);
        return (bytes[at] & 0xFFL) << 24 | (bytes[at + 1] & 0xFF) << 16 | (bytes[at + 2] & 0xFF) << 8
                | (bytes[at + 3] & 0xFF);
    }

    private long u64(int at) {
        long value = u32(at) << 32 | u32(at + 4);
        if (value < 0) {
            throw new IllegalStateException("64-bit value out of range");
        }
        return value;
    }

    private String type(int at) {
        check(at, 4);
        return new String(bytes, at, 4, StandardCharsets.ISO_8859_1);
    }

    private void check(int at, int n) {
        if (at < 0 || at + n > length) {
            throw new IndexOutOfBoundsException(at + n + " > " + length);
        }
    }
}
